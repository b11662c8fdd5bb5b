// Issue 14, point 3: the collector's parts on their own (body reader, buffer, page sessions, seen keys), on fake time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BODY_READS_AT_ONCE, BodyReader } from '../../src/devtools/capture/body-reader';
import { CaptureBuffer } from '../../src/devtools/capture/buffer';
import { type CaptureEvent, type CapturedCall, SeenKeys } from '../../src/devtools/capture/events';
import { CLOCK_TOLERANCE_MS, PageSessions } from '../../src/devtools/capture/page-sessions';
import { systemTimers } from '../../src/devtools/capture/timers';
import { createRealPlatform, type DevtoolsApi, type RawRequest } from '../../src/devtools/platform';
import { coveoCall } from './helpers';

afterEach(() => vi.useRealTimers());

const hanging = (): RawRequest => ({ entry: coveoCall({ response: null }), getContent: () => new Promise(() => {}) });
const answering = (body: string, second: string | null = null): RawRequest => ({
  entry: coveoCall({ response: null }),
  getContent: () => Promise.resolve([body, second]),
});

describe('the body reader', () => {
  it('reads at most BODY_READS_AT_ONCE bodies at once; a queued read starts when a slot frees', async () => {
    vi.useFakeTimers();
    const reader = new BodyReader(1_000, systemTimers);
    let started = 0;
    const counting = (): RawRequest => ({
      entry: coveoCall({ response: null }),
      getContent: () => {
        started++;
        return new Promise(() => {});
      },
    });
    const reads = Array.from({ length: BODY_READS_AT_ONCE + 2 }, () => reader.read(counting(), coveoCall({ response: null })));
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toBe(BODY_READS_AT_ONCE);
    await vi.advanceTimersByTimeAsync(1_000); // the first eight time out together, the last two start
    expect(started).toBe(BODY_READS_AT_ONCE + 2);
    await vi.advanceTimersByTimeAsync(1_000);
    const results = await Promise.all(reads);
    expect(results.every((r) => r.note?.includes('within 1 s'))).toBe(true);
  });

  it('has one timeout: the note names it, and nothing else cuts the read short', async () => {
    vi.useFakeTimers();
    const reader = new BodyReader(7_000, systemTimers);
    let settled = false;
    const read = reader.read(hanging(), coveoCall({ response: null })).then((r) => {
      settled = true;
      return r;
    });
    await vi.advanceTimersByTimeAsync(6_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await read).note).toBe('DevTools did not return it within 7 s');
  });

  it("the real platform's getContent sets no timeout of its own (it would stack on the reader's)", async () => {
    vi.useFakeTimers();
    const listeners: ((r: unknown) => void)[] = [];
    const event = { addListener: (l: (r: unknown) => void) => listeners.push(l), removeListener: () => {} };
    const platform = createRealPlatform({
      network: { onRequestFinished: event, onNavigated: event },
      inspectedWindow: {},
      panels: {},
    } as unknown as DevtoolsApi);
    const seen: RawRequest[] = [];
    platform.onRequest((r) => seen.push(r));
    listeners[0]?.({ ...coveoCall(), getContent: () => undefined });
    let settled = false;
    seen[0]?.getContent().then(
      () => (settled = true),
      () => (settled = true),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toBe(false);
  });

  it('decodes base64, keeps other bodies as they are, and hands a body over the limit on undecoded', async () => {
    const reader = new BodyReader(1_000, systemTimers);
    const entry = coveoCall({ response: null });
    const b64 = await reader.read(answering(btoa('{"pipeline":"p"}'), 'base64'), entry);
    expect(b64.entry.response?.content?.text).toBe('{"pipeline":"p"}');
    const plain = await reader.read(answering('{"a":1}', 'application/json'), entry);
    expect(plain.entry.response?.content?.text).toBe('{"a":1}');
    const huge = 'x'.repeat(2_000_001);
    expect((await reader.read(answering(huge, 'base64'), entry)).entry.response?.content?.text).toBe(huge);
    const none = await reader.read(answering(''), entry);
    expect(none).toEqual({ entry, note: null });
  });

  it('turns a refusal into a one-line note', async () => {
    const reader = new BodyReader(1_000, systemTimers);
    const refused: RawRequest = { entry: coveoCall(), getContent: () => Promise.reject(new Error('No resource\nstack')) };
    expect((await reader.read(refused, refused.entry)).note).toBe('No resource');
  });
});

const call = (key: string): CapturedCall => ({ type: 'call', key, report: {} as CapturedCall['report'], secrets: [] });

describe('the capture buffer', () => {
  it('keeps at most cap calls (navigations kept), hands them over with the dropped count, then streams', () => {
    const buffer = new CaptureBuffer(2);
    buffer.emit(call('a'));
    buffer.emit({ type: 'navigation', url: 'u', at: 't', page: 1 });
    buffer.emit(call('b'));
    buffer.emit(call('c'));
    expect(buffer.size).toBe(4); // the navigation, two calls and the marker of the call dropped where it was;
    const got: CaptureEvent[][] = [];
    buffer.connect((events) => got.push(events));
    expect(got).toEqual([[{ type: 'dropped', count: 1 }, { type: 'navigation', url: 'u', at: 't', page: 1 }, call('b'), call('c')]]);
    buffer.emit(call('d'));
    expect(got[1]).toEqual([call('d')]);
    expect(buffer.size).toBe(0);
  });

  it('keeps streaming when the sink throws, and buffers again once disconnected', () => {
    const buffer = new CaptureBuffer(5);
    let calls = 0;
    buffer.connect(() => {
      calls++;
      throw new Error('panel broke');
    });
    expect(() => buffer.emit(call('a'))).not.toThrow();
    buffer.emit(call('b'));
    expect(calls).toBe(2);
    buffer.disconnect();
    buffer.emit(call('c'));
    expect(buffer.size).toBe(1);
  });
});

describe('seen keys', () => {
  it('adds each key once and forgets the oldest past its limit', () => {
    const seen = new SeenKeys(2);
    expect(seen.add('a')).toBe(true);
    expect(seen.add('a')).toBe(false);
    seen.add('b');
    seen.add('c');
    expect([seen.has('a'), seen.has('b'), seen.has('c')]).toEqual([false, true, true]);
    seen.setLimit(1);
    expect([seen.has('b'), seen.has('c')]).toEqual([false, true]);
  });
});

describe('page sessions', () => {
  function sessions(origin: () => Promise<number | null>, now = 1_000_000) {
    const events: CaptureEvent[] = [];
    const tracker = new PageSessions({
      documentTimeOrigin: origin,
      onSession: (e) => events.push(e),
      track: (p) => p,
      now: () => new Date(now),
      timers: systemTimers,
      originTimeoutMs: 500,
    });
    return { tracker, events };
  }

  it('starts a session for a new document, not for a fragment change or the same document', async () => {
    let origin = 900_000;
    const { tracker, events } = sessions(() => Promise.resolve(origin));
    tracker.start(1_000_000);
    tracker.navigated('https://a.example/');
    expect(await tracker.current).toBe(0); // began before the session: the same document
    tracker.navigated('https://a.example/#x');
    expect(await tracker.current).toBe(0);
    origin = 1_000_500;
    tracker.navigated('https://a.example/next');
    expect(await tracker.current).toBe(1);
    expect(events).toEqual([{ type: 'navigation', url: 'https://a.example/next', at: new Date(1_000_000).toISOString(), page: 1 }]);
    tracker.stop();
  });

  it('counts a page that never answers as a new document, after the origin timeout', async () => {
    vi.useFakeTimers();
    const { tracker } = sessions(() => new Promise(() => {}));
    tracker.navigated('https://a.example/next');
    let page: number | null = null;
    void tracker.current.then((p) => (page = p));
    await vi.advanceTimersByTimeAsync(499);
    expect(page).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(page).toBe(1);
    tracker.stop();
  });

  it("puts a back-filled entry that began clearly before a session's document in the session before", async () => {
    const { tracker } = sessions(() => Promise.resolve(2_000_000));
    tracker.navigated('https://a.example/next');
    expect(await tracker.current).toBe(1);
    const at = (ms: number) => ({ ...coveoCall(), startedDateTime: new Date(ms).toISOString() });
    expect(tracker.backfillSession(at(2_000_000 - CLOCK_TOLERANCE_MS - 1), 1)).toBe(0);
    expect(tracker.backfillSession(at(2_000_000 - CLOCK_TOLERANCE_MS), 1)).toBe(1);
    expect(tracker.backfillSession({ ...coveoCall(), startedDateTime: 'nonsense' }, 1)).toBe(1);
  });
});
