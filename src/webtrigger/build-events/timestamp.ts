import { Refusal } from '../http';

/** Unix seconds in their one form (as deploy registration, src/webtrigger/signature.ts): the replay key reads this string. */
const CANONICAL = /^[1-9][0-9]{0,9}$/;
export const MAX_SKEW_SECONDS = 300;

/** The signing time, refused when absent, malformed, or more than 5 minutes from now. */
export function requireFreshTimestamp(value: string | undefined, where: string, nowMillis: number): string {
  if (value === undefined || value === '') throw new Refusal(401, 'missing_timestamp', `Send the time of signing, in Unix seconds, in ${where}.`);
  if (!CANONICAL.test(value)) throw new Refusal(401, 'malformed_timestamp', `The timestamp in ${where} must be Unix seconds: digits only, no leading zero, at most 10 digits.`);
  const skew = Math.abs(Math.floor(nowMillis / 1000) - Number(value));
  if (skew > MAX_SKEW_SECONDS) {
    throw new Refusal(401, 'stale_timestamp', `The timestamp in ${where} is ${skew} s away from the current time; at most ${MAX_SKEW_SECONDS} s are accepted. Sign each request when you send it, and check the sender's clock.`);
  }
  return value;
}
