import { Fragment, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { DeployDetail, SnapshotRow } from '../../../../src/shared/contract/issue-panel';
import { duration, shortSha } from '../format';
import { cell, headCell, nestedCell, scroller, subtle, table } from '../styles';
import { ExternalLink } from '../../../shared/src/components/ExternalLink';
import { JenkinsDrilldown } from './JenkinsDrilldown';
import { ShortSha } from './ShortSha';
import { StateLozenge } from '../../../shared/src/components/StateLozenge';

const PROVIDER = { jenkins: 'Jenkins', buildkite: 'Buildkite', circleci: 'CircleCI' } as const;

const count = (n: number) => (n === 1 ? '1 build' : `${n} builds`);

function SnapshotWarning({ detail }: { readonly detail: DeployDetail }) {
  if (!detail.warning) return null;
  const sha = detail.deploy.sha ? shortSha(detail.deploy.sha) : 'its commit';
  const builds = detail.builds.filter((b) => b.kind !== 'deploy');
  const failing = builds.filter((b) => b.stateAtDeploy === 'failed').length;
  const running = builds.filter((b) => b.stateAtDeploy === 'in_progress' || b.stateAtDeploy === 'pending').length;
  return (
    <div data-testid="snapshot-warning">
      <SectionMessage
        appearance="warning"
        title={detail.warning === 'failing' ? `Deployed while a build of ${sha} was failing` : `Deployed before the builds of ${sha} finished`}
      >
        <p>
          {detail.warning === 'failing'
            ? `${count(failing)} of this commit had failed when the deploy started.`
            : `${count(running)} of this commit ${running === 1 ? 'was' : 'were'} still running when the deploy started.`}{' '}
          Compare "At deploy" with "Now" below to see how they ended.
        </p>
      </SectionMessage>
    </div>
  );
}

/** The commit the deploy shipped, linked to its Git host when the repository is known. */
function DeployedCommit({ deploy }: { readonly deploy: DeployDetail['deploy'] }) {
  if (!deploy.sha) return null;
  return (
    <Inline space="space.075" alignBlock="center" testId="deployed-commit">
      <Text color="color.text.subtle">Builds of commit</Text>
      <ShortSha sha={deploy.sha} url={deploy.commitUrl ?? null} />
    </Inline>
  );
}

/** The deploy's own Jenkins run: its stages and log are often what an incident needs first. */
function DeployRunDrilldown({ run }: { readonly run: DeployDetail['run'] }) {
  const [open, setOpen] = useState(false);
  if (!run || run.provider !== 'jenkins' || run.drilldown === false) return null;
  return (
    <div>
      <Button spacing="compact" aria-expanded={open} onClick={() => setOpen(!open)} testId="run-drilldown-toggle">
        {open ? 'Hide the deploy run\'s stages and log' : 'Stages and log of the deploy run'}
      </Button>
      {open ? <JenkinsDrilldown connectionId={run.connectionId} jobId={run.jobId} buildNumber={run.buildNumber} /> : null}
    </div>
  );
}

/** The builds of the deploy's commit as they stood when it started, and as they are now. */
export function BuildsTab({ detail }: { readonly detail: DeployDetail }) {
  const [drilled, setDrilled] = useState<string | null>(null);
  if (detail.builds.length === 0) {
    return (
      <Stack space="space.150">
        <DeployedCommit deploy={detail.deploy} />
        <Text color="color.text.subtle" testId="no-builds">
          No build of this commit was known when it deployed.
        </Text>
        <DeployRunDrilldown run={detail.run} />
      </Stack>
    );
  }
  return (
    <Stack space="space.150">
      <DeployedCommit deploy={detail.deploy} />
      <SnapshotWarning detail={detail} />
      <div style={scroller}>
        <table style={table} data-testid="snapshot" aria-label="Builds of the deployed commit">
          <thead>
            <tr>
              <th style={headCell}>Build</th>
              <th style={headCell}>At deploy</th>
              <th style={headCell}>Now</th>
              <th style={headCell}>Duration</th>
            </tr>
          </thead>
          <tbody>
            {detail.builds.map((build) => {
              const id = `${build.connectionId}/${build.jobId}/${build.number}`;
              const isOpen = drilled === id;
              return (
                <Fragment key={id}>
                  <tr data-testid="snapshot-row">
                    <td style={cell}>
                      <BuildName build={build} />
                      {build.provider === 'jenkins' && build.drilldown !== false ? (
                        <Button
                          spacing="compact"
                          appearance="subtle"
                          aria-expanded={isOpen}
                          aria-controls={`drilldown-${id}`}
                          onClick={() => setDrilled(isOpen ? null : id)}
                          testId="jenkins-drilldown-toggle"
                        >
                          {isOpen ? 'Hide stages and log' : 'Stages and log'}
                        </Button>
                      ) : null}
                    </td>
                    <td style={cell}>
                      <StateLozenge state={build.stateAtDeploy} testId="state-at-deploy" />
                    </td>
                    <td style={cell}>
                      {build.stateNow ? <StateLozenge state={build.stateNow} testId="state-now" /> : <span style={subtle}>No longer stored</span>}
                    </td>
                    <td style={{ ...cell, whiteSpace: 'nowrap' }}>{duration(build.durationMs)}</td>
                  </tr>
                  {isOpen ? (
                    <tr id={`drilldown-${id}`}>
                      <td colSpan={4} style={nestedCell}>
                        <JenkinsDrilldown connectionId={build.connectionId} jobId={build.jobId} buildNumber={build.number} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <DeployRunDrilldown run={detail.run} />
    </Stack>
  );
}

function BuildName({ build }: { readonly build: SnapshotRow }) {
  const path = [...build.folderPath, build.jobName].join(' / ');
  const name = `${path} #${build.number}`;
  return (
    <span>
      {build.url ? <ExternalLink href={build.url}>{name}</ExternalLink> : name}
      <span style={{ ...subtle, display: 'block' }}>
        {PROVIDER[build.provider]}
        {build.kind === 'deploy' ? <span data-testid="deploy-run-note"> · a deploy run, not a build</span> : null}
      </span>
    </span>
  );
}
