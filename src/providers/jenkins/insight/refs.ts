import { InvalidJobReference, type BuildSelector } from '../../../domain/jenkins-insight';
import type { BuildRef } from '../client';

const MAX_SEGMENTS = 25;
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A job's full name (`folder/sub/job`, as `JobRef.id` holds it) as the item names of its path.
 * Jenkins item names cannot contain `/`, so splitting is exact; `.` and `..` are refused because
 * they would walk the URL instead of naming an item.
 */
export function jobPathOf(jobId: string): string[] {
  const segments = jobId.split('/');
  const bad = segments.find((s) => s.length === 0 || s.length > 255 || s === '.' || s === '..' || CONTROL.test(s));
  if (bad !== undefined || segments.length > MAX_SEGMENTS) {
    throw new InvalidJobReference(
      `"${jobId.slice(0, 200)}" is not a Jenkins job's full name.`,
      'Give the full name as in the job URL: folders and job separated by /, for example team/service/deploy.',
    );
  }
  return segments;
}

const PERMALINKS: Readonly<Record<Exclude<BuildSelector, number>, BuildRef>> = {
  last: 'lastBuild',
  lastFailed: 'lastFailedBuild',
  lastSuccessful: 'lastSuccessfulBuild',
};

export function buildRefOf(selector: BuildSelector): BuildRef {
  if (typeof selector === 'number') {
    if (!Number.isSafeInteger(selector) || selector < 1) {
      throw new InvalidJobReference(`${selector} is not a build number.`, 'Build numbers are whole numbers from 1, as in #142.');
    }
    return selector;
  }
  return PERMALINKS[selector];
}

/** How a person would name the build: `api-server #42`, `the last failed build of api-server`. */
export function buildLabel(jobId: string, selector: BuildSelector): string {
  if (typeof selector === 'number') return `${jobId} #${selector}`;
  const which = { last: 'last', lastFailed: 'last failed', lastSuccessful: 'last successful' }[selector];
  return `the ${which} build of ${jobId}`;
}
