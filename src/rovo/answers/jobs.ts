import type { JobDetails, JobListing, JobSummary } from '../../domain/jenkins-insight';
import { briefText, duration, on, percent } from './format';

/** Lines of a listing the answer shows; a Jenkins with thousands of jobs gets a count for the rest. */
const MAX_LISTED = 200;

const KIND_WORDS: Readonly<Record<JobSummary['kind'], string>> = {
  pipeline: 'Pipeline job',
  freestyle: 'freestyle job',
  maven: 'Maven job',
  matrix: 'multi-configuration job',
  multibranch: 'multibranch project',
  'organization-folder': 'organization folder',
  folder: 'folder',
  other: 'job',
};

function statusText(job: JobSummary): string {
  if (job.isContainer) return '';
  const colour = job.colour ? `, ${job.colour.status.replace('-', ' ')}${job.colour.building ? ' (building now)' : ''}` : '';
  return `${colour}; last build ${briefText(job.lastBuild)}`;
}

export function listingAnswer(listing: JobListing, connectionName: string): string {
  const where = listing.folder ? `in folder ${listing.folder}` : 'at the top level and below';
  const depthOf = (job: JobSummary) => job.job.folderPath.length - (listing.folder ? listing.folder.split('/').length : 0);
  const lines = listing.jobs.slice(0, MAX_LISTED).map((job) => `${'  '.repeat(Math.max(0, depthOf(job)))}- ${job.job.id} — ${KIND_WORDS[job.kind]}${statusText(job)}`);
  const more = listing.jobs.length > MAX_LISTED ? [`… and ${listing.jobs.length - MAX_LISTED} more.`] : [];
  const truncated = listing.truncated ? ['The listing stopped early: this Jenkins has more items than one answer covers. Ask about a folder to see its contents.'] : [];
  if (listing.jobs.length === 0) return `No jobs ${where} ${on(connectionName)} (or the Jenkins user may not see them).`;
  return [`${listing.jobs.length} items ${where} ${on(connectionName)} (full names, usable in other questions):`, ...lines, ...more, ...truncated].join('\n');
}

export function jobDetailsAnswer(details: JobDetails, connectionName: string): string {
  const { summary } = details;
  const head = `${summary.job.id} (${KIND_WORDS[summary.kind]}) ${on(connectionName)}`;
  if (summary.isContainer) {
    const children = details.children.map((c) => `- ${c.job.id} — ${KIND_WORDS[c.kind]}${statusText(c)}`);
    return [`${head} holds ${details.children.length} items; ask about one of them for its builds:`, ...children].join('\n');
  }
  const status = summary.colour ? `Status: ${summary.colour.status.replace('-', ' ')}${summary.colour.building ? ', a build is running now' : ''}.` : '';
  const health = details.health.reports.length
    ? `Health: ${details.health.score ?? '?'}/100 — ${details.health.reports.map((r) => r.description).join(' ')}`
    : 'Health: Jenkins reports none.';
  const history = details.history.map((b) => `#${b.number} ${b.state === 'successful' ? 'ok' : b.state.replace('_', ' ')}`).join(', ');
  return [
    `${head}.`,
    ...(details.description ? [`Description: ${details.description}`] : []),
    ...(status ? [status] : []),
    health,
    `Last build: ${briefText(details.lastBuild)}.`,
    `Last successful build: ${briefText(details.lastSuccessfulBuild)}.`,
    `Last failed build: ${briefText(details.lastFailedBuild)}.`,
    `Last ${details.history.length} builds: success rate ${percent(details.successRate)}, trend ${details.trend ?? 'unknown (too few finished builds)'}, average duration ${duration(details.averageDurationMs)}.`,
    ...(history ? [`Newest first: ${history}.`] : []),
  ].join('\n');
}
