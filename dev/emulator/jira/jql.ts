/**
 * A parser for the subset of JQL the emulator answers: `project`, `key` (also `issuekey`, `id`),
 * `status` and `issuetype` (`type`) with `=`, `!=`, `IN`, `NOT IN`, `IS [NOT] EMPTY`; `AND`, `OR`,
 * `NOT` and parentheses; `ORDER BY key|issuekey|id|created|updated [ASC|DESC]`.
 * Anything else fails with a 400 naming what is unsupported, so a query the app needs is noticed.
 */

export type JqlField = 'project' | 'key' | 'status' | 'issuetype';

export interface JqlClause {
  readonly type: 'clause';
  readonly field: JqlField;
  /** The field's name as the query spelled it, lower-cased, for error messages (`issuekey`). */
  readonly spelled: string;
  readonly operator: '=' | '!=' | 'in' | 'not in' | 'is empty' | 'is not empty';
  readonly values: readonly string[];
}

export type JqlExpression =
  | JqlClause
  | { readonly type: 'and' | 'or'; readonly left: JqlExpression; readonly right: JqlExpression }
  | { readonly type: 'not'; readonly operand: JqlExpression };

export type SortField = 'key' | 'created' | 'updated';

export interface JqlQuery {
  readonly where: JqlExpression | undefined;
  readonly orderBy: readonly { readonly field: SortField; readonly direction: 'asc' | 'desc' }[];
}

export class JqlError extends Error {
  constructor(readonly messages: readonly string[]) {
    super(messages.join(' '));
    this.name = 'JqlError';
  }
}

const SUPPORTED =
  "The local Forge emulator's JQL supports: project, key (issuekey, id), status, issuetype (type) with =, !=, IN, NOT IN, IS [NOT] EMPTY; AND, OR, NOT, parentheses; ORDER BY key, id, created, updated. Extend dev/emulator/jira/jql.ts if the app needs more.";

const FIELDS: Record<string, JqlField> = { project: 'project', key: 'key', issuekey: 'key', id: 'key', status: 'status', issuetype: 'issuetype', type: 'issuetype' };
const SORT_FIELDS: Record<string, SortField> = { key: 'key', issuekey: 'key', id: 'key', created: 'created', createddate: 'created', updated: 'updated', updateddate: 'updated' };

/** Real Jira fields the emulator does not filter or sort on: a query using them is valid on Jira. */
const JIRA_FIELDS = new Set(
  'summary description text assignee reporter creator priority resolution resolved resolutiondate labels component fixversion affectedversion sprint parent epic duedate due statuscategory watcher watchers comment environment filter votes voter lastviewed worklogdate timespent level category'.split(' '),
);

interface Token {
  readonly kind: 'word' | 'string' | 'punct' | 'op' | 'end';
  readonly text: string;
  readonly at: number;
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|(!=|!~|>=|<=|=|~|>|<)|([(),])|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s(),=!~<>"']+)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < jql.length) {
    const at = pattern.lastIndex;
    match = pattern.exec(jql);
    if (!match) throw new JqlError([`Error in the JQL Query: The character '${jql[at]}' is a reserved JQL character. (line 1, character ${at + 1})`]);
    const [, op, punct, dq, sq, word] = match;
    if (op !== undefined) tokens.push({ kind: 'op', text: op, at });
    else if (punct !== undefined) tokens.push({ kind: 'punct', text: punct, at });
    else if (dq !== undefined || sq !== undefined) tokens.push({ kind: 'string', text: (dq ?? sq ?? '').replace(/\\(.)/g, '$1'), at });
    else if (word !== undefined) tokens.push({ kind: 'word', text: word, at });
  }
  tokens.push({ kind: 'end', text: '', at: jql.length });
  return tokens;
}

class Parser {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  query(): JqlQuery {
    const where = this.isKeyword('order') ? undefined : this.or();
    const orderBy = this.isKeyword('order') ? this.orderBy() : [];
    const rest = this.peek();
    if (rest.kind !== 'end') this.fail(`Expecting either 'OR' or 'AND' but got '${rest.text}'.`, rest);
    return { where, orderBy };
  }

  private or(): JqlExpression {
    let left = this.and();
    while (this.acceptKeyword('or')) left = { type: 'or', left, right: this.and() };
    return left;
  }

  private and(): JqlExpression {
    let left = this.not();
    while (this.acceptKeyword('and')) left = { type: 'and', left, right: this.not() };
    return left;
  }

  private not(): JqlExpression {
    if (this.acceptKeyword('not')) return { type: 'not', operand: this.not() };
    if (this.acceptPunct('(')) {
      const inner = this.or();
      this.expectPunct(')');
      return inner;
    }
    return this.clause();
  }

  private clause(): JqlClause {
    const token = this.next();
    if (token.kind !== 'word' && token.kind !== 'string') this.fail(`Expecting a field name but got '${token.text || 'end of query'}'.`, token);
    const spelled = token.text.toLowerCase();
    const field = FIELDS[spelled] ?? this.unknownField(token);
    if (this.acceptKeyword('is')) {
      const negated = this.acceptKeyword('not');
      if (!this.acceptKeyword('empty') && !this.acceptKeyword('null')) this.fail("Expecting 'EMPTY' after 'IS'.", this.peek());
      return { type: 'clause', field, spelled, operator: negated ? 'is not empty' : 'is empty', values: [] };
    }
    if (this.acceptKeyword('not')) {
      if (!this.acceptKeyword('in')) this.fail("Expecting 'IN' after 'NOT'.", this.peek());
      return { type: 'clause', field, spelled, operator: 'not in', values: this.list() };
    }
    if (this.acceptKeyword('in')) return { type: 'clause', field, spelled, operator: 'in', values: this.list() };
    const op = this.next();
    if (op.kind !== 'op') this.fail(`Expecting operator but got '${op.text || 'end of query'}'.`, op);
    if (op.text !== '=' && op.text !== '!=') throw new JqlError([`The operator '${op.text}' is not supported by the '${spelled}' field in the emulator. ${SUPPORTED}`]);
    return { type: 'clause', field, spelled, operator: op.text, values: [this.value()] };
  }

  private list(): string[] {
    this.expectPunct('(');
    const values = [this.value()];
    while (this.acceptPunct(',')) values.push(this.value());
    this.expectPunct(')');
    return values;
  }

  private value(): string {
    const token = this.next();
    if (token.kind !== 'word' && token.kind !== 'string') this.fail(`Expecting a value but got '${token.text || 'end of query'}'.`, token);
    if (token.kind === 'word' && this.peek().text === '(') {
      throw new JqlError([`The JQL function '${token.text}()' is not supported by the emulator. ${SUPPORTED}`]);
    }
    return token.text;
  }

  private orderBy(): JqlQuery['orderBy'] {
    this.acceptKeyword('order');
    if (!this.acceptKeyword('by')) this.fail("Expecting 'BY' after 'ORDER'.", this.peek());
    const sorts: { field: SortField; direction: 'asc' | 'desc' }[] = [];
    do {
      const token = this.next();
      const name = token.text.toLowerCase();
      const field = SORT_FIELDS[name];
      if (!field) {
        if (JIRA_FIELDS.has(name) || FIELDS[name]) throw new JqlError([`Sorting by '${token.text}' is not supported by the emulator. ${SUPPORTED}`]);
        throw new JqlError([`Field '${token.text}' does not exist or you do not have permission to view it.`]);
      }
      const descending = this.acceptKeyword('desc');
      if (!descending) this.acceptKeyword('asc');
      sorts.push({ field, direction: descending ? 'desc' : 'asc' });
    } while (this.acceptPunct(','));
    return sorts;
  }

  private unknownField(token: Token): never {
    const name = token.text.toLowerCase();
    if (JIRA_FIELDS.has(name) || name.startsWith('cf[')) {
      throw new JqlError([`The field '${token.text}' is not supported by the emulator. ${SUPPORTED}`]);
    }
    throw new JqlError([`Field '${token.text}' does not exist or you do not have permission to view it.`]);
  }

  private peek(): Token {
    return this.tokens[this.index] ?? { kind: 'end', text: '', at: 0 };
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.index++;
    return true;
  }

  private acceptPunct(punct: string): boolean {
    const token = this.peek();
    if (token.kind !== 'punct' || token.text !== punct) return false;
    this.index++;
    return true;
  }

  private expectPunct(punct: string): void {
    if (!this.acceptPunct(punct)) this.fail(`Expecting '${punct}' but got '${this.peek().text || 'end of query'}'.`, this.peek());
  }

  private fail(message: string, token: Token): never {
    throw new JqlError([`Error in the JQL Query: ${message} (line 1, character ${token.at + 1})`]);
  }
}

export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).query();
}
