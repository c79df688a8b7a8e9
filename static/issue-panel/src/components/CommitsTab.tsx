import Heading from '@atlaskit/heading';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import type { CommitRow, DeployDetail } from '../../../../src/shared/contract/issue-panel';
import { firstLine } from '../format';
import { subtle } from '../styles';
import { ShortSha } from './ShortSha';
import { Time } from './Time';
import { IssueKeyText } from './IssueKeyText';

const listStyle = { listStyle: 'none', margin: 0, padding: 0 } as const;
const itemStyle = { display: 'flex', gap: '8px', alignItems: 'baseline', padding: '4px 0' } as const;

function CommitList({ commits, testId }: { readonly commits: readonly CommitRow[]; readonly testId: string }) {
  return (
    <ul style={listStyle} data-testid={testId}>
      {commits.map((commit) => (
        <li key={commit.sha} style={itemStyle}>
          <ShortSha sha={commit.sha} url={commit.url ?? null} />
          <span>
            <IssueKeyText text={firstLine(commit.message)} />
            <br />
            <span style={subtle}>
              {commit.author ?? 'Unknown author'}
              {commit.timestamp ? (
                <>
                  {' · '}
                  <Time iso={commit.timestamp} />
                </>
              ) : null}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The deploy's commits: those that mention the issue first, then the rest. */
export function CommitsTab({ commits, issueKey }: { readonly commits: DeployDetail['commits']; readonly issueKey: string }) {
  const { mentioning, others, omitted } = commits;
  if (mentioning.length + others.length === 0) {
    return <Text color="color.text.subtle">The CI server reported no commits for this deploy.</Text>;
  }
  return (
    <Stack space="space.200">
      {mentioning.length > 0 ? (
        <Stack space="space.050">
          <Heading size="xxsmall" as="h4">{`Mention ${issueKey} (${mentioning.length})`}</Heading>
          <CommitList commits={mentioning} testId="commits-mentioning" />
        </Stack>
      ) : null}
      {others.length > 0 ? (
        <Stack space="space.050">
          <Heading size="xxsmall" as="h4">{mentioning.length > 0 ? `Other commits (${others.length})` : `Commits (${others.length})`}</Heading>
          <CommitList commits={others} testId="commits-others" />
        </Stack>
      ) : null}
      {omitted > 0 ? <Text color="color.text.subtle" size="small">{`${omitted} more commits were left out to keep the record small.`}</Text> : null}
    </Stack>
  );
}
