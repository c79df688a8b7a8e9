import { useEffect, useState } from 'react';

/**
 * A canvas cannot use CSS variables, so the chart reads the design tokens' values when it draws:
 * the theme CSS (light or dark) has set them on <html> by then. Fallbacks are the light theme's.
 */
export interface ChartColors {
  readonly series: string;
  readonly seriesHover: string;
  readonly grid: string;
  readonly text: string;
  readonly surface: string;
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value === '' ? fallback : value;
}

export function readChartColors(): ChartColors {
  return {
    series: cssVar('--ds-chart-brand', '#1D7AFC'),
    seriesHover: cssVar('--ds-chart-brand-hovered', '#0C66E4'),
    grid: cssVar('--ds-border', '#091E4224'),
    text: cssVar('--ds-text-subtle', '#44546F'),
    surface: cssVar('--ds-surface-overlay', '#FFFFFF'),
  };
}

/**
 * The colour mode setGlobalTheme wrote on <html>; it changes when the host switches theme, and the
 * charts redraw with the new token values.
 */
export function useColorMode(): string {
  const read = () => document.documentElement.getAttribute('data-color-mode') ?? 'light';
  const [mode, setMode] = useState(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setMode(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-color-mode', 'data-theme'] });
    return () => observer.disconnect();
  }, []);
  return mode;
}
