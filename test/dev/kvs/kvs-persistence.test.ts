import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { kvs, MetadataField } from '@forge/kvs';
import type { Platform } from '../../../dev/emulator/platform';
import { freshKvsPlatform } from './platform';

const WRITER = path.join(__dirname, 'fixtures', 'kill-writer.ts');

let dir: string;
let file: string;
const opened: Platform[] = [];

function openPlatform(): Platform {
  const platform = freshKvsPlatform({ storageFile: file });
  opened.push(platform);
  return platform;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kvs-persistence-'));
  file = path.join(dir, 'kvs.sqlite');
});
afterEach(() => {
  for (const platform of opened.splice(0)) platform.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the writer, kills it with SIGKILL once `atLeast` writes were acknowledged, and returns every acknowledged number. */
function writeThenKill(atLeast: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: number[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      acknowledged.push(...lines.map(Number));
      if (acknowledged.length >= atLeast) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`The writer stopped by itself (${String(signal)}) before it was killed: ${stderr}`));
    });
  });
}

describe('KVS persistence in a SQLite file', () => {
  it('finds plain values, secrets, entities and TTLs again after close and reopen', async () => {
    // Given a platform that stored one of each, then closed
    const first = openPlatform();
    await kvs.set('connection:1', { url: 'https://ci.example.com' }, { ttl: { value: 1, unit: 'DAYS' } });
    await kvs.setSecret('token:1', 'example-token');
    await kvs.entity('deployment').set('d1', { pipeline: 'web', environment: 'production', sequence: 1 });
    first.close();

    // When a new platform opens the same file
    openPlatform();

    // Then everything is there, in its own namespace, still queryable
    expect(await kvs.get('connection:1', { metadataFields: [MetadataField.EXPIRE_TIME] })).toEqual({
      key: 'connection:1',
      value: { url: 'https://ci.example.com' },
      expireTime: expect.any(String),
    });
    expect(await kvs.getSecret('token:1')).toBe('example-token');
    expect(await kvs.get('token:1')).toBeUndefined();
    const byIndex = await kvs.entity('deployment').query().index('by-pipeline-environment', { partition: ['web', 'production'] }).getMany();
    expect(byIndex.results.map((r) => r.key)).toEqual(['d1']);
  });

  it('keeps every acknowledged write when the process is killed with SIGKILL mid-stream, and the file stays sound', async () => {
    // Given a writer process killed while it was writing as fast as it could
    const acknowledged = await writeThenKill(150);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    // When the file is reopened
    const db = new Database(file, { readonly: true });
    const integrity: unknown = db.pragma('integrity_check', { simple: true });
    db.close();
    openPlatform();

    // Then SQLite finds no damage and every acknowledged write is there
    expect(integrity).toBe('ok');
    const missing: number[] = [];
    for (let start = 0; start < acknowledged.length; start += 25) {
      const batch = acknowledged.slice(start, start + 25).map((i) => ({ key: `ack:${i}` }));
      const { failedKeys } = await kvs.batchGet(batch);
      missing.push(...failedKeys.map((f) => Number(f.key.slice('ack:'.length))));
    }
    expect(missing).toEqual([]);
  });
});
