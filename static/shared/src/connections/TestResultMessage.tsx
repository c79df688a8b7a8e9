import SectionMessage from '@atlaskit/section-message';
import type { TestResult } from '../../../../src/shared/contract/connections';
import { PROVIDER_LABELS } from './ProviderFields';

/** What the test found: server and version, who the token belongs to, and anything to look at. */
export function TestResultMessage({ result }: { result: TestResult }) {
  const server = `${PROVIDER_LABELS[result.provider]}${result.serverVersion ? ` ${result.serverVersion}` : ''}`;
  return (
    <div role="status" data-testid="test-success">
      <SectionMessage appearance={result.warnings.length ? 'warning' : 'success'} title="Connection works">
        <p>
          Connected to {server}
          {result.user ? (
            <>
              {' '}
              as <strong data-testid="test-user">{result.user}</strong>
            </>
          ) : null}
          .
        </p>
        {result.warnings.length ? (
          <ul>
            {result.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        ) : null}
      </SectionMessage>
    </div>
  );
}
