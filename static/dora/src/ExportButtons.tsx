import Button from '@atlaskit/button/new';
import { Inline, Stack } from '@atlaskit/primitives/compiled';
import { DORA_RESOLVERS, exportCsvSchema, type ExportCsvPayload, type PeriodDays } from '../../../src/shared/contract/dora';
import { FailureMessage } from '../../shared/src/components/FailureMessage';
import { useAction } from '../../shared/src/hooks/useAction';
import { callResolver } from '../../shared/src/resolvers';

/** Hands a CSV to the browser as a download; the object URL is released once the click has used it. */
function download(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** CSV of the figures, and of every deploy behind them, so a lead can check any number by hand. */
export function ExportButtons({ environmentId, periodDays }: { readonly environmentId: string | undefined; readonly periodDays: PeriodDays }) {
  const exportCsv = useAction(async (what: ExportCsvPayload['what']) => {
    const payload = { ...(environmentId ? { environmentId } : {}), periodDays, what };
    const answer = await callResolver(DORA_RESOLVERS.exportCsv, payload, exportCsvSchema);
    download(answer.filename, answer.csv);
    return answer;
  });
  return (
    <Stack space="space.100">
      <Inline space="space.100" shouldWrap>
        <Button onClick={() => void exportCsv.act('figures')} isDisabled={exportCsv.busy} testId="export-figures">
          Export figures (CSV)
        </Button>
        <Button onClick={() => void exportCsv.act('deploys')} isDisabled={exportCsv.busy} testId="export-deploys">
          Export deploys behind the figures (CSV)
        </Button>
      </Inline>
      {exportCsv.failure ? <FailureMessage title="The CSV could not be exported" failure={exportCsv.failure} /> : null}
    </Stack>
  );
}
