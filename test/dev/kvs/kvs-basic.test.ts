import { kvs, MetadataField } from '@forge/kvs';
import type { Platform } from '../../../dev/emulator/platform';
import { refusalOf } from './errors';
import { freshKvsPlatform } from './platform';

const START = Date.UTC(2026, 10, 1, 9, 0, 0);
let now = START;
let platform: Platform;

beforeEach(() => {
  now = START;
  platform = freshKvsPlatform({ clock: () => now });
});
afterEach(() => platform.close());

const ALL_METADATA = [MetadataField.CREATED_AT, MetadataField.UPDATED_AT, MetadataField.EXPIRE_TIME];

/** A nested array `levels` deep, e.g. nested(2) is [["x"]]. */
function nested(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

describe('kvs get/set/delete', () => {
  it('stores a JSON value, reads it back and deletes it', async () => {
    // Given a stored value
    await kvs.set('connection:jenkins-1', { url: 'https://ci.example.com', jobs: ['deploy'], enabled: true, retries: 3 });

    // Then it reads back equal, and after delete reads as undefined
    expect(await kvs.get('connection:jenkins-1')).toEqual({ url: 'https://ci.example.com', jobs: ['deploy'], enabled: true, retries: 3 });
    await kvs.delete('connection:jenkins-1');
    expect(await kvs.get('connection:jenkins-1')).toBeUndefined();
  });

  it('answers KEY_NOT_FOUND for a missing key, which the SDK turns into undefined; deleting it is fine', async () => {
    expect(await kvs.get('never-written')).toBeUndefined();
    await expect(kvs.delete('never-written')).resolves.toBeUndefined();
  });

  it('keeps createdAt, moves updatedAt and reports expireTime when asked for metadata', async () => {
    // Given a value written, then overwritten a minute later with a one-hour TTL
    await kvs.set('sync:cursor', 'a');
    now += 60_000;
    await kvs.set('sync:cursor', 'b', { ttl: { value: 1, unit: 'HOURS' } });

    // When it is read with every metadata field
    const result = await kvs.get('sync:cursor', { metadataFields: ALL_METADATA });

    // Then the times are epoch seconds and the expiry an ISO date
    expect(result).toEqual({
      key: 'sync:cursor',
      value: 'b',
      createdAt: START / 1000,
      updatedAt: START / 1000 + 60,
      expireTime: new Date(START + 60_000 + 3_600_000).toISOString(),
    });
  });

  it('forgets a value once its TTL has passed', async () => {
    await kvs.set('lock:sync', 'held', { ttl: { value: 30, unit: 'SECONDS' } });
    now += 29_999;
    expect(await kvs.get('lock:sync')).toBe('held');
    now += 1;
    expect(await kvs.get('lock:sync')).toBeUndefined();
  });

  // Forge documents no code for this refusal; conditional-write.test.ts runs the app under several.
  it('refuses FAIL_IF_EXISTS on a live key (409 CONDITIONAL_CHECK_FAILED by default), and allows it once the key expired', async () => {
    await kvs.set('lock:sync', 'first', { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: 1, unit: 'MINUTES' } });

    const refusal = await refusalOf(kvs.set('lock:sync', 'second', { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(refusal).toMatchObject({ code: 'CONDITIONAL_CHECK_FAILED', status: 409 });
    expect(await kvs.get('lock:sync')).toBe('first');

    now += 60_000;
    await kvs.set('lock:sync', 'second', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(await kvs.get('lock:sync')).toBe('second');
  });

  it('returns the previous or the latest value when asked to', async () => {
    expect(await kvs.set('counter', 1, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toBeUndefined();
    expect(await kvs.set('counter', 2, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' })).toEqual({ key: 'counter', value: 1 });
    expect(
      await kvs.set('counter', 3, { keyPolicy: 'OVERRIDE', returnValue: 'LATEST', returnMetadataFields: [MetadataField.CREATED_AT] }),
    ).toEqual({ key: 'counter', value: 3, createdAt: START / 1000 });
  });
});

describe('secrets', () => {
  it('live apart from plain keys: same key, two values, and queries never list secrets', async () => {
    // Given a secret and a plain value under the same key
    await kvs.setSecret('token:jenkins-1', 's3cr3t-example');
    await kvs.set('token:jenkins-1', 'plain');

    // Then each API sees only its own
    expect(await kvs.getSecret('token:jenkins-1')).toBe('s3cr3t-example');
    expect(await kvs.get('token:jenkins-1')).toBe('plain');
    await kvs.delete('token:jenkins-1');
    expect(await kvs.getSecret('token:jenkins-1')).toBe('s3cr3t-example');
    expect((await kvs.query().getMany()).results).toEqual([]);

    await kvs.deleteSecret('token:jenkins-1');
    expect(await kvs.getSecret('token:jenkins-1')).toBeUndefined();
  });

  // https://developer.atlassian.com/platform/forge/storage-reference/kvs-api-secret/: secrets are smaller than values
  it('are at most 128 KiB, where a plain value may hold 240 KiB', async () => {
    // Given a value just over 128 KiB once stored as JSON
    const big = 'x'.repeat(128 * 1024);

    // Then the plain KVS takes it and the secret store refuses it with MAX_SIZE
    await kvs.set('big', big);
    expect(await refusalOf(kvs.setSecret('big', big))).toMatchObject({ code: 'MAX_SIZE', status: 400 });
    await kvs.setSecret('just-fits', 'x'.repeat(128 * 1024 - 2));
    expect(await kvs.getSecret('just-fits')).toHaveLength(128 * 1024 - 2);
  });
});

describe('key limits', () => {
  it.each([
    ['an empty key', 'KEY_TOO_SHORT', ''],
    ['501 characters', 'KEY_TOO_LONG', 'k'.repeat(501)],
    ['a slash', 'INVALID_KEY', 'project/DEMO'],
    ['only whitespace', 'INVALID_KEY', '   '],
    ['a non-ASCII letter', 'INVALID_KEY', 'naïve'],
  ])('refuses %s with %s (400), on reads, writes and secrets alike', async (_name, code, key) => {
    expect(await refusalOf(kvs.set(key, 'v'))).toMatchObject({ code, status: 400 });
    expect(await refusalOf(kvs.get(key))).toMatchObject({ code, status: 400 });
    expect(await refusalOf(kvs.setSecret(key, 'v'))).toMatchObject({ code, status: 400 });
  });

  it('accepts 500 characters and every character class of the pattern', async () => {
    await kvs.set('k'.repeat(500), 'v');
    await kvs.set('a Z:0.9_-#\tx', 'v');
    expect(await kvs.get('k'.repeat(500))).toBe('v');
    expect(await kvs.get('a Z:0.9_-#\tx')).toBe('v');
  });
});

describe('value limits', () => {
  const LIMIT = 240 * 1024;

  it('accepts exactly 240 KiB of JSON and refuses one byte more with MAX_SIZE', async () => {
    await kvs.set('big', 'x'.repeat(LIMIT - 2)); // two quote characters
    expect(await refusalOf(kvs.set('big', 'x'.repeat(LIMIT - 1)))).toMatchObject({ code: 'MAX_SIZE', status: 400 });
  });

  it('measures UTF-8 bytes, not characters', async () => {
    const twoBytesEach = 'é'.repeat(LIMIT / 2);
    expect(twoBytesEach.length).toBeLessThan(LIMIT);
    expect((await refusalOf(kvs.set('accented', twoBytesEach))).code).toBe('MAX_SIZE');
  });

  it('accepts 31 levels of nesting and refuses 32 with MAX_DEPTH', async () => {
    await kvs.set('deep', nested(31));
    expect(await kvs.get('deep')).toEqual(nested(31));
    expect(await refusalOf(kvs.set('deep', nested(32)))).toMatchObject({ code: 'MAX_DEPTH', status: 400 });
  });

  it.each([
    ['null', null],
    ['a nested null', { build: { result: null } }],
    ['null in an array', ['a', null]],
    ['NaN, which JSON turns into null', { ratio: Number.NaN }],
  ])('refuses %s with BAD_REQUEST and says where it is', async (_name, value) => {
    const refusal = await refusalOf(kvs.set('with-null', value));
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
    expect(refusal.message).toMatch(/null .*at \$/);
    expect(await kvs.get('with-null')).toBeUndefined();
  });
});
