import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import Button from '@atlaskit/button/new';
import { ExternalLink } from '../../../shared/src/components/ExternalLink';
import { formatDateTime, jobName } from '../../../shared/src/dates';
import type { Preview } from '../../../../src/shared/contract/project-settings';

const STATE_APPEARANCE = {
  successful: 'success',
  failed: 'removed',
  in_progress: 'inprogress',
  pending: 'default',
  cancelled: 'moved',
  unknown: 'default',
} as const;

/** The last synced runs a deploy source would count as deploys. */
export function DeployPreview({ preview, onUseSuggestion }: { preview: Preview; onUseSuggestion: (jobId: string) => void }) {
  return (
    <Stack space="space.100" testId="deploy-preview">
      <Text color="color.text.subtle">
        {preview.jobs.length > 1 ? `Matches ${preview.jobs.length} jobs: ${preview.jobs.map(jobName).join(', ')}. ` : ''}
        {preview.excluded > 0 ? `${preview.excluded} other run${preview.excluded > 1 ? 's' : ''} of the job would not count.` : ''}
      </Text>
      {preview.note ? <Text testId="preview-note">{preview.note}</Text> : null}
      {preview.suggestion ? (
        <span>
          <Button onClick={() => preview.suggestion && onUseSuggestion(preview.suggestion)}>{`Use ${jobName(preview.suggestion)}`}</Button>
        </span>
      ) : null}
      {preview.runs.length > 0 ? (
        <DynamicTable
          head={{ cells: ['Run', 'State', 'Branch', 'Started', 'Parameters'].map((label) => ({ key: label, content: label })) }}
          rows={preview.runs.map((run) => ({
            key: `${run.jobId}#${run.number}`,
            cells: [
              { content: <ExternalLink href={run.url}>{`${jobName(run.jobId)} #${run.number}`}</ExternalLink> },
              { content: <Lozenge appearance={STATE_APPEARANCE[run.state]}>{run.state.replace('_', ' ')}</Lozenge> },
              { content: run.branch ?? '—' },
              { content: formatDateTime(run.startedAt) },
              { content: run.parameters || '—' },
            ],
          }))}
        />
      ) : null}
    </Stack>
  );
}
