// Issue 14, point 3: the panel store's parts on their own (live log, import job, view state, settings, notifier).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeEntries, analyzeEntry, type CallReport, type HarEntryLike } from '../../src/core/index';
import { type CapturedCall, entryKey } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { type Imported, ImportSlot, runImport } from '../../src/panel/store/import-job';
import { LiveLog } from '../../src/panel/store/live-log';
import { COALESCE_FROM, COALESCE_MS, ChangeNotifier } from '../../src/panel/store/notifier';
import { MAX_CAP, MIN_CAP, SETTINGS_KEYS, Settings } from '../../src/panel/store/settings';
import { type Row, ViewState } from '../../src/panel/store/view';
import { apiKeySearch, enforcedSearch, har, thirdParty, unenforcedSearch } from './helpers';

afterEach(() => vi.useRealTimers());

let seq = 0;
function captured(entry: HarEntryLike, page?: number): CapturedCall {
  seq++;
  const report = analyzeEntry(entry, { id: `L${seq}`, index: seq })!;
  return {
    type: 'call',
    key: entryKey(entry),
    report,
    secrets: [{ name: 'Authorization', value: `secret${seq}` }] as never,
    ...(page === undefined ? {} : { page }),
  };
}
const at = (s: string) => `2025-03-01T12:00:${s}Z`;
const hubsOf = (rows: Row[]) => rows.map((r) => (r.type === 'call' ? r.call.searchHub.request : '|'));

describe('the live log', () => {
  it('orders calls by page session, then start time; a separator leads its session', () => {
    const log = new LiveLog(100);
    log.add(captured(enforcedSearch('B', { startedDateTime: at('02.000') })), 100);
    log.add(captured(enforcedSearch('A', { startedDateTime: at('01.000') })), 100);
    log.navigate('https://a.example/next', at('03.000'), true, 1);
    log.add(captured(enforcedSearch('D', { startedDateTime: at('04.000') }), 1), 100);
    log.add(captured(enforcedSearch('C', { startedDateTime: at('05.000') }), 0), 100); // late, of the first page
    expect(hubsOf(log.rows)).toEqual(['A', 'B', 'C', '|', 'D']);
    expect(log.count).toBe(4);
    expect(log.pageUrl).toBe('https://a.example/next');
  });

  it('takes each call once, and ignores late calls of a session that was cleared', () => {
    const log = new LiveLog(100);
    const call = captured(enforcedSearch('A'));
    expect(log.add(call, 100)).toBe(true);
    expect(log.add({ ...call }, 100)).toBe(false);
    expect(log.navigate('https://a.example/next', at('00.000'), false)).toBe(true);
    expect(log.add(captured(enforcedSearch('Old'), 0), 100)).toBe(false);
    expect(log.add(captured(enforcedSearch('New'), 1), 100)).toBe(true);
    log.clear(); // the sessions before the current one are gone
    expect(log.rows).toEqual([]);
    expect(log.add(captured(enforcedSearch('Late'), 0), 100)).toBe(false);
    expect(log.add(captured(enforcedSearch('Current'), 1), 100)).toBe(true);
  });

  it('drops the oldest calls over the cap, with their credentials, and separators left with no call', () => {
    const log = new LiveLog(100);
    const first = captured(enforcedSearch('A'));
    log.add(first, 100);
    log.navigate('u1', at('00.000'), true);
    log.navigate('u2', at('00.000'), true);
    const second = captured(enforcedSearch('B'), 2);
    log.add(second, 100);
    expect(log.rawCredentials(first.report.id)).toHaveLength(1);
    const removed: string[] = [];
    expect(log.trim(1, (id) => removed.push(id))).toBe(true);
    expect(removed).toEqual([first.report.id]);
    expect(hubsOf(log.rows)).toEqual(['|', 'B']);
    expect(log.dropped).toBe(1);
    expect(log.rawCredentials(first.report.id)).toBeUndefined();
    expect(log.rawCredentials(second.report.id)).toHaveLength(1);
    expect(log.trim(1, () => {})).toBe(false);
  });
});

describe('the import job', () => {
  const entries = [enforcedSearch('A'), thirdParty(), { broken: true }, unenforcedSearch('B'), apiKeySearch('C')];
  const hooks = (overrides: Partial<Parameters<typeof runImport>[2]> = {}) => {
    const progress: string[] = [];
    return {
      progress,
      hooks: {
        pause: () => Promise.resolve(),
        sliceMs: 12,
        current: () => true,
        progress: (p: { done: number; total: number }, parsed: boolean) => progress.push(`${p.done}/${p.total}${parsed ? '' : ' parsing'}`),
        ...overrides,
      },
    };
  };

  it('gives the same calls as analyzeEntries, with credentials and probe sources beside them', async () => {
    const { hooks: h } = hooks();
    const result = (await runImport(har(entries), 'f.har', h)) as Imported;
    const expected = analyzeEntries(entries, 'f.har');
    expect(result.set.calls).toEqual(expected.calls);
    expect(result.set.malformed).toEqual(expected.source.malformed);
    expect(result.set.entries).toBe(5);
    expect([...result.secrets.keys()]).toEqual(['c0', 'c3', 'c4']);
    expect([...result.probeEntries.keys()]).toEqual(['c0', 'c3', 'c4']);
  });

  it('works in slices, with progress, pausing between them', async () => {
    let t = 0;
    let pauses = 0;
    const { hooks: h, progress } = hooks({
      now: () => (t += 10),
      pause: () => {
        pauses++;
        return Promise.resolve();
      },
    });
    await runImport(har(entries), 'f.har', h);
    // Each entry takes 10 ms of the fake clock: a 12 ms slice holds one or two entries.
    expect(progress[0]).toBe('0/0 parsing');
    expect(progress[1]).toBe('0/5');
    expect(progress.length).toBeGreaterThan(3);
    expect(pauses).toBe(progress.length);
  });

  it('stops at its next pause once superseded, reporting nothing', async () => {
    let current = true;
    const { hooks: h } = hooks({
      pause: () => {
        current = false;
        return Promise.resolve();
      },
      current: () => current,
    });
    expect(await runImport(har(entries), 'f.har', h)).toBeNull();
  });

  it('words a file that is not a HAR in one line', async () => {
    const { hooks: h } = hooks();
    expect(await runImport('{"nope":', 'bad.har', h)).toEqual({ error: expect.stringMatching(/^Cannot import bad\.har: [^\n]+$/) });
  });

  it('keeps the shown file apart from later imports, and applies a probe only to the file it was started on', async () => {
    const slot = new ImportSlot();
    const seq = slot.begin();
    const { hooks: h } = hooks({ current: () => slot.isCurrent(seq) });
    slot.show((await runImport(har(entries), 'f.har', h)) as Imported, seq);
    expect(slot.rawCredentials('c0')).toHaveLength(1);
    const probe = { appliesTo: ['c0'] } as never;
    expect(slot.applyProbe(probe, seq + 1)).toBe(false);
    slot.clear();
    expect(slot.shown).toBeNull();
    expect(slot.rawCredentials('c0')).toBeUndefined();
  });
});

describe('the view state', () => {
  const call = (hub: string, verdict: CallReport['verdict']): Row => ({
    type: 'call',
    call: { ...analyzeEntry(enforcedSearch(hub), { id: hub })!, verdict },
  });
  const all: Row[] = [call('Alpha', 'enforced'), { type: 'separator', id: 's1', url: 'u', at: 't' }, call('Alps', 'unenforced'), call('Beta', 'enforced')];

  it('filters by verdict and text, keeps separators, and narrows a cached result as the text grows', () => {
    const view = new ViewState();
    let reads = 0;
    const rows = () =>
      view.rows('d1', () => {
        reads++;
        return all;
      });
    view.setFilters({ text: 'al' }, rows);
    expect(hubsOf(rows())).toEqual(['Alpha', '|', 'Alps']);
    view.setFilters({ text: 'alp' }, rows);
    expect(hubsOf(rows())).toEqual(['Alpha', '|', 'Alps']);
    view.setFilters({ verdict: 'enforced', text: '' }, rows);
    expect(hubsOf(rows())).toEqual(['Alpha', '|', 'Beta']);
    expect(reads).toBe(2); // "alp" started from the result for "al"
    expect(rows()).toBe(rows());
  });

  it('moves, keeps and clears the selection', () => {
    const view = new ViewState();
    expect(view.moveSelection(all, 1)).toBe(0);
    expect(view.moveSelection(all, 1)).toBe(2);
    expect(view.moveSelection(all, 5)).toBe(3);
    view.select('Beta', true);
    expect(view.detailOpen).toBe(true);
    view.setFilters({ text: 'alpha' }, () => view.rows('d1', () => all));
    expect([view.selectedId, view.detailOpen]).toEqual([null, false]);
    view.select('Alpha', true);
    view.escape();
    expect([view.selectedId, view.detailOpen, view.filters.text]).toEqual(['Alpha', false, 'alpha']);
    view.escape();
    expect(view.filters.text).toBe('');
    view.escape();
    expect(view.selectedId).toBeNull();
    expect(view.moveSelection([], 1)).toBe(-1);
  });
});

describe('the settings', () => {
  it('persists each switch and the clamped cap, and reads them back', () => {
    const platform = new FakePlatform();
    const settings = new Settings(platform);
    for (const name of ['preserveLog', 'checklistCollapsed', 'includePersonalData'] as const) {
      settings.set(name, true);
      expect(platform.storageGet(SETTINGS_KEYS[name])).toBe('true');
    }
    settings.setCap(10);
    expect(settings.cap).toBe(MIN_CAP);
    settings.setCap(1e9);
    expect(platform.storageGet(SETTINGS_KEYS.cap)).toBe(String(MAX_CAP));
    const again = new Settings(platform);
    expect([again.preserveLog, again.checklistCollapsed, again.includePersonalData, again.cap]).toEqual([true, true, true, MAX_CAP]);
    settings.set('preserveLog', false);
    expect(new Settings(platform).preserveLog).toBe(false);
  });
});

describe('the change notifier', () => {
  it('tells listeners at once, and batches a burst of capture changes on a large session', () => {
    vi.useFakeTimers();
    const notifier = new ChangeNotifier();
    let told = 0;
    const stop = notifier.subscribe(() => told++);
    notifier.changed(false);
    notifier.changed(true);
    expect([told, notifier.version, notifier.dataVersion]).toEqual([2, 2, 1]);
    notifier.changed(true, COALESCE_FROM);
    notifier.changed(true, COALESCE_FROM);
    notifier.changed(true, COALESCE_FROM);
    expect(told).toBe(3); // the first at once, the rest batched
    vi.advanceTimersByTime(COALESCE_MS);
    expect(told).toBe(4);
    expect(notifier.version).toBe(5);
    notifier.changed(true, COALESCE_FROM - 1); // a small session: every change at once
    expect(told).toBe(5);
    stop();
    notifier.changed(false);
    expect(told).toBe(5);
  });
});
