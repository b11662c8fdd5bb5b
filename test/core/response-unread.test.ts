// A pipeline claim is checked against the pipeline Coveo says it answered from. When the call had a response body
// that the analysis did not read (too long, not JSON, not captured), that check could not run: the claim is then
// not proof, and the call must not be "enforced" (the response may name another pipeline).
import { describe, expect, it } from 'vitest';
import { analyzeEntry } from '../../src/core/index';
import { MAX_RESPONSE_CHARS } from '../../src/core/response';
import type { CallReport, HarEntryLike } from '../../src/core/types';
import { type CaptureEvent, Collector } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { entry, SEARCH_URL, searchToken } from '../helpers/coveo';

const CONTRADICTING = { pipeline: 'default', searchUid: 'u', totalCount: 1, results: [] };

function search(claims: Record<string, unknown>, text?: string, encoding?: string): HarEntryLike {
  const e = entry(SEARCH_URL, { bearer: searchToken(claims), json: { q: 'x', searchHub: 'Community' } });
  if (text !== undefined) e.response = { status: 200, content: { size: text.length, mimeType: 'application/json', text, ...(encoding ? { encoding } : {}) } };
  return e;
}

const big = JSON.stringify({ ...CONTRADICTING, pad: 'x'.repeat(MAX_RESPONSE_CHARS) });

function verdictOf(e: HarEntryLike, options = {}): CallReport {
  const call = analyzeEntry(e, options);
  if (!call) throw new Error('not a call');
  return call;
}

describe('a pipeline claim with a response body the analysis did not read', () => {
  it('a body over the read limit that names another pipeline: unverifiable, and the reason says why', () => {
    const call = verdictOf(search({ pipeline: 'secure' }, big));
    expect(call.verdict).toBe('unverifiable');
    expect(call.verdictReason).toMatch(/pipeline claim "secure".*response was not read.*too long to read/);
    expect(call.notes.join(' ')).toMatch(/was not read \(over 2000000\)/);
  });

  it('the same with a hub claim beside the pipeline claim: unverifiable', () => {
    expect(verdictOf(search({ pipeline: 'secure', searchHub: 'Community' }, big)).verdict).toBe('unverifiable');
  });

  it.each([
    ['plain text', 'OK', undefined],
    ['a JSON array', '[{"pipeline":"default"}]', undefined],
    ['JSON that does not parse', '{"pipeline":"default",', undefined],
    ['base64 that does not decode', '!!!not base64!!!', 'base64'],
  ])('a body that does not read as JSON (%s): unverifiable', (_what, text, encoding) => {
    expect(verdictOf(search({ pipeline: 'secure' }, text, encoding)).verdict).toBe('unverifiable');
  });

  it('capture could not read the body (the reason comes from capture): unverifiable, with one note', () => {
    const call = verdictOf(search({ pipeline: 'secure' }), { responseUnread: 'DevTools did not return it within 5 s' });
    expect(call.verdict).toBe('unverifiable');
    expect(call.verdictReason).toMatch(/not captured \(DevTools did not return it within 5 s\)/);
    expect(call.notes.filter((n) => n.startsWith('response body not read'))).toEqual([
      "response body not read: DevTools did not return it within 5 s. The response's pipeline, searchUid and errors are unknown.",
    ]);
  });

  it('unchanged: a read body naming the claimed pipeline, or no body in the record, stays enforced', () => {
    expect(verdictOf(search({ pipeline: 'secure' }, JSON.stringify({ ...CONTRADICTING, pipeline: 'Secure' }))).verdict).toBe('enforced');
    expect(verdictOf(search({ pipeline: 'secure' })).verdict).toBe('enforced');
    // A base64 body that decodes to the claimed pipeline is read.
    const b64 = Buffer.from(JSON.stringify({ ...CONTRADICTING, pipeline: 'secure' })).toString('base64');
    expect(verdictOf(search({ pipeline: 'secure' }, b64, 'base64')).verdict).toBe('enforced');
  });

  it('unchanged: a hub claim alone is not checked against the response pipeline, so an unread body does not matter', () => {
    expect(verdictOf(search({ searchHub: 'Community' }, big)).verdict).toBe('enforced');
    expect(verdictOf(search({ searchHub: 'Community' }), { responseUnread: 'No resource' }).verdict).toBe('enforced');
  });
});

describe('live capture: a body DevTools would not return', () => {
  async function capture(content: () => Promise<[string, string | null]>): Promise<CallReport[]> {
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    const got: CaptureEvent[] = [];
    await collector.connect((events) => got.push(...events));
    platform.emitRequest({ entry: search({ pipeline: 'secure' }), content });
    await collector.idle();
    return got.flatMap((e) => (e.type === 'call' ? [e.report] : []));
  }

  it('a refused read: the pipeline-claim call is unverifiable and says why once', async () => {
    const calls = await capture(() => Promise.reject(new Error('No resource with given identifier found')));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.verdict).toBe('unverifiable');
    expect(calls[0]?.notes.filter((n) => n.includes('No resource'))).toHaveLength(1);
  });

  it('a body that is read and names the claimed pipeline: enforced', async () => {
    const calls = await capture(() => Promise.resolve([JSON.stringify({ ...CONTRADICTING, pipeline: 'secure' }), null]));
    expect(calls[0]?.verdict).toBe('enforced');
  });
});
