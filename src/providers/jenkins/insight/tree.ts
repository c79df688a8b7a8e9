import { BUILD_FIELDS } from '../tree';

/** `tree=` selectors of the insight capabilities: only the fields they show, lists cut on the server. */

const BRIEF = 'number,result,building,timestamp,duration,url';

/** Builds a job's history reaches back; the job details answer shows trend and success rate over them. */
export const HISTORY_SIZE = 25;

/** Folder levels one listing request covers before deeper folders need a request of their own. */
export const LISTING_LEVELS = 5;

/** `jobs[_class,name,color,lastBuild[...],jobs[...]]` nested `levels` deep; the innermost level only names children. */
export function listingTree(levels: number): string {
  let inner = 'jobs[_class,name]';
  for (let level = 0; level < levels; level += 1) inner = `jobs[_class,name,color,lastBuild[${BRIEF}],${inner}]`;
  return inner;
}

export const JOB_DETAILS_TREE = [
  '_class,name,fullName,displayName,description,color',
  'healthReport[score,description]',
  `lastBuild[${BRIEF}]`,
  `lastSuccessfulBuild[${BRIEF}]`,
  `lastFailedBuild[${BRIEF}]`,
  `builds[${BRIEF}]{0,${HISTORY_SIZE}}`,
  `jobs[_class,name,color,lastBuild[${BRIEF}]]`,
].join(',');

export const BUILD_DETAILS_TREE = `_class,${BUILD_FIELDS},description,estimatedDuration`;

/** Enough to turn a permalink into a number and tell a Pipeline run from a freestyle build. */
export const BUILD_IDENTITY_TREE = '_class,number,building';
