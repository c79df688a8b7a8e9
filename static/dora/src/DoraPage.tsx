import { useState } from 'react';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { DORA_RESOLVERS, figuresSchema, type Figures, type PeriodDays } from '../../../src/shared/contract/dora';
import { LoadFailure } from '../../shared/src/components/LoadFailure';
import { formatDateTime } from '../../shared/src/dates';
import { useLoaded } from '../../shared/src/hooks/useLoaded';
import { callResolver } from '../../shared/src/resolvers';
import { Citation } from './Citation';
import { EnvironmentPicker } from './EnvironmentPicker';
import { ExportButtons } from './ExportButtons';
import { LoadingCards } from './LoadingCards';
import { MeasureCard } from './MeasureCard';
import { hasDeploys, measureViews } from './measures';
import { PeriodPicker } from './PeriodPicker';
import { SettingsLink } from './SettingsLink';

const gridStyle = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', gap: 16 } as const;

function Measures({ figures }: { readonly figures: Figures }) {
  const days = figures.period.days;
  if (!figures.environment) {
    return (
      <div data-testid="empty-state">
        <SectionMessage appearance="information" title="No deploys yet">
          <p>This project has no deploys to any environment yet. Figures appear once the app has synced deploys from your CI.</p>
        </SectionMessage>
      </div>
    );
  }
  if (!hasDeploys(figures)) {
    return (
      <div data-testid="empty-state">
        <SectionMessage appearance="information" title={`No deploys to ${figures.environment.name} in the last ${days} days`}>
          <p>Pick a longer period or another environment.</p>
        </SectionMessage>
      </div>
    );
  }
  return (
    <div style={gridStyle} data-testid="measures">
      {measureViews(figures).map((view) => (
        <MeasureCard key={view.measure} view={view} days={days} />
      ))}
    </div>
  );
}

/** The DORA measures of this project: pick an environment and a period, read the five cards, export what is behind them. */
export function DoraPage() {
  const [environmentId, setEnvironmentId] = useState<string | undefined>(undefined);
  const [periodDays, setPeriodDays] = useState<PeriodDays>(30);
  const { state, reload } = useLoaded(
    () => callResolver(DORA_RESOLVERS.figures, { ...(environmentId ? { environmentId } : {}), periodDays }, figuresSchema),
    `${environmentId ?? ''}:${periodDays}`,
  );
  // The controls stay on screen while another environment or period loads.
  const [shown, setShown] = useState<Figures | null>(null);
  if (state.status === 'ready' && state.data !== shown) setShown(state.data);

  return (
    <Stack space="space.250" testId="dora-page">
      <Inline spread="space-between" alignBlock="center" shouldWrap space="space.100">
        <Heading size="large" as="h1">
          DORA metrics{shown ? ` for ${shown.projectKey}` : ''}
        </Heading>
        {shown ? <SettingsLink projectKey={shown.projectKey} /> : null}
      </Inline>
      <Text color="color.text.subtle">
        How often this project deploys, how long changes take to reach an environment, how often a deploy fails and how fast it recovers.
      </Text>
      <Inline space="space.300" alignBlock="end" shouldWrap>
        {shown && shown.environments.length > 0 ? (
          <EnvironmentPicker figures={shown} onChange={setEnvironmentId} />
        ) : null}
        <Stack space="space.050">
          <Text weight="semibold" size="small" color="color.text.subtle" as="span" id="dora-period-label">
            Period
          </Text>
          <PeriodPicker value={periodDays} onChange={setPeriodDays} />
        </Stack>
      </Inline>
      {state.status === 'loading' ? <LoadingCards /> : null}
      {state.status === 'error' ? (
        <LoadFailure title="The DORA figures could not load" failure={state.failure} onRetry={reload} />
      ) : null}
      {state.status === 'ready' ? (
        <>
          <Measures figures={state.data} />
          {state.data.environment && hasDeploys(state.data) ? (
            <Box>
              <ExportButtons environmentId={state.data.environment.id} periodDays={periodDays} />
            </Box>
          ) : null}
          <Text size="small" color="color.text.subtlest">
            {state.data.updatedAt ? `Figures as of ${formatDateTime(state.data.updatedAt)}.` : 'Figures are being computed.'} Periods end today
            (days counted in UTC) and are compared with the {periodDays} days before them.
          </Text>
        </>
      ) : null}
      <Citation />
    </Stack>
  );
}
