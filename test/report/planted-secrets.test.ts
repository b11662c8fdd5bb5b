// Issue 15: the renderers scrub each distinct string once and share the parts of a report that need no change.
// Whatever they skip, a credential planted in any string of a report (keys included) never reaches their output.
import { describe, expect, it } from 'vitest';
import { analyzeEntries, buildReport } from '../../src/core';
import { renderJson, renderMarkdown, renderText } from '../../src/core/report';
import { clockTime } from '../../src/core/report/sanitize';
import { RULES } from '../../src/core/rules';
import { call, finding, FULL_JWT, FULL_KEY, OTHER_JWT, report } from './fixtures';

type Json = unknown;

/** Every string value of `value` with `secret` appended (every third one replaced by it), every key too. */
function plant(value: Json, secret: string, keys: boolean, counter = { n: 0 }): Json {
  if (typeof value === 'string') return counter.n++ % 3 === 0 ? secret : `${value} ${secret}`;
  if (Array.isArray(value)) return value.map((v) => plant(v, secret, keys, counter));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plant(v, secret, keys, counter);
    if (keys) out[`extra ${secret}`] = { [secret]: secret };
    return out;
  }
  return value;
}

const base = () => {
  const f = RULES[0] as (typeof RULES)[number];
  // A finding with the registry's own texts (the JSON renderer skips scrubbing those when they are unchanged).
  const registered = { rule: f.id, severity: f.severity, message: 'm', why: f.why, fix: f.fix, docs: f.docs };
  return report([
    call('c0', { findings: [registered, finding('no-search-hub', 'warning', 'no hub')] }),
    call('c1', { kind: 'querySuggest', probe: undefined }),
  ]);
};

const renderers: [string, (r: never) => string][] = [
  ['json', (r) => renderJson(r)],
  ['json with personal data', (r) => renderJson(r, { includePersonalData: true })],
  ['text', (r) => renderText(r, { color: false, width: 100 })],
  ['markdown', (r) => renderMarkdown(r)],
];

describe('a credential planted in every string of a report never appears in a rendering', () => {
  for (const secret of [FULL_JWT, FULL_KEY, OTHER_JWT]) {
    for (const keys of [false, true]) {
      for (const [name, render] of renderers) {
        it(`${name}: ${secret.slice(0, 6)}… in every string${keys ? ' and key' : ''}`, () => {
          const r = plant(base(), secret, keys) as never;
          const out = render(r);
          expect(out.length).toBeGreaterThan(200);
          expect(out).not.toContain(secret);
          // Rendering the same report twice (the memo of scrubbed strings is per render) changes nothing.
          expect(render(r)).toBe(out);
        });
      }
    }
  }

  it('json: planted into a report the analysis built (shared token objects, findings with registry texts)', () => {
    const entries = Array.from({ length: 6 }, (_, i) => ({
      startedDateTime: `2026-11-24T10:00:0${i}.000Z`,
      request: {
        method: 'POST',
        url: 'https://acme.org.coveo.com/rest/search/v2?organizationId=acme',
        headers: [{ name: 'Authorization', value: `Bearer ${FULL_JWT}` }],
        postData: { mimeType: 'application/json', text: JSON.stringify({ q: `q${i}`, searchHub: 'Public' }) },
      },
      response: { status: 200, headers: [], content: { mimeType: 'application/json', text: '{"totalCount":1}' } },
    }));
    const r = buildReport([analyzeEntries(entries as never, 'a.har')]);
    expect(renderJson(r)).not.toContain(FULL_JWT);
    for (const secret of [FULL_JWT, FULL_KEY]) {
      const out = renderJson(plant(r, secret, true) as never);
      expect(out).not.toContain(secret);
    }
  });
});

describe('clockTime', () => {
  const reference = (s: string) => {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(11, 23);
  };
  it('reads a UTC time with milliseconds as toISOString writes it, and converts anything else', () => {
    const samples = [
      '2026-11-24T10:00:01.250Z',
      '2026-11-24T23:59:59.999Z',
      '2026-11-24T24:00:00.000Z',
      '2026-02-30T10:00:00.000Z',
      '2026-11-24T10:00:01.250+01:00',
      '2026-11-24T10:00:01Z',
      '2026-11-24T10:60:00.000Z',
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
    ];
    let seed = 15;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed % n).toString().padStart(2, '0');
    };
    for (let i = 0; i < 2000; i++) samples.push(`20${next(100)}-${next(14)}-${next(33)}T${next(26)}:${next(61)}:${next(61)}.${next(10)}${next(100)}Z`);
    for (const s of samples) {
      const want = reference(s);
      if (want !== null) expect(clockTime(s)).toBe(want);
    }
  });
});
