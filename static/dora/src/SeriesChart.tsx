import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { readChartColors, useColorMode } from './chart-colors';
import { durationUnit } from './format';
import { formatCalendarDay } from '../../shared/src/dates';
import type { MeasureView } from './measures';

// Only what the cards draw, so the rest of chart.js stays out of the bundle.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip);

type Props = Pick<MeasureView, 'series' | 'chart' | 'unit' | 'seriesLabel' | 'measure'>;

function scaled({ series, unit }: Props): { values: (number | null)[]; axis: string } {
  if (unit === 'share') return { values: series.map((p) => (p.value === null ? null : Math.round(p.value * 1000) / 10)), axis: '%' };
  if (unit === 'duration') {
    const max = Math.max(0, ...series.map((p) => p.value ?? 0));
    const { label, seconds } = durationUnit(max);
    return { values: series.map((p) => (p.value === null ? null : Math.round((p.value / seconds) * 10) / 10)), axis: label };
  }
  return { values: series.map((p) => p.value), axis: 'deploys' };
}

/** What a screen reader hears instead of the canvas: the label and the last points. */
function summary(props: Props, values: readonly (number | null)[], axis: string): string {
  const shown = values.filter((v): v is number => v !== null);
  if (shown.length === 0) return `${props.seriesLabel}: nothing to measure in this period`;
  return `${props.seriesLabel} (${axis}): from ${Math.min(...shown)} to ${Math.max(...shown)} over ${values.length} points`;
}

/** A small chart of one measure's daily or weekly series, in the design tokens' colours. */
export function SeriesChart(props: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const colorMode = useColorMode();
  const { values, axis } = scaled(props);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const colors = readChartColors();
    const suffix = axis === '%' ? '%' : axis === 'deploys' ? '' : ` ${axis.slice(0, axis === 'minutes' ? 3 : 1)}`;
    const config: ChartConfiguration<'bar' | 'line', (number | null)[], string> = {
      type: props.chart,
      data: {
        labels: props.series.map((p) => formatCalendarDay(p.start)),
        datasets: [
          {
            label: `${props.seriesLabel} (${axis})`,
            data: values,
            backgroundColor: colors.series,
            hoverBackgroundColor: colors.seriesHover,
            borderColor: colors.series,
            borderWidth: props.chart === 'line' ? 2 : 0,
            pointRadius: props.chart === 'line' ? 2 : 0,
            spanGaps: false,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          legend: { display: false },
          tooltip: { backgroundColor: colors.surface, titleColor: colors.text, bodyColor: colors.text, borderColor: colors.grid, borderWidth: 1 },
        },
        scales: {
          x: {
            ticks: { color: colors.text, maxTicksLimit: 5, maxRotation: 0, autoSkip: true, autoSkipPadding: 12 },
            grid: { display: false },
            border: { color: colors.grid },
          },
          y: {
            beginAtZero: true,
            ticks: { color: colors.text, maxTicksLimit: 4, callback: (value) => `${value}${suffix}` },
            grid: { color: colors.grid },
            border: { display: false },
          },
        },
      },
    };
    const chart = new Chart(element, config);
    return () => chart.destroy();
    // The config is rebuilt from these; colorMode makes a theme switch redraw with the new tokens.
  }, [props.chart, props.series, props.seriesLabel, axis, values.join(','), colorMode]);

  return (
    <div style={{ position: 'relative', height: 120 }}>
      <canvas ref={canvas} role="img" aria-label={summary(props, values, axis)} data-testid={`chart-${props.measure}`} />
    </div>
  );
}

export default SeriesChart;
