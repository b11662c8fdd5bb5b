import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/index';
import { renderCallMarkdown, renderFindingMarkdown } from '../../src/core/report';
import { RULES } from '../../src/core/rules';
import { API_KEY, coveoCall, searchToken } from '../panel/helpers';

const NOW = Date.parse('2026-12-02T03:00:00Z');

function analysed(init: Parameters<typeof coveoCall>[0]) {
  const call = analyzeEntry(coveoCall({ startedDateTime: '2026-12-02T03:00:00.250Z', ...init }), { id: 'c7', index: 7 });
  if (!call) throw new Error('not a Coveo call');
  return call;
}

describe('renderCallMarkdown', () => {
  it('names the call, its verdict and reason, where it went, its hub, pipeline, credential and every finding', () => {
    const call = analysed({
      credential: searchToken({}, NOW),
      body: { q: 'reset password', searchHub: 'Support' },
      response: { pipeline: 'support-pipeline', searchUid: 'u', totalCount: 1, results: [] },
    });
    expect(call.verdict).toBe('unenforced');
    expect(call.findings.length).toBeGreaterThan(0);
    const md = renderCallMarkdown(call);
    const lines = md.split('\n');
    expect(lines[0]).toBe('### ❌ Coveo call c7: search, not enforced');
    expect(md).toContain(call.verdictReason.replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`));
    expect(md).toContain('- **Request:** POST acmeorg.org.coveo.com/rest/search/v2 (Coveo host)');
    expect(md).toContain('- **Started:** 2026-12-02 03:00:00.250 UTC');
    expect(md).toContain('- **HTTP status:** 200');
    expect(md).toContain('- **Search hub:** request only "Support" (json; editable, no token claim)');
    expect(md).toContain('served "support-pipeline"');
    expect(md).toContain(
      `- **Credential:** search-token in the Authorization header: ${call.credential.fingerprint!.replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)}`,
    );
    expect(md).toContain(`#### Findings (${call.findings.length})`);
    for (const f of call.findings) {
      expect(md).toContain(`**${f.severity}: ${f.rule.replace(/_/g, '\\_')}**`);
      expect(md).toContain(`[${f.docs}](${f.docs})`);
    }
    expect(md).toContain('Why it matters:');
    expect(md).toContain('What to do:');
  });

  it('shows a request hub that a token claim overrides as a conflict', () => {
    const md = renderCallMarkdown(analysed({ credential: searchToken({ searchHub: 'ACMEPublic' }, NOW), body: { q: '', searchHub: 'Spoof' } }));
    expect(md).toContain('- **Search hub:** token claim "ACMEPublic"; the request names "Spoof" (json), which the claim overrides');
  });

  it('is redacted: fingerprints only, no query string, no search query, no personal claims', () => {
    const token = searchToken(
      {
        searchHub: 'ACMEPublic',
        userIds: [{ name: 'jane.doe@acme.example', provider: 'Email Security Provider', type: 'User' }],
        userDisplayName: 'Jane Doe',
        userGroups: ['Gold customers'],
        filter: '@author==jane.doe@acme.example',
      },
      NOW,
    );
    const withToken = renderCallMarkdown(
      analysed({
        url: `https://acmeorg.org.coveo.com/rest/search/v2?organizationId=acmeorg&access_token=${API_KEY}`,
        credential: token,
        body: { q: 'jane doe invoice', searchHub: 'ACMEPublic' },
      }),
    );
    for (const secret of [token, API_KEY, token.split('.')[1]!, 'jane.doe', 'Jane Doe', 'Gold customers', 'jane doe invoice', 'organizationId=']) {
      expect(withToken).not.toContain(secret);
    }
    // The personal claims are named, not shown; the routing claims are shown.
    expect(withToken).toMatch(/Other claims \(values left out\):.*userIds.*userDisplayName.*userGroups/);
    expect(withToken).toContain('searchHub "ACMEPublic"');
    expect(withToken).toContain('a filter claim (value left out)');
    const withKey = renderCallMarkdown(analysed({ credential: API_KEY }));
    expect(withKey).not.toContain(API_KEY);
    expect(withKey).toContain('xx56…4457');
  });

  it('shows token times as UTC dates, never as epoch numbers', () => {
    const call = analysed({ credential: searchToken({ searchHub: 'A', nbf: NOW / 1000 - 600 }, NOW) });
    const md = renderCallMarkdown(call);
    const iat = call.token!.claims.iat as number;
    expect(md).toContain(
      '- **Token times:** issued 2026-12-02 02:50:00 UTC; not before 2026-12-02 02:50:00 UTC; expires 2026-12-03 02:50:00 UTC; expires 23 h 50 min after this request',
    );
    expect(md).not.toContain(String(iat));
  });

  it('escapes page-controlled text for Markdown', () => {
    const md = renderCallMarkdown(analysed({ credential: searchToken({}, NOW), body: { q: '', searchHub: 'Pub|lic <script>alert(1)</script> **x**' } }));
    expect(md).not.toContain('<script>');
    expect(md).toContain('Pub\\|lic &lt;script&gt;');
    expect(md).toContain('\\*\\*x\\*\\*');
  });
});

describe('renderFindingMarkdown', () => {
  it('gives the rule id and title, severity, message, why, what to do and the docs link', () => {
    const call = analysed({ credential: searchToken({}, NOW), body: { q: '', searchHub: 'Support' } });
    const f = call.findings.find((x) => x.severity === 'error') ?? call.findings[0]!;
    const md = renderFindingMarkdown(f, call);
    const title = RULES.find((r) => r.id === f.rule)?.title;
    expect(md.split('\n')[0]).toBe(`**❌ error: ${f.rule}** (${title}), Coveo call c7 (search)`);
    expect(md).toContain(f.message.replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`).replace(/"/g, '"'));
    expect(md).toContain(`**Why it matters:** ${f.why.replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)}`);
    expect(md).toContain('**What to do:** ');
    expect(md).toContain(`**Docs:** [${f.docs}](${f.docs})`);
  });
});
