import type { ConnectionDraft, ConnectionView } from '../../../../src/shared/contract/connections';
import { buildkiteOrganizationOf, circleciProjectSlugOf } from '../../../../src/domain/provider-urls';
import type { ProviderKind } from './ProviderFields';

/** Everything the connection form may hold; fields of other providers stay undefined. */
export interface ConnectionFormValues {
  readonly name?: string;
  readonly baseUrl?: string;
  readonly username?: string;
  readonly apiToken?: string;
  readonly organization?: string;
  readonly projectSlugs?: string;
  readonly headersText?: string;
  readonly storedHeaders?: string;
  readonly apiBaseUrl?: string;
  readonly agentAccess?: string;
  /** How builds arrive: polled, pushed or both (WebhookSetup shows the set-up once saved). */
  readonly mode?: string;
}

const MODES = ['polled', 'pushed', 'both'] as const;
type Mode = (typeof MODES)[number];
const modeOf = (value: string | undefined): { mode?: Mode } => {
  const found = MODES.find((m) => m === value);
  return found ? { mode: found } : {};
};

/**
 * The draft the backend validates. An empty token field while editing means "keep the stored
 * token"; so does an empty headers field, unless the admin asked to remove the headers.
 */
export function toDraft(kind: ProviderKind, values: ConnectionFormValues, existing: ConnectionView | undefined): ConnectionDraft {
  const token = values.apiToken ?? '';
  const secret = token === '' && existing ? {} : { apiToken: token };
  const name = values.name ?? '';
  const apiBaseUrl = values.apiBaseUrl?.trim() ? { apiBaseUrl: values.apiBaseUrl.trim() } : {};
  switch (kind) {
    case 'jenkins': {
      const text = values.headersText?.trim() ?? '';
      const headers =
        existing && text === '' && values.storedHeaders !== 'remove' ? { mode: 'keep' as const } : { mode: 'replace' as const, text: values.headersText ?? '' };
      return { kind, name, baseUrl: values.baseUrl ?? '', username: values.username ?? '', headers, ...secret, ...modeOf(values.mode) };
    }
    case 'buildkite':
      return { kind, name, organization: buildkiteOrganizationOf(values.organization ?? '').trim(), ...secret, ...apiBaseUrl };
    case 'circleci':
      return {
        kind,
        name,
        projectSlugs: (values.projectSlugs ?? '').split(',').map((s) => circleciProjectSlugOf(s.trim())).filter((s) => s !== ''),
        ...secret,
        ...apiBaseUrl,
        ...modeOf(values.mode),
      };
  }
}
