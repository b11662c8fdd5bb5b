import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/core/report';
import { fingerprint } from '../../src/core/redact';
import { call, finding, FULL_JWT, FULL_KEY, hostileReport, HOSTILE_HUB, report, SECRETS, source } from './fixtures';

describe('renderJson', () => {
  it('keeps every value of a clean report (parse(render(r)) equals r)', () => {
    const r = report([call('c0'), call('c1', { kind: 'querySuggest', findings: [finding('no-search-hub', 'warning', 'no hub')] })]);
    expect(JSON.parse(renderJson(r))).toEqual(r);
  });

  it('uses 2-space indentation and ends with a newline', () => {
    const out = renderJson(report([call('c0')]));
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n')[1]).toMatch(/^ {2}"schemaVersion": 1,$/);
  });

  it('writes keys in the documented order, whatever the order of the input object', () => {
    const r = report([call('c0')]);
    const shuffled = JSON.parse(JSON.stringify(r), function (this: unknown, _key, value: unknown) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse());
      }
      return value;
    }) as typeof r;
    expect(Object.keys(shuffled)[0]).toBe('summary');
    const out = renderJson(shuffled);
    expect(out).toBe(renderJson(r));
    const doc = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'tool', 'sources', 'calls', 'pageFindings', 'summary']);
    const c = (doc.calls as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(Object.keys(c).slice(0, 11)).toEqual([
      'id',
      'index',
      'url',
      'method',
      'startedDateTime',
      'kind',
      'api',
      'routing',
      'host',
      'organizationId',
      'searchHub',
    ]);
    expect(Object.keys(c.searchHub as object)).toEqual(['request', 'requestSource', 'token', 'effective']);
    expect(Object.keys(c.credential as object)).toEqual(['type', 'location', 'fingerprint']);
    expect(Object.keys(doc.summary as object)).toEqual(['verdict', 'reason', 'calls', 'hubs', 'counts']);
    expect(Object.keys((doc.summary as { counts: { verdicts: object } }).counts.verdicts)).toEqual([
      'enforced',
      'unenforced',
      'unverifiable',
      'not-applicable',
    ]);
  });

  it('keeps fields added to the types later, after the known ones, sorted', () => {
    const c = { ...call('c0'), zeta: 1, alpha: 2 };
    const doc = JSON.parse(renderJson(report([c]))) as { calls: Record<string, unknown>[] };
    const keys = Object.keys(doc.calls[0] as object);
    expect(keys.slice(-2)).toEqual(['alpha', 'zeta']);
  });

  it('replaces full JWTs and API keys smuggled anywhere with their fingerprints', () => {
    const r = hostileReport();
    r.calls[0]!.token = {
      header: { alg: 'HS256' },
      claims: { [FULL_KEY]: FULL_JWT, nested: [{ t: FULL_JWT }] },
      issuedAt: null,
      expiresAt: null,
      lifetimeSeconds: null,
      secondsToExpiryAtRequest: null,
    };
    const out = renderJson(r);
    for (const secret of SECRETS) expect(out).not.toContain(secret);
    expect(out).not.toContain(FULL_JWT.split('.')[2]);
    expect(out).toContain(fingerprint(FULL_JWT));
    expect(out).toContain(fingerprint(FULL_KEY));
  });

  it('keeps hostile (non-secret) strings as data: JSON escaping makes them inert', () => {
    const out = renderJson(hostileReport());
    const doc = JSON.parse(out) as { calls: { searchHub: { request: string } }[] };
    expect(doc.calls[0]!.searchHub.request).toBe(HOSTILE_HUB);
    expect(out).not.toContain('\u001b');
    expect(out.split('\n').every((line) => !line.includes('| injected |') || line.includes('\\n'))).toBe(true);
  });

  it('redacts decoded personal claims by default and shows them with includePersonalData', () => {
    const claims = {
      v8: true,
      organization: 'acme',
      searchHub: 'Public',
      pipeline: 'p',
      exp: 1,
      userIds: [{ name: 'jane.doe@example.com', provider: 'Email Security Provider', type: 'User' }],
      userDisplayName: 'Jane Doe',
      userGroups: ['Support agents', 'VIP'],
      filter: '@source==Public OR @owner==jane.doe@example.com',
    };
    const c = call('c0');
    c.token = { ...c.token!, claims };
    const r = report([c]);
    const redacted = renderJson(r);
    for (const personal of ['jane.doe@example.com', 'Jane Doe', 'Support agents', 'VIP']) expect(redacted).not.toContain(personal);
    const doc = JSON.parse(redacted) as { calls: { token: { claims: Record<string, unknown> } }[] };
    const out = doc.calls[0]!.token.claims;
    // What routing rests on stays; who the user is does not.
    expect(out).toMatchObject({ searchHub: 'Public', pipeline: 'p', organization: 'acme', exp: 1 });
    expect(out.userIds).toEqual([{ name: '(personal data redacted)', provider: 'Email Security Provider', type: 'User' }]);
    expect(out.userDisplayName).toBe('(personal data redacted)');
    expect(out.userGroups).toEqual(['(personal data redacted)', '(personal data redacted)']);
    expect(out.filter).toBe('@source==Public OR @owner==(personal data redacted)');
    // Revealed on request (CLI --include-personal-data, the panel's setting); credentials stay fingerprints.
    const shown = JSON.parse(renderJson(r, { includePersonalData: true })) as typeof doc;
    expect(shown.calls[0]!.token.claims).toEqual(claims);
    // The report object itself is not changed.
    expect(c.token.claims.userDisplayName).toBe('Jane Doe');
  });

  it('writes what was tested (additive fields) in a stable order', () => {
    const r = report([call('c0')], {
      about: { generatedAt: '2026-11-24T11:00:00.000Z', extensionVersion: '0.3.1', via: 'panel' },
      sources: [
        source({
          browser: { version: '156', name: 'Chrome' },
          page: { title: 'Shop', url: 'https://shop.example/' },
          capturedTo: '2026-11-24T10:00:02.000Z',
          capturedFrom: '2026-11-24T10:00:01.000Z',
        }),
      ],
    });
    const doc = JSON.parse(renderJson(r)) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'tool', 'about', 'sources', 'calls', 'pageFindings', 'summary']);
    expect(Object.keys(doc.about as object)).toEqual(['via', 'extensionVersion', 'generatedAt']);
    const src = (doc.sources as Record<string, unknown>[])[0]!;
    expect(Object.keys(src)).toEqual(['name', 'entries', 'coveoCalls', 'malformed', 'page', 'capturedFrom', 'capturedTo', 'browser']);
    expect(Object.keys(src.page as object)).toEqual(['url', 'title']);
    expect(src.browser).toEqual({ name: 'Chrome', version: '156' });
  });
});
