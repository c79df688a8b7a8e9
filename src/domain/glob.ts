/**
 * Glob patterns for job paths and branch names, as admins write them in other CI integrations:
 * `*` matches within one path segment, `**` across segments, `?` one character; everything
 * else is literal. A pattern without wildcards is an exact match.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '*' && pattern.charAt(i + 1) === '*') {
      // `**/` also matches nothing, so `a/**/b` matches `a/b`.
      if (pattern.charAt(i + 2) === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, 'u');
}

export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

export function globMatches(pattern: string, value: string): boolean {
  return isGlob(pattern) ? globToRegExp(pattern).test(value) : pattern === value;
}
