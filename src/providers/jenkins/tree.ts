/**
 * `tree=` selectors. Asking for exactly these fields keeps answers small and spares Jenkins from
 * loading what we do not read; `{M,N}` ranges cut lists on the server.
 */

const CHANGE_ITEM = 'items[commitId,id,msg,comment,timestamp,date,authorEmail,author[fullName]]';

export const BUILD_FIELDS = [
  'number',
  'url',
  'result',
  'building',
  'timestamp',
  'duration',
  'displayName',
  'fullDisplayName',
  'actions[_class,causes[_class,shortDescription,userId,userName,upstreamProject,upstreamBuild],' +
    'parameters[_class,name,value],lastBuiltRevision[SHA1,branch[SHA1,name]],remoteUrls,scmName]',
  `changeSet[_class,kind,${CHANGE_ITEM}]`,
  `changeSets[_class,kind,${CHANGE_ITEM}]`,
].join(',');

/** How many folder levels one overview request covers before deeper folders need their own request. */
export const TREE_LEVELS = 5;

/**
 * `jobs[_class,name,lastBuild[number],jobs[...]]` nested `levels` deep; the innermost level only
 * names children, so the walk can tell which folders go deeper still.
 */
export function jobsTree(levels: number): string {
  let inner = 'jobs[_class,name]';
  for (let level = 0; level < levels; level += 1) inner = `jobs[_class,name,lastBuild[number],${inner}]`;
  return inner;
}

/**
 * The newest `count` builds of a job. `builds` stops at 100 on the server; `allBuilds` goes further
 * but makes Jenkins load every build record, so it is used only when the range needs it.
 */
export function buildsTree(count: number): string {
  const list = count > 100 ? 'allBuilds' : 'builds';
  return `${list}[${BUILD_FIELDS}]{0,${count}}`;
}
