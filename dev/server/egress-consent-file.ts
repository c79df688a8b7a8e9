import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { EgressConsentStore } from '../emulator/egress-consent';

// A bare string is a backend domain: files written before consents kept their egress types.
const domainSchema = z.union([z.string(), z.object({ domain: z.string(), types: z.array(z.string()) })]);
const fileSchema = z.object({
  groups: z.array(z.object({ key: z.string(), description: z.string(), domains: z.array(domainSchema) })),
});

/**
 * Keeps an admin's customer-managed egress consents in a JSON file next to the KVS file, so they
 * survive a restart of `npm start` as they survive redeploys on Forge.
 */
export class EgressConsentFile {
  constructor(
    private readonly file: string,
    private readonly store: EgressConsentStore,
  ) {}

  load(): void {
    if (!existsSync(this.file)) return;
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) {
      throw new Error(`${this.file} is not an egress consent file: ${z.prettifyError(parsed.error)}. Delete it to start afresh.`);
    }
    this.store.load(parsed.data.groups);
  }

  /** Writes to a temporary file and renames it, so a crash mid-write never leaves half a file. */
  save(): void {
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify({ groups: this.store.list() }, null, 2));
    renameSync(temporary, this.file);
  }
}
