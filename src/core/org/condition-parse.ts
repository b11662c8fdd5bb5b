/**
 * Parses query pipeline conditions (`when $searchHub is "Community" and $tab is "All"`) into a tree: `or` binds
 * looser than `and`, `not` and parentheses as usual. Anything it does not know is an error, never a guess.
 */
import type { ConditionNode, HubOperator, Parsed } from './condition-types';

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
