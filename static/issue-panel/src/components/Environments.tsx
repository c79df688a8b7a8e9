import { useState } from 'react';
import Button from '@atlaskit/button/new';
import ChevronDownIcon from '@atlaskit/icon/core/chevron-down';
import ChevronRightIcon from '@atlaskit/icon/core/chevron-right';
import type { EnvironmentGroup } from '../model';
import { cell, headCell, nestedCell, scroller, subtle, table } from '../styles';
import { DeployList } from './DeployList';
import { RunLink } from './RunLink';
import { StateLozenge } from '../../../shared/src/components/StateLozenge';
import { ENVIRONMENT_TYPE_LOOK } from '../../../shared/src/labels';
import { Time } from './Time';
import { roughly } from '../format';
import { formatDateTime, formatDay } from '../../../shared/src/dates';
import { environmentSince } from '../summary';

/** One row per environment with its latest deploy; a row opens that environment's deploy list. */
export function Environments({ groups, issueKey }: { readonly groups: readonly EnvironmentGroup[]; readonly issueKey: string }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div style={scroller}>
      <table style={table} data-testid="environments" aria-label={`Environments ${issueKey} was deployed to`}>
        <thead>
          <tr>
            <th style={headCell}>Environment</th>
            <th style={headCell}>Latest deploy</th>
            <th style={headCell}>When</th>
            <th style={headCell}>Run</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <EnvironmentRows key={group.environment.id} group={group} issueKey={issueKey} isOpen={open.has(group.environment.id)} onToggle={toggle} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EnvironmentRows({
  group,
  issueKey,
  isOpen,
  onToggle,
}: {
  readonly group: EnvironmentGroup;
  readonly issueKey: string;
  readonly isOpen: boolean;
  readonly onToggle: (id: string) => void;
}) {
  const { environment, deploys } = group;
  const latest = deploys[0];
  if (!latest) return null;
  const listId = `deploys-${environment.id}`;
  const typeLabel = ENVIRONMENT_TYPE_LOOK[environment.type].label;
  return (
    <>
      <tr data-testid="environment-row" data-environment={environment.id}>
        <td style={cell}>
          <Button
            appearance="default"
            spacing="compact"
            iconBefore={isOpen ? ChevronDownIcon : ChevronRightIcon}
            aria-expanded={isOpen}
            aria-controls={listId}
            onClick={() => onToggle(environment.id)}
            testId="environment-toggle"
          >
            {environment.name}
          </Button>{' '}
          <span style={{ ...subtle, whiteSpace: 'nowrap' }}>
            {typeLabel.toLowerCase() === environment.name.toLowerCase() ? '' : `${typeLabel} · `}
            {deploys.length === 1 ? '1 deploy' : `${deploys.length} deploys`}
          </span>
          <SinceLine name={environment.name} deploys={deploys} />
        </td>
        <td style={cell}>
          <StateLozenge state={latest.state} testId="environment-state" />
        </td>
        <td style={{ ...cell, whiteSpace: 'nowrap' }}>
          <Time iso={latest.startedAt} showExact />
        </td>
        <td style={cell}>
          <RunLink deploy={latest} />
        </td>
      </tr>
      {isOpen ? (
        <tr id={listId}>
          <td colSpan={4} style={nestedCell}>
            <DeployList deploys={deploys} environmentName={environment.name} issueKey={issueKey} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** "In Production since Dec 5, 2 h after the last commit": where the issue is, said only as far as the data backs it. */
function SinceLine({ name, deploys }: { readonly name: string; readonly deploys: EnvironmentGroup['deploys'] }) {
  const since = environmentSince(deploys);
  const text = since
    ? `In ${name} since ${formatDay(since.since)}${since.afterCommitMs === null ? '' : `, ${roughly(since.afterCommitMs)} after its last commit`}`
    : `Not in ${name}: no successful deploy is in place`;
  return (
    <span data-testid="environment-since" style={{ display: 'block', marginTop: 2 }} title={since ? formatDateTime(since.since) : undefined}>
      {text}
    </span>
  );
}
