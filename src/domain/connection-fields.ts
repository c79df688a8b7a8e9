/** The connection form's labels, so a refusal names the field the way the page does. */
const LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  baseUrl: 'Jenkins URL',
  username: 'Username',
  organization: 'Organisation',
  apiBaseUrl: 'API URL',
  customHeaders: 'Custom HTTP headers',
  mode: 'How builds arrive',
  projectSlugs: 'Project slugs',
};

/** `projectSlugs.1` reads as `project slug 2 ("gh/x")`, `organization` as `Organisation`. */
export function fieldLabel(path: readonly PropertyKey[], input: unknown): string {
  const [field, index] = path;
  if (field === undefined) return 'Connection';
  const label = LABELS[String(field)] ?? String(field);
  if (field === 'projectSlugs' && typeof index === 'number') {
    const slugs = typeof input === 'object' && input !== null && 'projectSlugs' in input ? input.projectSlugs : undefined;
    const value = Array.isArray(slugs) ? slugs[index] : undefined;
    return `Project slug ${index + 1}${typeof value === 'string' ? ` ("${value.slice(0, 80)}")` : ''}`;
  }
  return label;
}
