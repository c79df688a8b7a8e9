import { isRecord } from './protocol';

/** The host URL of a `router` location: a URL string, or one of `NavigationTarget`'s Jira targets. */
export function urlOf(location: unknown): string {
  if (!isRecord(location)) throw new Error('router needs a URL or a navigation location');
  if (typeof location['url'] === 'string') {
    const url = new URL(location['url'], window.location.href);
    // A javascript: or data: URL would run in the host page: Jira refuses them, so does the emulator.
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Cannot navigate to a ${url.protocol} URL`);
    return url.href;
  }
  const target = location['target'];
  const param = (name: string): string => {
    const value = location[name];
    if (typeof value !== 'string' || value === '') throw new Error(`Navigation to "${String(target)}" needs ${name}`);
    return encodeURIComponent(value);
  };
  const origin = window.location.origin;
  switch (target) {
    case 'issue':
      return `${origin}/jira/issue/${param('issueKey')}`;
    case 'projectSettingsDetails':
      return `${origin}/jira/project/${param('projectKey')}/settings`;
    case 'module': {
      const project = typeof location['projectKey'] === 'string' ? `?projectKey=${encodeURIComponent(location['projectKey'])}` : '';
      return `${origin}/jira/apps/${param('moduleKey')}${project}`;
    }
    default:
      throw new Error(`The local Jira cannot navigate to "${String(target)}" (a Confluence or unsupported target)`);
  }
}

export function navigate(location: unknown): boolean {
  const url = urlOf(location);
  const type = isRecord(location) ? location['type'] : undefined;
  if (type === 'new-tab') window.open(url, '_blank', 'noopener');
  else window.location.assign(url);
  return true;
}
