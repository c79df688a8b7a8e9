import DynamicTable from '@atlaskit/dynamic-table';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import Button from '@atlaskit/button/new';
import { ExternalLink } from '../../../shared/src/components/ExternalLink';
import { StateLozenge } from '../../../shared/src/components/StateLozenge';
import { formatDateTime, jobName } from '../../../shared/src/dates';
import type { Preview } from '../../../../src/shared/contract/project-settings';

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
              { content: <StateLozenge state={run.state} /> },
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
