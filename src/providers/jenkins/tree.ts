/**
 * Every `tree=` selector, for the sync and the insight capabilities: exactly the fields the mapping
 * reads (wire.ts validates the same set). Asking for no more keeps answers small and spares Jenkins
 * from loading what we do not read; `{M,N}` ranges cut lists on the server. Jenkins adds `_class`
 * to every object whatever the tree says.
 */

/**
 * Core exports `commitId`, `timestamp`, `msg` and `author` on every SCM's change entries; git adds
 * `comment` (the whole message, where `msg` is its first line). `id` is the commit of Jenkins 1.4xx
 * git entries, from before core exported `commitId`. The sync's build lists ask for the git fields
 * only (`commitId`, `comment`): `msg` and `id` repeat them on every git entry, about 860 bytes a
 * build. A build with an entry lacking either (Subversion, Mercurial, old Jenkins) is asked again
 * with LEGACY_CHANGE_ITEMS (see service.ts), since `tree=` has no "this field, else that one".
 */
const CHANGE_ITEMS = 'items[commitId,comment,timestamp,author[fullName]]';
const LEGACY_CHANGE_ITEMS = 'items[commitId,id,comment,msg,timestamp,author[fullName]]';

/** The causes of a CauseAction (what started the build) and of an InterruptedBuildAction (what stopped it). */
const CAUSES = 'causes[shortDescription,userId,userName,upstreamProject,upstreamBuild]';

/** A test result action's counts, for Jira's testInfo: about 60 bytes on a build with tests, none without. */
const TEST_COUNTS = 'failCount,skipCount,totalCount';

function buildFields(items: string): string {
  return [
    'number',
    'result',
    'building',
    'timestamp',
    'duration',
    `actions[${CAUSES},parameters[name,value],lastBuiltRevision[SHA1,branch[name]],remoteUrls,${TEST_COUNTS}]`,
    // Freestyle builds export one `changeSet`, Pipeline runs `changeSets` (one per checkout).
    `changeSet[${items}]`,
    `changeSets[${items}]`,
  ].join(',');
}

/** One build read on its own: every change field, since a single request has no second chance to be cheap. */
export const BUILD_FIELDS = buildFields(LEGACY_CHANGE_ITEMS);
/** Builds of a list: the git change fields only. */
const LIST_BUILD_FIELDS = buildFields(CHANGE_ITEMS);

/** How many folder levels one overview request covers before deeper folders need their own request. */
export const TREE_LEVELS = 5;

/**
 * `jobs[_class,name,lastBuild[number],jobs[...]]` nested `levels` deep; the innermost level only
 * names children, so the walk can tell which folders go deeper still.
 */
export function jobsTree(levels: number, lastBuild = 'number', extra = ''): string {
  let inner = 'jobs[_class,name]';
  for (let level = 0; level < levels; level += 1) inner = `jobs[_class,name,${extra}lastBuild[${lastBuild}],${inner}]`;
  return inner;
}

/**
 * Items [from, to) of one folder (the root), one level only, each with its last build number.
 * Containers are told by `_class` (map-jobs.ts): asking for even one child of each would make
 * Jenkins list every folder's children to export one. Big instances are read with it a page at a
 * time (discover.ts), so no answer grows with the server.
 */
export function levelTree(from: number, to: number): string {
  return `jobs[_class,name,lastBuild[number]]{${from},${to}}`;
}

/**
 * The newest `count` builds of a job. `builds` stops at 100 on the server; `allBuilds` goes further
 * but makes Jenkins load every build record, so it is used only when the range needs it.
 */
export function buildsTree(count: number, legacyChanges = false): string {
  const list = count > 100 ? 'allBuilds' : 'builds';
  return `${list}[${legacyChanges ? BUILD_FIELDS : LIST_BUILD_FIELDS}]{0,${count}}`;
}

/** Builds at indexes [from, to) of a job's list, newest first: `builds` while the range stays in its 100, else `allBuilds`. */
export function buildRangeTree(from: number, to: number): string {
  return `${to > 100 ? 'allBuilds' : 'builds'}[${BUILD_FIELDS}]{${from},${to}}`;
}

const BRIEF = 'number,result,building,timestamp,duration,url';

/** Builds a job's history reaches back; the job details answer shows trend and success rate over them. */
export const HISTORY_SIZE = 25;

/** `jobs[_class,name,color,lastBuild[...],jobs[...]]` nested `levels` deep: the insight listing. */
export function listingTree(levels: number): string {
  return jobsTree(levels, BRIEF, 'color,');
}

export const JOB_DETAILS_TREE = [
  'description,color',
  'healthReport[score,description]',
  `lastBuild[${BRIEF}]`,
  `lastSuccessfulBuild[${BRIEF}]`,
  `lastFailedBuild[${BRIEF}]`,
  `builds[${BRIEF}]{0,${HISTORY_SIZE}}`,
  `jobs[_class,name,color,lastBuild[${BRIEF}]]`,
].join(',');

export const BUILD_DETAILS_TREE = `${BUILD_FIELDS},displayName,description,estimatedDuration`;

/** Enough to turn a permalink into a number and tell a Pipeline run from a freestyle build. */
export const BUILD_IDENTITY_TREE = 'number,building';

const QUEUE_ITEM = [
  'id,blocked,buildable,stuck,cancelled,inQueueSince,why',
  'task[name,url]',
  'executable[number]',
  `actions[${CAUSES},parameters[name,value]]`,
].join(',');

export const QUEUE_TREE = `items[${QUEUE_ITEM}]`;
