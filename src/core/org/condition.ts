/**
 * Query pipeline conditions (`when $searchHub is "Community" and $tab is "All"`): a small parser and a three-valued
 * evaluation for one search hub. Anything the parser does not know, any clause on something other than the hub
 * (which the request decides) and any case or anchoring question Coveo's documentation leaves open evaluates to
 * `unknown`, never to a guess.
 */

export type HubOperator = 'is' | 'is not' | 'contains' | 'does not contain' | 'matches' | 'does not match' | 'is empty' | 'is not empty';

export type ConditionNode =
  | { kind: 'and' | 'or'; items: ConditionNode[] }
  | { kind: 'not'; item: ConditionNode }
  | { kind: 'cmp'; subject: string; op: HubOperator; value: string | null; regex: { source: string; flags: string } | null };

export type Parsed = { ok: true; node: ConditionNode } | { ok: false; error: string };

export type Tri = true | false | 'unknown';

type Token = { t: 'word' | 'var' | 'str' | 'regex' | '(' | ')'; v: string; flags?: string };

const MAX_CONDITION_CHARS = 20_000;

function tokenize(text: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ t: c, v: c });
      i++;
    } else if (c === '"' || c === "'") {
      let v = '';
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        v += text[i];
        i++;
      }
      if (i >= text.length) return 'unterminated string';
      i++;
      out.push({ t: 'str', v });
    } else if (c === '/') {
      let v = '';
      i++;
      while (i < text.length && text[i] !== '/') {
        if (text[i] === '\\' && i + 1 < text.length) {
          v += text[i];
          i++;
        }
        v += text[i];
        i++;
      }
      if (i >= text.length) return 'unterminated regular expression';
      i++;
      let flags = '';
      while (i < text.length && /[a-z]/i.test(text[i] as string)) flags += text[i++];
      out.push({ t: 'regex', v, flags });
    } else if (c === '$') {
      let v = '$';
      i++;
      while (i < text.length && /[A-Za-z0-9_.]/.test(text[i] as string)) v += text[i++];
      // $context[key] / $context["key"]
      if (text[i] === '[') {
        const end = text.indexOf(']', i);
        if (end < 0) return 'unterminated [';
        v += text.slice(i, end + 1);
        i = end + 1;
      }
      out.push({ t: 'var', v });
    } else if (/[A-Za-z]/.test(c)) {
      let v = '';
      while (i < text.length && /[A-Za-z]/.test(text[i] as string)) v += text[i++];
      out.push({ t: 'word', v: v.toLowerCase() });
    } else {
      return `unexpected character "${c}"`;
    }
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private word(w: string): boolean {
    const tok = this.peek();
    if (tok?.t === 'word' && tok.v === w) {
      this.i++;
      return true;
    }
    return false;
  }

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  expr(): ConditionNode {
    const items = [this.and()];
    while (this.word('or')) items.push(this.and());
    return items.length === 1 ? (items[0] as ConditionNode) : { kind: 'or', items };
  }

  private and(): ConditionNode {
    const items = [this.unary()];
    while (this.word('and')) items.push(this.unary());
    return items.length === 1 ? (items[0] as ConditionNode) : { kind: 'and', items };
  }

  private unary(): ConditionNode {
    if (this.word('not')) return { kind: 'not', item: this.unary() };
    const tok = this.peek();
    if (tok?.t === '(') {
      this.i++;
      const node = this.expr();
      if (this.peek()?.t !== ')') throw new Error('missing )');
      this.i++;
      return node;
    }
    return this.comparison();
  }

  private value(): Token {
    const tok = this.peek();
    if (!tok || (tok.t !== 'str' && tok.t !== 'regex')) throw new Error('expected a quoted value or /regex/');
    this.i++;
    return tok;
  }

  private comparison(): ConditionNode {
    const subject = this.peek();
    if (subject?.t !== 'var') throw new Error(`expected $object, got ${subject ? `"${subject.v}"` : 'the end'}`);
    this.i++;
    const cmp = (op: HubOperator, tok: Token | null): ConditionNode => ({
      kind: 'cmp',
      subject: subject.v,
      op,
      value: tok && tok.t === 'str' ? tok.v : null,
      regex: tok && tok.t === 'regex' ? { source: tok.v, flags: tok.flags ?? '' } : null,
    });
    if (this.word('is')) {
      const negated = this.word('not');
      if (this.word('empty')) return cmp(negated ? 'is not empty' : 'is empty', null);
      if (this.word('populated')) return cmp(negated ? 'is empty' : 'is not empty', null);
      return cmp(negated ? 'is not' : 'is', this.value());
    }
    if (this.word('contains')) return cmp('contains', this.value());
    if (this.word('matches')) return this.regexCmp(cmp, 'matches');
    if (this.word('does')) {
      if (!this.word('not')) throw new Error('expected "does not"');
      if (this.word('contain')) return cmp('does not contain', this.value());
      if (this.word('match')) return this.regexCmp(cmp, 'does not match');
      throw new Error('expected "does not contain" or "does not match"');
    }
    throw new Error(`unknown operator after ${subject.v}`);
  }

  private regexCmp(cmp: (op: HubOperator, tok: Token | null) => ConditionNode, op: HubOperator): ConditionNode {
    const tok = this.value();
    return tok.t === 'regex' ? cmp(op, tok) : cmp(op, { t: 'regex', v: tok.v, flags: '' });
  }
}

/** Parses a condition definition, with or without its leading `when`. */
export function parseCondition(definition: string): Parsed {
  if (typeof definition !== 'string') return { ok: false, error: 'not a string' };
  if (definition.length > MAX_CONDITION_CHARS) return { ok: false, error: 'too long' };
  const tokens = tokenize(definition);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  const start = tokens[0]?.t === 'word' && tokens[0].v === 'when' ? 1 : 0;
  if (tokens.length <= start) return { ok: false, error: 'empty condition' };
  try {
    const parser = new Parser(tokens.slice(start));
    const node = parser.expr();
    if (!parser.done()) return { ok: false, error: 'unexpected text after the condition' };
    return { ok: true, node };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export function isHubSubject(subject: string): boolean {
  return subject.toLowerCase() === '$searchhub';
}

function agree(a: boolean, b: boolean): Tri {
  return a === b ? a : 'unknown';
}

function regexTest(source: string, flags: string, hub: string): Tri {
  let loose: RegExp;
  let anchored: RegExp;
  try {
    const safeFlags = flags.replace(/[^imsu]/g, '');
    loose = new RegExp(source, safeFlags);
    anchored = new RegExp(`^(?:${source})$`, safeFlags);
  } catch {
    return 'unknown';
  }
  // Whether Coveo anchors the expression is not documented: when it would change the answer, say unknown.
  return agree(loose.test(hub), anchored.test(hub));
}

function positive(op: HubOperator, value: string | null, regex: { source: string; flags: string } | null, hub: string | null): Tri {
  const h = hub ?? '';
  switch (op) {
    case 'is':
    case 'is not':
      // Case sensitivity of `is` is not documented either: both readings must agree.
      return agree(h === (value ?? ''), h.toLowerCase() === (value ?? '').toLowerCase());
    case 'contains':
    case 'does not contain':
      return agree(h.includes(value ?? ''), h.toLowerCase().includes((value ?? '').toLowerCase()));
    case 'matches':
    case 'does not match':
      return regex ? regexTest(regex.source, regex.flags, h) : 'unknown';
    case 'is empty':
    case 'is not empty':
      return h === '';
  }
}

function not(v: Tri): Tri {
  return v === 'unknown' ? v : !v;
}

const NEGATIVE_OPS: ReadonlySet<HubOperator> = new Set(['is not', 'does not contain', 'does not match', 'is not empty']);

/**
 * Whether the condition holds for a request whose effective hub is `hub` (null: no hub). Clauses on anything else
 * are `unknown` (the request decides them), or `false` with `others: false` (a request that sends nothing else).
 */
export function evaluateForHub(node: ConditionNode, hub: string | null, others: 'unknown' | false = 'unknown'): Tri {
  switch (node.kind) {
    case 'cmp': {
      if (!isHubSubject(node.subject) && others === 'unknown') return 'unknown';
      // With `others: false`, any other object is absent (empty).
      const v = positive(node.op, node.value, node.regex, isHubSubject(node.subject) ? hub : '');
      return NEGATIVE_OPS.has(node.op) ? not(v) : v;
    }
    case 'not':
      return not(evaluateForHub(node.item, hub, others));
    case 'and': {
      let unknown = false;
      for (const item of node.items) {
        const v = evaluateForHub(item, hub, others);
        if (v === false) return false;
        if (v === 'unknown') unknown = true;
      }
      return unknown ? 'unknown' : true;
    }
    case 'or': {
      let unknown = false;
      for (const item of node.items) {
        const v = evaluateForHub(item, hub, others);
        if (v === true) return true;
        if (v === 'unknown') unknown = true;
      }
      return unknown ? 'unknown' : false;
    }
  }
}

const FLIP: Record<HubOperator, HubOperator> = {
  is: 'is not',
  'is not': 'is',
  contains: 'does not contain',
  'does not contain': 'contains',
  matches: 'does not match',
  'does not match': 'matches',
  'is empty': 'is not empty',
  'is not empty': 'is empty',
};

/** The same condition with every `not` pushed down to the comparisons (operators flipped). */
export function negationNormalForm(node: ConditionNode, negate = false): ConditionNode {
  switch (node.kind) {
    case 'cmp':
      return negate ? { ...node, op: FLIP[node.op] } : node;
    case 'not':
      return negationNormalForm(node.item, !negate);
    case 'and':
    case 'or': {
      const kind = negate ? (node.kind === 'and' ? 'or' : 'and') : node.kind;
      return { kind, items: node.items.map((i) => negationNormalForm(i, negate)) };
    }
  }
}

/** Every comparison, in the condition's negation normal form. */
export function comparisons(node: ConditionNode): Extract<ConditionNode, { kind: 'cmp' }>[] {
  const nnf = negationNormalForm(node);
  const out: Extract<ConditionNode, { kind: 'cmp' }>[] = [];
  const walk = (n: ConditionNode) => {
    if (n.kind === 'cmp') out.push(n);
    else if (n.kind === 'not') walk(n.item);
    else n.items.forEach(walk);
  };
  walk(nnf);
  return out;
}

const POSITIVE_OPS: ReadonlySet<HubOperator> = new Set(['is', 'contains', 'matches']);

export function mentionsHub(node: ConditionNode): boolean {
  return comparisons(node).some((c) => isHubSubject(c.subject));
}

/**
 * True when every way to satisfy the condition goes through a positive hub clause (is, contains, matches): a
 * visitor who cannot choose the hub cannot reach the pipeline by changing something else.
 */
export function requiresPositiveHub(node: ConditionNode): boolean {
  const walk = (n: ConditionNode): boolean => {
    switch (n.kind) {
      case 'cmp':
        return isHubSubject(n.subject) && POSITIVE_OPS.has(n.op);
      case 'not':
        return false; // not reached after negationNormalForm
      case 'and':
        return n.items.some(walk);
      case 'or':
        return n.items.every(walk);
    }
  };
  return walk(negationNormalForm(node));
}

/** The hub clauses with a negative operator (is not, does not contain, does not match, is not empty), after NNF. */
export function negativeHubClauses(node: ConditionNode): Extract<ConditionNode, { kind: 'cmp' }>[] {
  return comparisons(node).filter((c) => isHubSubject(c.subject) && NEGATIVE_OPS.has(c.op));
}

/** Hub values named by `is` clauses (positive): the hubs a pipeline plainly targets. */
export function targetedHubs(node: ConditionNode): string[] {
  return [
    ...new Set(
      comparisons(node)
        .filter((c) => isHubSubject(c.subject) && c.op === 'is' && c.value !== null)
        .map((c) => c.value as string),
    ),
  ];
}

/** A clause as text, for messages. */
export function clauseText(c: Extract<ConditionNode, { kind: 'cmp' }>): string {
  const value = c.regex ? `/${c.regex.source}/${c.regex.flags}` : c.value === null ? '' : JSON.stringify(c.value);
  return `${c.subject} ${c.op}${value ? ` ${value}` : ''}`;
}
