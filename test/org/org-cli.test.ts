import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OrgReport } from '../../src/core/org/audit';
import { ORG_RULES } from '../../src/core/org/rules';
import { acmeOrg, bigOrg, everyRuleOrg, hubScope, PAGE_KEY } from './fixtures';
import { startStandIn, type StandIn } from './platform-stand-in';
import { runOrg } from './run';

const RECORDED = resolve(__dirname, '../fixtures/recorded');
const har = (name: string) => join(RECORDED, name);

let dir: string;
const started: StandIn[] = [];

async function standIn(...orgs: Parameters<typeof startStandIn>[0]): Promise<StandIn> {
  const s = await startStandIn(orgs);
  started.push(s);
  return s;
}

vi.setConfig({ testTimeout: 90_000 });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chi-org-'));
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

function json(stdout: string): OrgReport {
  return JSON.parse(stdout) as OrgReport;
}

function expectOneLineError(r: { code: number | null; stdout: string; errLines: string[] }, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.errLines).toHaveLength(1);
  expect(r.errLines[0]).toMatch(/^coveo-hub-inspector: /);
  expect(r.errLines[0]).toMatch(pattern);
}

describe('org: every rule over a stand-in organization, through the real @coveo/platform-client', () => {
  it('reports each rule of the registry at least once, read-only, without printing the token', async () => {
    const org = everyRuleOrg();
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--format', 'json'], { COVEO_PLATFORM_TOKEN: org.token });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    const fired = new Set(report.findings.map((f) => f.rule));
    for (const rule of ORG_RULES) expect(fired, rule.id).toContain(rule.id);
    expect(report.summary.verdict).toBe('fail');
    expect(report.inventory).toEqual({ apiKeys: org.apiKeys.length, pipelines: org.pipelines.length, searchHubs: 4 });
    expect(s.requests.every((q) => q.method === 'GET')).toBe(true);
    expect(r.stdout).not.toContain(org.token);
    expect(report.organization.credential).toMatch(/…/);
    // A fresh key never used yet is not reported as unused; a disabled one is not reported as unscoped or unused.
    const about = (id: string) => report.findings.filter((f) => f.subject.id === id).map((f) => f.rule);
    expect(about('fresh')).toEqual([]);
    expect(about('disabled')).toEqual(['api-key-disabled']);
    expect(about('page')).toEqual([]);
  });

  it('text and Markdown name the same findings', async () => {
    const org = everyRuleOrg();
    const s = await standIn(org);
    const text = await runOrg(['--org', org.id, '--platform-url', s.url], { COVEO_PLATFORM_TOKEN: org.token });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/Verdict: FAIL/);
    expect(text.stdout).toContain('pipeline-condition-shadowed');
    const md = await runOrg(['--org', org.id, '--platform-url', s.url, '--format', 'markdown', '--fail-on', 'never'], { COVEO_PLATFORM_TOKEN: org.token });
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^# ❌ Coveo organization audit: everyrule/);
    expect(md.stdout).toContain('### ❌ error: api-key-exposed (1)');
  });

  it('lists every page: 250 keys, 130 pipelines, 150 filter rules, 120 hubs', async () => {
    const org = bigOrg();
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--format', 'json', '--fail-on', 'never'], { COVEO_PLATFORM_TOKEN: org.token });
    expect(r.stderr).toBe('');
    const report = json(r.stdout);
    expect(report.inventory).toEqual({ apiKeys: 250, pipelines: 131, searchHubs: 120 });
    // Found only on the third page of keys and the second page of statements.
    expect(report.findings.filter((f) => f.rule === 'api-key-hub-not-enforced').map((f) => f.subject.id)).toEqual(['k237']);
    expect(report.findings.filter((f) => f.rule === 'pipeline-filter-not-on-cq').map((f) => f.message)).toEqual([expect.stringContaining('@deep==1')]);
    expect(s.requests.filter((q) => q.url.includes('/apikeys')).length).toBe(3);
  });

  it('a key listing that ignores paging is read once more, not forever', async () => {
    const org = { ...bigOrg(), keysIgnorePaging: true };
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--format', 'json', '--fail-on', 'never'], { COVEO_PLATFORM_TOKEN: org.token });
    expect(json(r.stdout).inventory.apiKeys).toBe(250);
    expect(s.requests.filter((q) => q.url.includes('/apikeys')).length).toBe(2);
  });

  it('--token-file works and wins over the environment', async () => {
    const org = acmeOrg();
    const s = await standIn(org);
    const file = join(dir, 'token.txt');
    writeFileSync(file, `${org.token}\n`);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--token-file', file, '--format', 'json'], { COVEO_PLATFORM_TOKEN: 'wrong' });
    expect(r.code).toBe(0);
    expect(json(r.stdout).summary.verdict).toBe('pass');
  });

  it('--output writes the report; stdout stays empty', async () => {
    const org = acmeOrg();
    const s = await standIn(org);
    const out = join(dir, 'org.md');
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--format', 'markdown', '-o', out], { COVEO_PLATFORM_TOKEN: org.token });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^# ✅ Coveo organization audit: acmeprod — pass/);
  });
});

describe('org: the HAR join on recorded pages', () => {
  it('headless-api-key.har: the page key scoped to ACMEPublic makes its search calls enforced', async () => {
    const org = acmeOrg();
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--har', har('headless-api-key.har'), '--format', 'json'], {
      COVEO_PLATFORM_TOKEN: org.token,
    });
    expect(r.stderr).toBe('');
    const report = json(r.stdout);
    const join = report.har!;
    expect(join.hubs.map((h) => [h.hub, h.route.status, h.route.pipeline?.name])).toEqual([['ACMEPublic', 'condition', 'public-pipeline']]);
    expect(join.apiKeys).toHaveLength(1);
    expect(join.apiKeys[0]).toMatchObject({ fingerprint: 'xx7c…6b5c', match: 'exact', key: { id: 'page-key', enforcedHub: 'ACMEPublic', clientSafe: true } });
    expect(join.calls.length).toBeGreaterThanOrEqual(10);
    expect(join.calls.every((c) => c.verdictBefore === 'unverifiable' && c.verdict === 'enforced')).toBe(true);
    expect(report.summary.counts.harVerdicts).toMatchObject({ enforced: join.calls.length, unenforced: 0, unverifiable: 0 });
    expect(report.apiKeys.find((k) => k.id === 'page-key')?.seenInHar).toBe(true);
    expect(r.stdout).not.toContain(PAGE_KEY);
    expect(r.code).toBe(0);
  });

  it('search-ui-api-key.har: the same key without a hub scope makes its calls unenforced, and fails', async () => {
    const org = acmeOrg({ additionalConfiguration: undefined });
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--har', har('search-ui-api-key.har'), '--format', 'json'], {
      COVEO_PLATFORM_TOKEN: org.token,
    });
    const report = json(r.stdout);
    expect(report.har!.calls.length).toBeGreaterThan(0);
    expect(report.har!.calls.every((c) => c.verdict === 'unenforced')).toBe(true);
    expect(report.findings.map((f) => f.rule)).toContain('api-key-hub-not-enforced');
    expect(r.code).toBe(1);
  });

  it('a key seen in the HAR holding more than query and push is over-privileged', async () => {
    const org = acmeOrg({
      privacyLevel: undefined,
      privileges: [
        { owner: 'SEARCH_API', targetDomain: 'EXECUTE_QUERY', targetId: '*' },
        { owner: 'PLATFORM', targetDomain: 'SOURCE', targetId: '*', type: 'EDIT' },
      ],
    });
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--har', har('headless-api-key.har'), '--format', 'json'], {
      COVEO_PLATFORM_TOKEN: org.token,
    });
    const f = json(r.stdout).findings.filter((x) => x.rule === 'api-key-client-overprivileged');
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('seen in the HAR')]);
  });

  it('a listing that shows no key value: the key cannot be matched, the calls stay unverifiable', async () => {
    const org = acmeOrg({ value: undefined });
    org.apiKeys = org.apiKeys.map((k) => ({ ...k, value: undefined }));
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--har', har('headless-api-key.har'), '--format', 'json'], {
      COVEO_PLATFORM_TOKEN: org.token,
    });
    const join = json(r.stdout).har!;
    expect(join.apiKeys[0]).toMatchObject({ match: 'not-comparable', key: null });
    expect(join.apiKeys[0]!.reason).toMatch(/exposes no usable part/);
    expect(join.calls.every((c) => c.verdict === 'unverifiable')).toBe(true);
  });

  it('a masked value matches the record but proves nothing: still unverifiable', async () => {
    const org = acmeOrg({ value: 'xx7c3e9a51-****-****-****-********6b5c' });
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--har', har('headless-api-key.har'), '--format', 'json'], {
      COVEO_PLATFORM_TOKEN: org.token,
    });
    const join = json(r.stdout).har!;
    expect(join.apiKeys[0]).toMatchObject({ match: 'partial', key: { id: 'page-key' } });
    expect(join.calls.every((c) => c.verdict === 'unverifiable')).toBe(true);
  });

  it('token HARs: hubs routed, no API-key call to settle, verdicts of check untouched', async () => {
    const org = acmeOrg();
    const s = await standIn(org);
    const r = await runOrg(
      ['--org', org.id, '--platform-url', s.url, '--har', har('headless-token-hub.har'), har('search-ui-token-mismatch.har'), '--format', 'json'],
      { COVEO_PLATFORM_TOKEN: org.token },
    );
    const join = json(r.stdout).har!;
    expect(join.sources.map((x) => x.name)).toEqual([har('headless-token-hub.har'), har('search-ui-token-mismatch.har')]);
    expect(join.calls).toEqual([]);
    expect(join.apiKeys).toEqual([]);
    // search-ui-token-mismatch's body says AgentPanel; the effective hub is the claim.
    expect(join.hubs.map((h) => h.hub)).toEqual(['ACMEPublic']);
    expect(join.hubs[0]!.route.pipeline?.name).toBe('public-pipeline');
  });

  it('a token whose hub no condition names: the default pipeline, and its calls are not enforced after all', async () => {
    const org = acmeOrg({}, { pipelines: acmeOrg().pipelines.filter((p) => p.id !== 'public-pipeline') });
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--har', har('headless-token-hub.har'), '--format', 'json', '--fail-on', 'never'], {
      COVEO_PLATFORM_TOKEN: org.token,
    });
    const report = json(r.stdout);
    const hub = report.har!.hubs[0]!;
    expect(hub.route.status).toBe('default');
    expect(hub.note).toMatch(/default pipeline "default"/);
    // check calls these enforced; with no condition on the hub, a request's pipeline would route them.
    expect(report.har!.calls.length).toBeGreaterThan(5);
    expect(report.har!.calls.every((c) => c.verdictBefore === 'enforced' && c.verdict === 'unenforced')).toBe(true);
    expect(report.summary.verdict).toBe('fail');
  });

  it('an unreadable HAR is one line, exit 2, before any request', async () => {
    const org = acmeOrg();
    const s = await standIn(org);
    const bad = join(dir, 'bad.har');
    writeFileSync(bad, '{"log": {');
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--har', bad], { COVEO_PLATFORM_TOKEN: org.token });
    expectOneLineError(r, /bad\.har: (truncated JSON|not valid JSON)/);
    expect(s.requests).toEqual([]);
  });
});

describe('org: failures are one clear line, exit 2', () => {
  it('403 on API keys names the privilege to grant', async () => {
    const org = acmeOrg({}, { forbid: ['apikeys'] });
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url], { COVEO_PLATFORM_TOKEN: org.token });
    expectOneLineError(r, /missing privilege \(HTTP 403 while listing API keys\): grant "API keys" View/);
  });

  it('403 on pipelines names the pipelines privilege', async () => {
    const org = acmeOrg({}, { forbid: ['pipelines'] });
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url], { COVEO_PLATFORM_TOKEN: org.token });
    expectOneLineError(r, /grant "Query pipelines" View/);
  });

  it('403 on search hubs is a note, not a failure', async () => {
    const org = acmeOrg({}, { forbid: ['hubs'] });
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--format', 'json'], { COVEO_PLATFORM_TOKEN: org.token });
    expect(r.code).toBe(0);
    const report = json(r.stdout);
    expect(report.inventory.searchHubs).toBeNull();
    expect(report.notes).toEqual([expect.stringMatching(/Search hubs were not read .*"Search hubs" View/)]);
  });

  it('401 (expired or wrong token) says to get a new one, and never echoes it', async () => {
    const org = acmeOrg();
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url], { COVEO_PLATFORM_TOKEN: 'expired-token-123456789' });
    expectOneLineError(r, /refused the credential \(HTTP 401 .*get a new token/);
    expect(r.stderr).not.toContain('expired-token-123456789');
  });

  it('a wrong region (the org is unknown there) is a 401 that points at --region', async () => {
    const org = acmeOrg();
    const otherRegion = await standIn();
    const r = await runOrg(['--org', org.id, '--platform-url', otherRegion.url], { COVEO_PLATFORM_TOKEN: org.token });
    expectOneLineError(r, /another region .*--region/);
  });

  it('an unknown organization is a 404 that names it', async () => {
    const org = acmeOrg();
    const s = await standIn(org);
    const r = await runOrg(['--org', 'nosuchorg', '--platform-url', s.url], { COVEO_PLATFORM_TOKEN: org.token });
    expectOneLineError(r, /organization "nosuchorg" not found/);
  });

  it('429 is retried by the client and the audit completes', async () => {
    const org = acmeOrg({}, { throttle: { apikeys: 2, pipelines: 1 } });
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--format', 'json'], { COVEO_PLATFORM_TOKEN: org.token });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(json(r.stdout).inventory.apiKeys).toBe(2);
    expect(s.requests.filter((q) => q.url.includes('/apikeys')).length).toBe(3);
  });

  it('429 without end gives up at --timeout with one line naming the throttling', async () => {
    const org = acmeOrg({}, { throttle: { apikeys: 1000 } });
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--timeout', '2'], { COVEO_PLATFORM_TOKEN: org.token });
    expectOneLineError(r, /within 2 s while listing API keys \(the Platform API answered 429 Too Many Requests \d+ time/);
  });

  it.each([
    ['apikeys', 'shape', /malformed answer .* listing API keys: expected an array/],
    ['pipelines', 'shape', /malformed answer .* listing query pipelines/],
    ['statements', 'shape', /malformed answer .* listing filter rules/],
    ['pipelines', 'text', /malformed answer .* listing query pipelines: expected JSON/],
    ['hubs', 'shape', /malformed answer .* listing search hubs/],
  ] as const)('a malformed answer (%s, %s) is named', async (resource, kind, pattern) => {
    const org = acmeOrg({}, { malformed: { [resource]: kind } });
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url], { COVEO_PLATFORM_TOKEN: org.token });
    expectOneLineError(r, pattern);
  });

  it('a network failure names the host', async () => {
    const s = await startStandIn([]);
    const url = s.url;
    await s.close();
    const r = await runOrg(['--org', 'acmeprod', '--platform-url', url], { COVEO_PLATFORM_TOKEN: 'x' });
    expectOneLineError(r, /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('usage: no credential, a --token flag, bad options', async () => {
    expectOneLineError(await runOrg(['--org', 'acmeprod']), /no credential: set COVEO_PLATFORM_TOKEN or pass --token-file/);
    const flag = await runOrg(['--org', 'acmeprod', '--token', 'secret-value-1'], { COVEO_PLATFORM_TOKEN: 'x' });
    expectOneLineError(flag, /--token is not accepted/);
    expect(flag.stderr).not.toContain('secret-value-1');
    expectOneLineError(await runOrg([], { COVEO_PLATFORM_TOKEN: 'x' }), /org needs --org/);
    expectOneLineError(await runOrg(['--org', 'a', '--region', 'mars'], { COVEO_PLATFORM_TOKEN: 'x' }), /--region must be one of us\|eu\|au\|ca\|hipaa/);
    expectOneLineError(await runOrg(['--org', 'a', '--region', 'eu', '--platform-url', 'http://127.0.0.1:1'], { COVEO_PLATFORM_TOKEN: 'x' }), /not both/);
    expectOneLineError(await runOrg(['--org', 'a', '--stale-days', '0'], { COVEO_PLATFORM_TOKEN: 'x' }), /--stale-days needs a whole number/);
    expectOneLineError(await runOrg(['--org', 'a', '--token-file', join(dir, 'missing.txt')]), /token file not found/);
    const empty = join(dir, 'empty-token.txt');
    writeFileSync(empty, '\n');
    expectOneLineError(await runOrg(['--org', 'a', '--token-file', empty]), /token file is empty/);
    const help = await runOrg(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/COVEO_PLATFORM_TOKEN/);
  });

  it('--stale-days changes what is stale', async () => {
    const org = everyRuleOrg();
    const s = await standIn(org);
    const r = await runOrg(['--org', org.id, '--platform-url', s.url, '--format', 'json', '--stale-days', '365'], { COVEO_PLATFORM_TOKEN: org.token });
    const unused = json(r.stdout)
      .findings.filter((f) => f.rule === 'api-key-unused')
      .map((f) => f.subject.id);
    expect(unused).toEqual(['never']);
    expect(json(r.stdout).options.staleDays).toBe(365);
  });
});

// hubScope is used by fixtures; keep the import honest for readers of this file.
void hubScope;
