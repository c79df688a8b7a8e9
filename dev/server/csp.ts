import { z } from 'zod';
import type { Manifest } from '../emulator/manifest';

const sourceList = z.array(z.union([z.string(), z.looseObject({ address: z.string() })])).default([]);

// Only the parts of `permissions` that shape the Custom UI CSP; the rest is the emulator's business.
const cspPermissions = z.looseObject({
  content: z.looseObject({ scripts: z.array(z.string()).default([]), styles: z.array(z.string()).default([]) }).optional(),
  external: z
    .looseObject({
      fetch: z.looseObject({ client: sourceList }).optional(),
      images: sourceList,
      fonts: sourceList,
      styles: sourceList,
      scripts: sourceList,
      frames: sourceList,
      media: sourceList,
    })
    .optional(),
});

const KEYWORDS = new Set(['unsafe-inline', 'unsafe-hashes', 'unsafe-eval', 'self', 'none']);

function source(value: string | { address: string }): string {
  const text = typeof value === 'string' ? value : value.address;
  return KEYWORDS.has(text) ? `'${text}'` : text;
}

function sources(values: ReadonlyArray<string | { address: string }> | undefined): string {
  return (values ?? []).map(source).join(' ');
}

/**
 * The Content-Security-Policy a Custom UI resource gets, built like Forge's from manifest.yml:
 * own-origin only, plus what `permissions.content` and `permissions.external` declare. Enforcing it
 * locally means an inline style or a third-party script fails here first, not after `forge deploy`.
 */
export function customUiCsp(manifest: Manifest, ancestors = `'self'`): string {
  const permissions = cspPermissions.parse(manifest.permissions);
  const content = permissions.content;
  const external = permissions.external;
  const directives = [
    `default-src 'self'`,
    `script-src 'self' ${sources(content?.scripts)} ${sources(external?.scripts)}`,
    `style-src 'self' ${sources(content?.styles)} ${sources(external?.styles)}`,
    `img-src 'self' data: blob: ${sources(external?.images)}`,
    `font-src 'self' data: ${sources(external?.fonts)}`,
    `connect-src 'self' ${sources(external?.fetch?.client)}`,
    `media-src 'self' ${sources(external?.media)}`,
    `frame-src ${sources(external?.frames) || `'none'`}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `frame-ancestors ${ancestors}`,
  ];
  return directives.map((d) => d.replace(/\s+/g, ' ').trim()).join('; ');
}
