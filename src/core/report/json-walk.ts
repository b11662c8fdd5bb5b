// The JSON renderer's one walk over a report: key order and the secret scrub, copying only what changes.
import { mayHoldSecret } from '../redact';
import { scrubSecrets } from './sanitize';

export type Obj = Record<string, unknown>;

/**
 * One walk does everything: key order and the secret scrub (every string and key through `scrubSecrets`, the
 * last line of defence, except a finding's why/fix/docs when they are the registry's own text), copying only the
 * objects that change, so the report is walked once before `JSON.stringify`.
 */
// The shortest JWT-shaped span `redactSecrets` replaces is 13 characters (`eyJ` + 4, `.`, 4, `.`) and an API key
// is 38: a shorter string cannot carry one.
export const clean = (v: string): string => (v.length < 13 || !mayHoldSecret(v) ? v : scrubSecrets(v));

export interface Shape {
  keys: readonly string[];
  /** Every key, in order, set to `undefined` (which `JSON.stringify` leaves out): a copy starts as a clone of it. */
  template: Obj;
  /** Each known key's position in `keys`. */
  at: Map<string, number>;
  nested: Record<string, (v: unknown) => unknown>;
  /** The key list of the last object of this shape that held known keys only, and whether they were in order. */
  seen: string[];
  seenInOrder: boolean;
  /** For the hot shapes: the copy as one object literal in `keys` order (faster than filling in a clone). */
  build?: (source: Obj) => Obj;
}
export const shape = (keys: readonly string[], nested: Record<string, (v: unknown) => unknown> = {}, build?: (source: Obj) => Obj): Shape => ({
  keys,
  build: build && checkedBuild(keys, build),
  template: Object.fromEntries(keys.map((k) => [k, undefined])),
  at: new Map(keys.map((k, i) => [k, i])),
  seen: [],
  seenInOrder: true,
  nested,
});

/**
 * The object with `keys` first, in that order, then any other key (a field added to the types later) sorted by
 * name: the output's key order never depends on how the report was built. Copy on change: when the object already
 * has only known keys, in that order, and every value comes back unchanged (clean strings, objects already in
 * order), the object itself is returned and `JSON.stringify` writes exactly what the copy would have held.
 */
export function ordered(value: unknown, s: Shape): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return copyOrdered(value, s);
  const source = value as Obj;
  // Only a plain object lists nothing but its own keys in `for…in` (what `JSON.stringify` writes).
  if (!plain(source)) return copyOrdered(value, s);
  // Objects of one shape usually share their key list: compare with the last one seen (interned keys compare by
  // reference), and only look each key up when it differs.
  let i = 0;
  let same = true;
  const seen = s.seen;
  for (const k in source) {
    if (k !== seen[i]) {
      same = false;
      break;
    }
    i++;
  }
  if (!same || i !== seen.length) {
    const keys: string[] = [];
    let last = -1;
    let inOrder = true;
    for (const k in source) {
      const p = s.at.get(k);
      if (p === undefined) return copyOrdered(value, s);
      if (p < last) inOrder = false;
      last = p;
      keys.push(k);
    }
    s.seen = keys;
    s.seenInOrder = inOrder;
  }
  if (!s.seenInOrder) return copyKnown(source, s);
  let out: Obj | null = null;
  for (const k in source) {
    const v = source[k];
    if (v === undefined) continue;
    const fn = s.nested[k];
    const c = fn ? fn(v) : sortedDeep(v);
    if (out === null && c !== v) {
      out = {};
      for (const j in source) {
        if (j === k) break;
        if (source[j] !== undefined) out[j] = source[j];
      }
    }
    if (out !== null) out[k] = c;
  }
  return out ?? source;
}

const plain = (o: object): boolean => {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
};

/** A copy of an object that holds known keys only, out of order: the template's clone, filled in. */
/** A hand-written literal must list exactly `keys`, in order: checked once, when the module loads. */
function checkedBuild(keys: readonly string[], build: (source: Obj) => Obj): (source: Obj) => Obj {
  const probe = build(Object.fromEntries(keys.map((k) => [k, 0])));
  if (Object.keys(probe).join() !== keys.join()) throw new Error(`renderJson: a copy's keys are not ${keys.join()}`);
  return build;
}

function copyKnown(source: Obj, { keys, nested, template, build }: Shape): Obj {
  if (build) return build(source);
  const out: Obj = { ...template };
  for (const key of keys) {
    const v = source[key];
    if (v === undefined) continue;
    const fn = nested[key];
    out[key] = fn ? fn(v) : sortedDeep(v);
  }
  return out;
}

function copyOrdered(value: unknown, { keys, nested }: Shape): Obj {
  const source = (value ?? {}) as Obj;
  const out: Obj = {};
  let known = 0;
  for (const key of keys) {
    const v = source[key];
    if (v === undefined) continue;
    if (Object.hasOwn(source, key)) known++;
    const fn = nested[key];
    out[key] = fn ? fn(v) : sortedDeep(v);
  }
  // Extra keys are rare: look for them only when the object has more own keys than the known ones it holds.
  let own = 0;
  for (const k in source) if (Object.hasOwn(source, k)) own++;
  if (own > known) {
    const isKnown = new Set(keys);
    for (const key of Object.keys(source)
      .filter((k) => !isKnown.has(k))
      .sort()) {
      if (source[key] === undefined) continue;
      out[clean(key)] = sortedDeep(source[key]);
    }
  }
  return out;
}

/** `fn` over an array, copying it only when an element changes. */
function mapped(value: readonly unknown[], fn: (v: unknown) => unknown): unknown[] {
  let out: unknown[] | null = null;
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    const c = fn(v);
    if (out === null && c !== v) out = value.slice(0, i);
    if (out !== null) out.push(c);
  }
  return out ?? (value as unknown[]);
}

/**
 * Free-form records (token claims, counts): keys sorted, recursively; strings and keys scrubbed. Copy on change
 * like `ordered`: a record whose keys are already sorted and clean, holding unchanged values, is returned as is.
 */
export function sortedDeep(value: unknown): unknown {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return mapped(value, sortedDeep);
  if (value !== null && typeof value === 'object') {
    const source = value as Obj;
    const keys = Object.keys(source);
    let same = true;
    for (let i = 0; i < keys.length && same; i++) {
      const k = keys[i] as string;
      if ((i > 0 && (keys[i - 1] as string) >= k) || clean(k) !== k) same = false;
    }
    if (same && plain(source)) {
      let out: Obj | null = null;
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const v = source[k];
        const c = sortedDeep(v);
        if (out === null && c !== v) {
          out = {};
          for (let j = 0; j < i; j++) out[keys[j] as string] = source[keys[j] as string];
        }
        if (out !== null) out[k] = c;
      }
      return out ?? source;
    }
    const out: Obj = {};
    for (const key of keys.sort()) out[clean(key)] = sortedDeep(source[key]);
    return out;
  }
  return value;
}

export const list = (fn: (v: unknown) => unknown) => (v: unknown) => (Array.isArray(v) ? mapped(v, fn) : sortedDeep(v));
