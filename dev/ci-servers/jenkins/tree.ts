/**
 * Jenkins' remote API rendering: exported objects, `tree=` selection with `{M,N}` ranges, and the
 * default depth-0 view. Values are built lazily (a field may be a function, a list a `Seq`), so a
 * `tree=` that asks for one field of 200 jobs builds nothing else.
 */

export type Value = null | string | number | boolean | readonly Value[] | Seq | Exported | (() => Value);

/**
 * An `@ExportedBean`: its fields; for a model object with its own URL (build, job, view), the few
 * fields shown where another answer refers to it at depth 0 (`null`: an inline bean such as an
 * action or cause, shown whole); and fields shown only when a `tree=` names them (`allBuilds`).
 */
export class Exported {
  constructor(
    readonly fields: Readonly<Record<string, Value>>,
    readonly shallow: readonly string[] | null = null,
    readonly hidden: readonly string[] = [],
  ) {}
}

/** A list whose items are made only when rendered. */
export class Seq {
  constructor(
    readonly length: number,
    readonly at: (index: number) => Value,
  ) {}
}

export interface Range {
  readonly from: number;
  readonly to: number | null;
}

export type Tree = ReadonlyMap<string, { readonly sub: Tree | null; readonly range: Range | null }>;

export class TreeSyntaxError extends Error {}

/** Parses `a,b[c,d[e]]{0,10},f{3}` as Jenkins' `Tree` does. */
export function parseTree(text: string): Tree {
  let at = 0;
  const list = (): Tree => {
    const out = new Map<string, { sub: Tree | null; range: Range | null }>();
    for (;;) {
      const name = /^[A-Za-z0-9_$.*-]*/.exec(text.slice(at))?.[0] ?? '';
      at += name.length;
      let sub: Tree | null = null;
      let range: Range | null = null;
      if (text[at] === '[') {
        at += 1;
        sub = list();
        if (text[at] !== ']') throw new TreeSyntaxError(`expected ] at ${at} in tree=${text}`);
        at += 1;
      }
      if (text[at] === '{') {
        const end = text.indexOf('}', at);
        if (end < 0) throw new TreeSyntaxError(`unclosed { in tree=${text}`);
        range = parseRange(text.slice(at + 1, end));
        at = end + 1;
      }
      if (name) out.set(name, { sub, range });
      if (text[at] !== ',') return out;
      at += 1;
    }
  };
  const tree = list();
  if (at !== text.length) throw new TreeSyntaxError(`unexpected "${text[at] ?? ''}" at ${at} in tree=${text}`);
  return tree;
}

/** `{M,N}`: M inclusive to N exclusive; `{M,}`, `{,N}`; `{N}`: just item N. */
function parseRange(text: string): Range {
  const parts = text.split(',');
  const num = (s: string | undefined, fallback: number | null): number | null => {
    if (s === undefined || s.trim() === '') return fallback;
    const n = Number(s);
    if (!Number.isInteger(n) || n < 0) throw new TreeSyntaxError(`bad range {${text}}`);
    return n;
  };
  if (parts.length === 1) {
    const only = num(parts[0], 0) ?? 0;
    return { from: only, to: only + 1 };
  }
  return { from: num(parts[0], 0) ?? 0, to: num(parts[1], null) };
}

function resolve(value: Value): Value {
  return typeof value === 'function' ? value() : value;
}

function items(value: Seq | readonly Value[], range: Range | null): Value[] {
  const length = value.length;
  const from = Math.min(range?.from ?? 0, length);
  const to = Math.min(range?.to ?? length, length);
  const out: Value[] = [];
  for (let i = from; i < to; i += 1) out.push(value instanceof Seq ? value.at(i) : (value[i] ?? null));
  return out;
}

/** JSON-ready data: with a tree, only what it names (and `_class`); without, Jenkins' depth 0. */
export function render(value: Value, tree: Tree | null, nested = false, range: Range | null = null): unknown {
  const v = resolve(value);
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Seq || Array.isArray(v)) return items(v as Seq | readonly Value[], range).map((item) => render(item, tree, nested));
  if (!(v instanceof Exported)) return null;
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(v.fields)) {
    if (tree) {
      const wanted = tree.get(name) ?? (tree.has('*') ? { sub: null, range: null } : undefined);
      if (name !== '_class' && !wanted) continue;
      out[name] = render(field, wanted?.sub ?? null, wanted?.sub === null, wanted?.range ?? null);
    } else if (nested && v.shallow ? v.shallow.includes(name) : !v.hidden.includes(name)) {
      out[name] = render(field, null, true);
    }
  }
  return out;
}
