import { useEffect, useRef } from 'react';
import Heading from '@atlaskit/heading';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import {
  JENKINS_INSIGHT_FAILURES,
  JENKINS_INSIGHT_RESOLVERS,
  logTailAnswerSchema,
  stagesAnswerSchema,
  type BuildPayload,
  type LogTailAnswer,
} from '../../../../src/shared/contract/jenkins-insight';
import { useLoaded } from '../../../shared/src/hooks/useLoaded';
import { callResolver } from '../../../shared/src/resolvers';
import { duration } from '../format';
import { cell, headCell, logBox, table } from '../styles';
import { DetailSkeleton } from './DetailSkeleton';
import { PanelError } from './PanelError';
import { StateLozenge } from '../../../shared/src/components/StateLozenge';

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

function logNote(log: LogTailAnswer): string | null {
  if (log.stillRunning) return 'The build is still running: this is its log so far.';
  if (log.complete) return null;
  return `The log has ${kb(log.logBytes)}: its end and the lines around the first error are shown.`;
}

/** The log, scrolled to its end where failures are; focusable so a keyboard can scroll it. */
function LogText({ text }: { readonly text: string }) {
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text]);
  return (
    <pre ref={box} style={logBox} tabIndex={0} aria-label="End of the build log" data-testid="log-tail">
      {text || '(empty log)'}
    </pre>
  );
}

/** A Jenkins build's pipeline stages and the end of its log, asked for only when opened. */
export function JenkinsDrilldown(build: BuildPayload) {
  const key = `${build.connectionId}/${build.jobId}/${build.buildNumber}`;
  const stages = useLoaded(async () => {
    const run = await callResolver(JENKINS_INSIGHT_RESOLVERS.stages, { ...build }, stagesAnswerSchema);
    return run.stages;
  }, `stages:${key}`);
  const log = useLoaded(() => callResolver(JENKINS_INSIGHT_RESOLVERS.logTail, { ...build }, logTailAnswerSchema), `log:${key}`);
  return (
    <Stack space="space.200" testId="jenkins-drilldown">
      <Stack space="space.075">
        <Heading size="xxsmall" as="h4">
          Stages
        </Heading>
        {stages.state.status === 'loading' ? <DetailSkeleton /> : null}
        {stages.state.status === 'error' && stages.state.failure.name === JENKINS_INSIGHT_FAILURES.stagesUnavailable ? (
          <Text color="color.text.subtle" testId="stages-unavailable">
            {`${stages.state.failure.message} ${stages.state.failure.hint}`}
          </Text>
        ) : null}
        {stages.state.status === 'error' && stages.state.failure.name !== JENKINS_INSIGHT_FAILURES.stagesUnavailable ? (
          <PanelError title="Stages could not load" failure={stages.state.failure} onRetry={stages.reload} testId="stages-error" />
        ) : null}
        {stages.state.status === 'ready' && stages.state.data.length === 0 ? (
          <Text color="color.text.subtle">This run reported no stages.</Text>
        ) : null}
        {stages.state.status === 'ready' && stages.state.data.length > 0 ? (
          <table style={table} aria-label="Pipeline stages" data-testid="stages">
            <thead>
              <tr>
                <th style={headCell}>Stage</th>
                <th style={headCell}>State</th>
                <th style={headCell}>Duration</th>
              </tr>
            </thead>
            <tbody>
              {stages.state.data.map((stage) => (
                <tr key={stage.id}>
                  <td style={cell}>
                    {stage.name}
                    {stage.error ? <Text color="color.text.danger" size="small">{` ${stage.error}`}</Text> : null}
                  </td>
                  <td style={cell}>
                    <StateLozenge state={stage.state} />
                  </td>
                  <td style={cell}>{duration(stage.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Stack>
      <Stack space="space.075">
        <Heading size="xxsmall" as="h4">
          End of the log
        </Heading>
        {log.state.status === 'loading' ? <DetailSkeleton /> : null}
        {log.state.status === 'error' ? (
          <PanelError title="The log could not load" failure={log.state.failure} onRetry={log.reload} testId="log-error" />
        ) : null}
        {log.state.status === 'ready' ? (
          <>
            {logNote(log.state.data) ? (
              <Text color="color.text.subtle" size="small">
                {logNote(log.state.data)}
              </Text>
            ) : null}
            <LogText text={log.state.data.text} />
          </>
        ) : null}
      </Stack>
    </Stack>
  );
}
