import { lazy, Suspense } from 'react';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import Skeleton from '@atlaskit/skeleton';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import type { BandLevel } from '../../../src/shared/contract/dora';
import type { MeasureView } from './measures';
import { TrendBadge } from './TrendBadge';

// chart.js loads after the figures are on screen: the first paint stays within the page's budget.
const SeriesChart = lazy(() => import('./SeriesChart'));

const BAND_APPEARANCE: Readonly<Record<BandLevel, 'success' | 'inprogress' | 'moved' | 'removed'>> = {
  elite: 'success',
  high: 'inprogress',
  medium: 'moved',
  low: 'removed',
};

const BAND_NAMES: Readonly<Record<BandLevel, string>> = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' };

export const cardStyle = {
  border: `1px solid ${token('color.border')}`,
  borderRadius: token('radius.large'),
  background: token('elevation.surface.raised'),
  boxShadow: token('elevation.shadow.raised'),
  padding: token('space.200'),
  minWidth: 0,
} as const;

function Band({ view }: { readonly view: MeasureView }) {
  if (view.band === undefined) {
    return <Text color="color.text.subtlest" size="small">No band: the reports define none</Text>;
  }
  if (view.band === null) {
    return <Text color="color.text.subtlest" size="small">No band: nothing to measure</Text>;
  }
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap>
      <span data-testid="band" data-band={view.band}>
        <Lozenge appearance={BAND_APPEARANCE[view.band]} isBold>
          {BAND_NAMES[view.band]}
        </Lozenge>
      </span>
      {view.bandText ? <Text color="color.text.subtlest" size="small">Report: {view.bandText.charAt(0).toLowerCase() + view.bandText.slice(1)}</Text> : null}
    </Inline>
  );
}

/** One measure: its figure, its trend, its band and a small chart of its series. */
export function MeasureCard({ view, days }: { readonly view: MeasureView; readonly days: number }) {
  const headingId = `measure-${view.measure}`;
  return (
    <section style={cardStyle} aria-labelledby={headingId} data-testid="measure-card" data-measure={view.measure}>
      <Stack space="space.100">
        <Heading size="xsmall" as="h2" id={headingId}>
          {view.title}
        </Heading>
        <Text color="color.text.subtle" size="small">
          {view.description}
        </Text>
        <span data-testid="measure-value" style={{ font: token('font.heading.large'), color: token('color.text') }}>
          {view.value ?? '—'}
        </span>
        <Text color="color.text.subtle" size="small">
          <span data-testid="measure-detail">{view.detail}</span>
        </Text>
        <TrendBadge trend={view.trend} days={days} />
        {view.secondTrend ? <TrendBadge trend={view.secondTrend.trend} days={days} label={view.secondTrend.label} /> : null}
        <Band view={view} />
        <Box>
          <Suspense fallback={<Skeleton width="100%" height={120} />}>
            <SeriesChart measure={view.measure} series={view.series} chart={view.chart} unit={view.unit} seriesLabel={view.seriesLabel} />
          </Suspense>
        </Box>
      </Stack>
    </section>
  );
}
