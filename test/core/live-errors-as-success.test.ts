// Issue 9 review #3b, the live panel path of #3: DevTools hands over entries without response bodies; when
// getContent() fails or times out on a search-ui call that asked errorsAsSuccess=1, the collector adds a note and
// keeps the verdict computed without the body: `enforced`, though the body (e.g. {"statusCode":419}) was the only
// evidence of a refusal.
import { describe, expect, it } from 'vitest';
import { Collector, type CaptureEvent } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { coveoCall, SEARCH_URL, searchToken } from '../panel/helpers';

describe('live capture: errorsAsSuccess whose body DevTools could not return', () => {
  it('getContent() rejects: the call is not enforced', async () => {
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    const received: CaptureEvent[] = [];
    await collector.connect((events) => received.push(...events));
    const entry = coveoCall({ url: `${SEARCH_URL}&errorsAsSuccess=1`, credential: searchToken({ searchHub: 'Community' }), response: null });
    platform.emitRequest({ entry, content: () => Promise.reject(new Error('No resource with given identifier found')) });
    await collector.idle();
    const call = received.find((e) => e.type === 'call');
    expect(call?.type === 'call' && call.report.notes.join(' ')).toMatch(/response body not read/);
    expect(call?.type === 'call' && call.report.verdict).not.toBe('enforced');
  });
});
