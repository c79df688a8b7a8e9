const MIN_SECRET_LENGTH = 4;

/** Replaces every occurrence of a secret (token, Basic credentials, header values) with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join('***');
  }
  return out;
}

/** A URL fit for a message: no credentials, no query string (tokens sometimes travel there). */
export function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
