/**
 * Stateless, deterministic randomness. Every value is a hash of the seed and a path of keys
 * (`unit(seed, 'duration', job, number)`), never the next draw of a generator, so any part of
 * a history can be produced alone and in any order: what makes lazy generation repeatable.
 */

type Key = string | number;

// Hot: looked up once. Inside a vm context (Jest) every `Math.` lookup is a slow global access.
const { imul, floor } = Math;

function mix(h: number, value: number): number {
  return imul(h ^ value, 0x01000193);
}

export function hash32(...keys: readonly Key[]): number {
  let h = 0x811c9dc5;
  for (const key of keys) {
    if (typeof key === 'number') {
      h = mix(h, key | 0);
      h = mix(h, floor(key / 0x100000000) | 0);
    } else {
      for (let i = 0; i < key.length; i += 1) h = mix(h, key.charCodeAt(i));
    }
    h = mix(h, 0xff);
  }
  // murmur3's finaliser: neighbouring keys must not give neighbouring values.
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** In [0, 1). */
export function unit(...keys: readonly Key[]): number {
  return hash32(...keys) / 0x100000000;
}

/** In [min, max). */
export function between(min: number, max: number, ...keys: readonly Key[]): number {
  return Math.floor(min + unit(...keys) * (max - min));
}

export function pick<T>(items: readonly T[], ...keys: readonly Key[]): T {
  const item = items[hash32(...keys) % items.length];
  if (item === undefined) throw new Error('pick() needs a non-empty list');
  return item;
}

/** `length` lowercase hex digits. */
export function hex(length: number, ...keys: readonly Key[]): string {
  let out = '';
  for (let part = 0; out.length < length; part += 1) out += hash32(...keys, part).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** A version-4-shaped UUID whose last group can carry a payload (see `payloadUuid`). */
export function uuid(...keys: readonly Key[]): string {
  const h = hex(32, ...keys);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[hash32(...keys, 'v') % 4] ?? '8'}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * A UUID that names a record without a lookup table: the last group holds `payload` (12 hex
 * digits) masked by the seed, the rest is a hash of it, so ids look random and a made-up id is
 * recognised as unknown.
 */
export function payloadUuid(seed: number, payload: string): string {
  return `${uuid(seed, 'id', payload).slice(0, 24)}${mask(seed, payload)}`;
}

export function readPayloadUuid(seed: number, id: string): string | null {
  const last = id.slice(24);
  if (!/^[0-9a-f]{12}$/.test(last)) return null;
  const payload = mask(seed, last);
  return payloadUuid(seed, payload) === id ? payload : null;
}

/** XOR with a seed-derived key: its own inverse. */
function mask(seed: number, text: string): string {
  const key = hex(12, seed, 'mask');
  let out = '';
  for (let i = 0; i < 12; i += 1) out += (parseInt(text[i] ?? '0', 16) ^ parseInt(key[i] ?? '0', 16)).toString(16);
  return out;
}
