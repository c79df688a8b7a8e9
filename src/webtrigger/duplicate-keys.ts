/**
 * The first object key that appears twice in one object of `json`, which must already be valid
 * JSON. `JSON.parse` silently keeps the last copy, so a body with two `state` fields would be
 * read differently by the sender's tools and by us: such a body is refused instead. Keys are
 * compared decoded, so `"state"` and `"st\u0061te"` are the same key.
 */
export function firstDuplicateKey(json: string): string | undefined {
  // One entry per open container: the keys seen so far in an object, null for an array.
  const open: (Set<string> | null)[] = [];
  let expectingKey = false;
  for (let i = 0; i < json.length; i++) {
    const char = json[i];
    if (char === '"') {
      const end = closingQuote(json, i);
      const keys = open[open.length - 1];
      if (keys && expectingKey) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
        expectingKey = false;
      }
      i = end;
    } else if (char === '{') {
      open.push(new Set());
      expectingKey = true;
    } else if (char === '[') {
      open.push(null);
      expectingKey = false;
    } else if (char === '}' || char === ']') {
      open.pop();
      expectingKey = false;
    } else if (char === ',') {
      expectingKey = open[open.length - 1] instanceof Set;
    }
  }
  return undefined;
}

function closingQuote(json: string, opening: number): number {
  for (let i = opening + 1; i < json.length; i++) {
    if (json[i] === '\\') i++;
    else if (json[i] === '"') return i;
  }
  return json.length - 1;
}
