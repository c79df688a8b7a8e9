/**
 * What a pasted provider URL means for a connection form. People copy the address bar rather than
 * the slug the API wants: a Buildkite pipeline page names the organisation, a CircleCI pipelines
 * page names the project slug. Anything else is returned as it was typed.
 */
const VCS_SLUG: Readonly<Record<string, string>> = { github: 'gh', gh: 'gh', bitbucket: 'bb', bb: 'bb', circleci: 'circleci' };

function urlOf(text: string): URL | null {
  if (!/^https?:\/\//i.test(text.trim())) return null;
  try {
    return new URL(text.trim());
  } catch {
    return null;
  }
}

function parts(url: URL): string[] {
  return url.pathname.split('/').filter((p) => p !== '').map((p) => decodeURIComponent(p));
}

/** `https://buildkite.com/<org>[/<pipeline>…]` → `<org>`. */
export function buildkiteOrganizationOf(text: string): string {
  const url = urlOf(text);
  if (!url || !/(^|\.)buildkite\.com$/i.test(url.hostname)) return text;
  const [first, second] = parts(url);
  // api.buildkite.com/v2/organizations/<org>/…
  if (first === 'v2' && second === 'organizations') return parts(url)[2] ?? text;
  if (first === 'organizations') return second ?? text;
  return first ?? text;
}

/** `https://app.circleci.com/pipelines/<vcs>/<org>/<project>` (or a project settings page) → `<vcs>/<org>/<project>`. */
export function circleciProjectSlugOf(text: string): string {
  const url = urlOf(text);
  if (!url || !/(^|\.)circleci\.com$/i.test(url.hostname)) return text;
  const path = parts(url);
  const start = path[0] === 'pipelines' || path[0] === 'projects' ? 1 : path[0] === 'settings' && path[1] === 'project' ? 2 : -1;
  const [vcs, org, project] = start < 0 ? [] : path.slice(start, start + 3);
  if (!vcs || !org || !project) return text;
  return `${VCS_SLUG[vcs.toLowerCase()] ?? vcs}/${org}/${project}`;
}
