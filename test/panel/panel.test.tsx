// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { analyzeEntry } from '../../src/core/index';
import type { CaptureEvent } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { ROW_HEIGHT, FALLBACK_VIEWPORT, OVERSCAN, rowDomId } from '../../src/panel/components/CallList';
import { ErrorBoundary } from '../../src/panel/components/ErrorBoundary';
import { SETTINGS_KEYS } from '../../src/panel/store';
import { API_KEY, SEARCH_URL, apiKeySearch, coveoCall, enforcedSearch, har, querySuggest, searchToken, thirdParty, unenforcedSearch } from './helpers';
import { mountPanel } from './mount';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  delete document.documentElement.dataset.theme;
});

const rows = (): HTMLElement[] => screen.queryAllByTestId('call-row');
const summary = (): HTMLElement => screen.getByTestId('summary');
const MAX_ROWS_IN_DOM = Math.ceil(FALLBACK_VIEWPORT / ROW_HEIGHT) + 2 * OVERSCAN + 1;

describe('summary and list', () => {
  it('starts empty: explains that earlier traffic is invisible and offers to reload the page', async () => {
    const { platform } = await mountPanel();
    expect(summary().dataset.verdict).toBe('empty');
    expect(screen.getByTestId('empty-state').textContent).toMatch(/before DevTools opened/);
    fireEvent.click(screen.getByTestId('reload-page'));
    expect(platform.reloads).toBe(1);
  });

  it('shows the page verdict, counts, hubs and the coverage checklist', async () => {
    const { emit } = await mountPanel();
    await emit(enforcedSearch('Community'));
    expect(summary().dataset.verdict).not.toBe('empty');
    expect(summary().textContent).toContain('Community');
    expect(summary().textContent).toMatch(/query suggestions: not seen yet \(type in the page’s search box to send one\)/);
    const hubChecks = (hub: string) => summary().querySelector(`[data-hub="${hub}"]`)?.textContent ?? '';
    // Both enforced is not known (neither ✓ nor ✗) until suggestions are seen.
    expect(hubChecks('Community')).toMatch(/both enforced: waiting for a query suggestion/);
    expect(hubChecks('Community')).not.toMatch(/[✓✗] both enforced/);
    await emit(querySuggest('Community'));
    expect(summary().textContent).not.toMatch(/search box/);
    expect(summary().textContent).toMatch(/query suggestions: enforced/);
    expect(hubChecks('Community')).toMatch(/✓ both enforced/);
    await emit(unenforcedSearch('Support'));
    // A seen call that is not enforced settles it at once.
    expect(hubChecks('Support')).toMatch(/✗ both enforced/);
    expect(summary().dataset.verdict).toBe('fail');
    expect(summary().textContent).toMatch(/not enforced: 1/);
    const verdicts = rows().map((r) => [r.dataset.kind, r.dataset.verdict]);
    expect(verdicts).toEqual([
      ['search', 'enforced'],
      ['querySuggest', 'enforced'],
      ['search', 'unenforced'],
    ]);
  });

  it('shows fingerprints in rows, never the full credential', async () => {
    const token = searchToken({ searchHub: 'Community' });
    const { emit } = await mountPanel();
    await emit(coveoCall({ credential: token }), apiKeySearch());
    const text = document.body.textContent ?? '';
    expect(text).toContain('xx56…4457');
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(token);
  });
});

describe('filters', () => {
  beforeEach(() => undefined);

  it('filters by verdict, kind and text, and shows a note when nothing matches', async () => {
    const { emit } = await mountPanel();
    await emit(enforcedSearch('Community'), unenforcedSearch('Support'), apiKeySearch('Public'), querySuggest('Community'));
    expect(rows()).toHaveLength(4);

    fireEvent.change(screen.getByTestId('verdict-filter'), { target: { value: 'unenforced' } });
    expect(rows().map((r) => r.dataset.verdict)).toEqual(['unenforced']);

    fireEvent.change(screen.getByTestId('verdict-filter'), { target: { value: 'all' } });
    fireEvent.change(screen.getByTestId('kind-filter'), { target: { value: 'querySuggest' } });
    expect(rows().map((r) => r.dataset.kind)).toEqual(['querySuggest']);

    fireEvent.change(screen.getByTestId('kind-filter'), { target: { value: 'all' } });
    fireEvent.input(screen.getByTestId('filter-input'), { target: { value: 'public' } });
    expect(rows().map((r) => r.dataset.verdict)).toEqual(['unverifiable']);

    fireEvent.input(screen.getByTestId('filter-input'), { target: { value: 'nothing like this' } });
    expect(rows()).toHaveLength(0);
    expect(screen.getByText(/No call matches the filters/)).toBeTruthy();
    // The summary still describes the whole page, not the filtered view.
    expect(summary().textContent).toMatch(/4 calls/);
  });
});

describe('keyboard', () => {
  it('moves with up/down, opens with Enter, closes with Escape, focuses the filter with Ctrl/Cmd+F', async () => {
    const { emit } = await mountPanel();
    await emit(enforcedSearch('A'), unenforcedSearch('B'), apiKeySearch('C'));
    const list = screen.getByTestId('call-list');
    list.focus();
    const selected = (): string[] =>
      rows()
        .filter((r) => r.getAttribute('aria-selected') === 'true')
        .map((r) => r.dataset.verdict ?? '');

    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selected()).toEqual(['enforced']);
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(selected()).toEqual(['unverifiable']);
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(selected()).toEqual(['unenforced']);
    expect(screen.queryByTestId('detail')).toBeNull();

    fireEvent.keyDown(list, { key: 'Enter' });
    expect(screen.getByTestId('detail').textContent).toMatch(/B/);
    fireEvent.keyDown(list, { key: 'Escape' });
    expect(screen.queryByTestId('detail')).toBeNull();

    fireEvent.keyDown(document, { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(screen.getByTestId('filter-input'));
    fireEvent.keyDown(document, { key: 'F', metaKey: true });
    expect(document.activeElement).toBe(screen.getByTestId('filter-input'));

    // Escape clears the text filter, then the selection.
    fireEvent.input(screen.getByTestId('filter-input'), { target: { value: 'zzz' } });
    expect(rows()).toHaveLength(0);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(rows()).toHaveLength(3);
  });

  it("keeps its shortcuts from DevTools' document listener, and lets every other key through", async () => {
    // DevTools adds a document keydown listener to extension pages (extension_api.js, forwardKeyboardEvent) that
    // forwards Escape and Ctrl/Alt/Meta combinations to the DevTools window, whatever preventDefault says:
    // Escape would open the console drawer and Ctrl+F DevTools' own search, both taking the focus.
    const forwarded: string[] = [];
    const forward = (e: KeyboardEvent): void => {
      forwarded.push(`${e.ctrlKey ? 'Ctrl+' : ''}${e.metaKey ? 'Meta+' : ''}${e.key}`);
    };
    document.addEventListener('keydown', forward);
    try {
      const { emit } = await mountPanel();
      await emit(enforcedSearch('A'), unenforcedSearch('B'));
      const list = screen.getByTestId('call-list');
      const filter = screen.getByTestId('filter-input');
      list.focus();
      fireEvent.keyDown(list, { key: 'ArrowDown' });
      fireEvent.keyDown(list, { key: 'Enter' });
      expect(screen.getByTestId('detail')).toBeTruthy();
      const notPrevented = fireEvent.keyDown(list, { key: 'Escape' });
      expect(notPrevented).toBe(false); // default prevented
      expect(screen.queryByTestId('detail')).toBeNull();
      fireEvent.keyDown(list, { key: 'f', ctrlKey: true });
      expect(document.activeElement).toBe(filter);
      fireEvent.keyDown(filter, { key: 'F', metaKey: true });
      fireEvent.keyDown(filter, { key: 'Escape' });
      expect(forwarded).toEqual([]);
      // DevTools' own shortcuts still reach it from the panel.
      fireEvent.keyDown(list, { key: 'p', ctrlKey: true });
      fireEvent.keyDown(list, { key: 'F1' });
      fireEvent.keyDown(filter, { key: 'a' });
      expect(forwarded).toEqual(['Ctrl+p', 'F1', 'a']);
    } finally {
      document.removeEventListener('keydown', forward);
    }
  });
});

describe('accessibility', () => {
  it('the grid names the selected row (aria-activedescendant), numbers rows and has a real column header', async () => {
    const { emit } = await mountPanel();
    await emit(enforcedSearch('A'), unenforcedSearch('B'), apiKeySearch('C'));
    const list = screen.getByTestId('call-list');
    expect(list.getAttribute('role')).toBe('grid');
    expect(list.hasAttribute('aria-activedescendant')).toBe(false);
    // The header row is inside the grid, visible to assistive technology, with a columnheader per cell.
    const header = list.querySelector('[role="row"][aria-rowindex="1"]')!;
    expect(header).toBeTruthy();
    expect(header.closest('[aria-hidden="true"]')).toBeNull();
    const headers = [...header.querySelectorAll('[role="columnheader"]')].map((h) => h.textContent);
    expect(headers).toEqual(['Time', 'Kind', 'Host + path', 'Organization', 'Hub (source)', 'Credential', 'Verdict', 'Status']);
    const cells = rows()[0]!.querySelectorAll('[role="gridcell"]');
    expect(cells).toHaveLength(headers.length);
    // Row 1 is the header: calls are rows 2.., and the count includes the header.
    expect(list.getAttribute('aria-rowcount')).toBe('4');
    expect(rows().map((r) => r.getAttribute('aria-rowindex'))).toEqual(['2', '3', '4']);

    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    const active = list.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    const row = document.getElementById(active!)!;
    expect(row.dataset.testid).toBe('call-row');
    expect(row.dataset.verdict).toBe('unenforced');
    expect(row.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(list);
    // Unique ids, one per row.
    const ids = rows().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    fireEvent.keyDown(list, { key: 'Escape' });
    expect(list.hasAttribute('aria-activedescendant')).toBe(false);
  });

  it('row ids are valid, stable and distinct for any call id', () => {
    const ids = ['c17', 'f1.c12', 'f1_2e_c12', 'L3', 'a b', 'a"b', 'é', '😀', ''];
    const dom = ids.map(rowDomId);
    for (const id of dom) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_-]*$/);
    expect(new Set(dom).size).toBe(ids.length);
    expect(rowDomId('f1.c12')).toBe(rowDomId('f1.c12'));
  });

  it('coverage checks say yes or no in words, not only with a hidden glyph and a colour', async () => {
    const { emit } = await mountPanel();
    await emit(enforcedSearch('Community'), querySuggest('Community'), unenforcedSearch('Support'));
    // What assistive technology reads: the text without aria-hidden parts.
    const spoken = (hub: string): string[] =>
      [...summary().querySelectorAll(`[data-hub="${hub}"] .check`)].map((li) => {
        const copy = li.cloneNode(true) as HTMLElement;
        for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
        return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
      });
    expect(spoken('Community')).toEqual(['search: enforced', 'query suggestions: enforced', 'both enforced: yes']);
    expect(spoken('Support')[0]).toBe('search: not enforced');
    expect(spoken('Support')).toContain('both enforced: no');
  });
});

describe('windowing', () => {
  it('renders only a screenful of rows out of 10,000 calls, and the right ones after scrolling', async () => {
    const { store } = await mountPanel();
    const template = analyzeEntry(enforcedSearch('Big'), { id: 't', index: 0 })!;
    const events: CaptureEvent[] = Array.from({ length: 10_000 }, (_, i) => ({
      type: 'call',
      key: `k${i}`,
      report: { ...template, id: `L${i}`, index: i, searchHub: { ...template.searchHub, request: `Hub${i}` } },
      secrets: [],
    }));
    await act(async () => store.setCap(20_000));
    await act(async () => store.addEvents(events));
    expect(store.calls).toHaveLength(10_000);
    const inDom = rows();
    expect(inDom.length).toBeGreaterThan(5);
    expect(inDom.length).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
    expect(inDom[0]?.dataset.id).toBe('L0');

    const list = screen.getByTestId('call-list');
    list.scrollTop = 5_000 * ROW_HEIGHT;
    await act(async () => {
      fireEvent.scroll(list, { target: { scrollTop: 5_000 * ROW_HEIGHT } });
    });
    const ids = rows().map((r) => Number(r.dataset.id?.slice(1)));
    expect(ids).toContain(5_000);
    expect(Math.min(...ids)).toBeGreaterThan(4_900);
    expect(rows().length).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

    // Filtering 10,000 calls works on the stored analysis (its speed is measured by `npm run bench`).
    fireEvent.input(screen.getByTestId('filter-input'), { target: { value: 'hub9999' } });
    expect(rows().map((r) => r.dataset.id)).toEqual(['L9999']);
  });

  it('drops the oldest calls over the cap and says so', async () => {
    const { store } = await mountPanel();
    await act(async () => store.setCap(100));
    const template = analyzeEntry(enforcedSearch('X'), { id: 't', index: 0 })!;
    await act(async () =>
      store.addEvents(Array.from({ length: 130 }, (_, i) => ({ type: 'call' as const, key: `k${i}`, report: { ...template, id: `L${i}` }, secrets: [] }))),
    );
    expect(screen.getByTestId('dropped-note').textContent).toMatch(/30 older calls dropped/);
  });
});

describe('preserve log', () => {
  it('off: a navigation starts a new page session', async () => {
    const { platform, emit, settle } = await mountPanel();
    await emit(enforcedSearch('A'));
    expect(rows()).toHaveLength(1);
    platform.navigate('https://www.acme.example/other');
    await settle();
    expect(rows()).toHaveLength(0);
    expect(summary().dataset.verdict).toBe('empty');
  });

  it('on: calls accumulate with a separator row per navigation; the setting persists', async () => {
    const { platform, emit, settle } = await mountPanel();
    fireEvent.click(screen.getByTestId('preserve-log'));
    expect(platform.storageGet(SETTINGS_KEYS.preserveLog)).toBe('true');
    await emit(enforcedSearch('A'));
    platform.navigate('https://www.acme.example/other');
    await settle();
    await emit(unenforcedSearch('B'));
    expect(rows()).toHaveLength(2);
    const separators = screen.getAllByTestId('separator-row');
    expect(separators).toHaveLength(1);
    expect(separators[0]?.textContent).toContain('https://www.acme.example/other');
    cleanup();
    await mountPanel({ platform });
    expect((screen.getByTestId('preserve-log') as HTMLInputElement).checked).toBe(true);
  });
});

describe('detail and reveal', () => {
  it('shows findings first, decoded token claims with readable times, and reveals the full token only on click', async () => {
    const token = searchToken({ pipeline: 'Secret pipeline' });
    const { emit } = await mountPanel();
    const entry = coveoCall({ credential: token, body: { q: 'reset password', searchHub: 'Support', tab: 'All' } });
    const expectedRules = analyzeEntry(entry)!.findings.map((f) => f.rule);
    expect(expectedRules.length).toBeGreaterThan(0);
    await emit(entry);
    fireEvent.click(rows()[0]!);
    const detail = screen.getByTestId('detail');
    const findings = screen.getAllByTestId('finding');
    expect(findings.map((f) => f.dataset.rule)).toEqual(expectedRules);
    // Findings come before the request details.
    const requestHeading = [...detail.querySelectorAll('h3')].find((h) => h.textContent === 'Request')!;
    expect(findings[0]!.compareDocumentPosition(requestHeading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const docs = findings[0]!.querySelector('a');
    expect(docs?.getAttribute('target')).toBe('_blank');
    expect(docs?.getAttribute('rel')).toBe('noreferrer');
    expect(detail.textContent).toMatch(/issued \d{4}-\d\d-\d\d/);
    expect(detail.textContent).toMatch(/expires \d{4}-\d\d-\d\d/);
    expect(detail.querySelector('[data-claim="pipeline"]')?.className).toContain('claim-enforcing');
    expect(detail.querySelector('[data-claim="searchHub"]')?.textContent).toMatch(/absent/);
    expect(detail.textContent).toContain('reset password');
    expect(detail.textContent).toContain('All');

    expect(document.body.textContent).not.toContain(token);
    fireEvent.click(screen.getByTestId('reveal-button'));
    expect(screen.getByTestId('revealed-credential').textContent).toBe(token);
  });

  it('shows hidden and reordering characters a page puts in hubs and claims as visible markers', async () => {
    const spoofed = 'Shop\u202Egnp.exe';
    const { emit } = await mountPanel();
    await emit(coveoCall({ credential: searchToken({ searchHub: 'Pub\u200Blic', note: 'bell\u0007' }), body: { q: 'a\ud800b', searchHub: spoofed } }));
    const row = rows()[0]!;
    expect(row.textContent).toContain('Shop⟨U+202E⟩gnp.exe');
    expect(row.textContent).not.toContain('\u202E');
    expect(summary().textContent).toContain('Pub⟨U+200B⟩lic');
    fireEvent.click(row);
    const detail = screen.getByTestId('detail').textContent ?? '';
    for (const marker of ['Pub⟨U+200B⟩lic', 'Shop⟨U+202E⟩gnp.exe', 'bell⟨U+0007⟩', 'a⟨U+D800⟩b']) expect(detail).toContain(marker);
    expect(document.body.textContent).not.toMatch(/[\u0007\u200B\u202E]/);
    // Ordinary text, emoji and accents pass through untouched.
    await emit(enforcedSearch('Équipe 🚀'));
    expect(rows()[1]!.textContent).toContain('Équipe 🚀');
  });

  it('says when a token had expired before the request', async () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    const expired = searchToken({ searchHub: 'Community', iat: now / 1000 - 90_000, exp: now / 1000 - 3 * 3600 });
    const { emit } = await mountPanel();
    await emit(coveoCall({ credential: expired, startedDateTime: new Date(now).toISOString() }));
    fireEvent.click(rows()[0]!);
    expect(screen.getByTestId('detail').textContent).toContain('expired 3 h before this request');
  });

  it('reveals one credential at a time: revealing another hides the first', async () => {
    const token = searchToken({ searchHub: 'Community' });
    const { emit } = await mountPanel();
    await emit(coveoCall({ credential: token, url: `${SEARCH_URL}&access_token=${API_KEY}` }));
    fireEvent.click(rows()[0]!);
    const buttons = screen.getAllByTestId('reveal-button');
    expect(buttons).toHaveLength(2);
    fireEvent.click(buttons[0]!);
    expect(screen.getAllByTestId('revealed-credential').map((c) => c.textContent)).toEqual([token]);
    fireEvent.click(screen.getByTestId('reveal-button'));
    expect(screen.getAllByTestId('revealed-credential').map((c) => c.textContent)).toEqual([API_KEY]);
    expect(screen.getAllByTestId('reveal-button')).toHaveLength(1);
    fireEvent.click(screen.getByText('Hide'));
    expect(screen.queryByTestId('revealed-credential')).toBeNull();
    expect(document.body.textContent).not.toContain(API_KEY);
  });
});

describe('export', () => {
  async function loaded() {
    const token = searchToken({ searchHub: 'Community' });
    const bare = searchToken();
    const m = await mountPanel();
    await m.emit(coveoCall({ credential: token }), coveoCall({ credential: bare, body: { q: 'x', searchHub: 'Other' } }), apiKeySearch());
    return { ...m, secrets: [token, bare, API_KEY] };
  }

  it('downloads Markdown and JSON reports that contain no full credential', async () => {
    const { secrets } = await loaded();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    fireEvent.click(screen.getByTestId('export-markdown'));
    fireEvent.click(screen.getByTestId('export-json'));
    expect(clicks).toHaveLength(2);
    expect(clicks[0]).toMatch(/\.md$/);
    expect(clicks[1]).toMatch(/\.json$/);
    const [markdown, json] = await Promise.all(blobs.map((b) => b.text()));
    expect(markdown).toContain('xx56…4457');
    const parsed = JSON.parse(json!);
    expect(parsed.calls).toHaveLength(3);
    for (const text of [markdown!, json!]) for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('copies Markdown with the clipboard, or falls back to a selected text area', async () => {
    const { secrets } = await loaded();
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: {
        writeText: async (t: string) => {
          copied = t;
        },
      },
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('copy-markdown'));
    });
    await waitFor(() => expect(copied).toContain('xx56…4457'));
    for (const secret of secrets) expect(copied).not.toContain(secret);
    expect(screen.queryByTestId('copy-fallback')).toBeNull();

    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('Document is not focused', 'NotAllowedError')) },
    });
    await act(async () => {
      fireEvent.click(screen.getByTestId('copy-markdown'));
    });
    const area = (await screen.findByTestId('copy-fallback')) as HTMLTextAreaElement;
    expect(area.value).toContain('xx56…4457');
    for (const secret of secrets) expect(area.value).not.toContain(secret);
  });
});

describe('import', () => {
  function pick(file: File): void {
    const input = screen.getByTestId('import-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { configurable: true, value: [file] });
    fireEvent.change(input);
  }

  it('analyses a good HAR file, labels it as imported, names bad entries, and goes back to live', async () => {
    const { emit } = await mountPanel();
    await emit(enforcedSearch('Live'));
    const text = har([unenforcedSearch('Imported'), thirdParty(), { request: {} }, apiKeySearch('Imported')]);
    pick(new File([text], 'site.har', { type: 'application/json' }));
    const banner = await screen.findByTestId('imported-banner');
    expect(banner.textContent).toContain('site.har');
    expect(banner.textContent).toMatch(/1 entry was skipped: #2 /);
    expect(rows().map((r) => r.dataset.verdict)).toEqual(['unenforced', 'unverifiable']);
    expect(summary().textContent).toContain('Imported');
    fireEvent.click(screen.getByText('Back to live'));
    expect(screen.queryByTestId('imported-banner')).toBeNull();
    expect(rows().map((r) => r.dataset.verdict)).toEqual(['enforced']);
  });

  it('imports a HAR file dropped on the panel', async () => {
    await mountPanel();
    const file = new File([har([enforcedSearch('Dropped')])], 'dropped.har');
    const target = screen.getByTestId('summary');
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [file] } });
    target.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    const banner = await screen.findByTestId('imported-banner');
    expect(banner.textContent).toContain('dropped.har');
    expect(rows().map((r) => r.dataset.verdict)).toEqual(['enforced']);
  });

  it('shows a one-line error for an unusable file and keeps the live view', async () => {
    const { emit } = await mountPanel();
    await emit(enforcedSearch('Live'));
    pick(new File(['this is not json'], 'broken.har'));
    const error = await screen.findByTestId('error-message');
    expect(error.textContent).toMatch(/broken\.har/);
    expect(error.textContent).toMatch(/not JSON/);
    expect(error.textContent).not.toMatch(/\n|at .*\(/);
    expect(screen.queryByTestId('imported-banner')).toBeNull();
    expect(rows()).toHaveLength(1);
    pick(new File([JSON.stringify({ foo: 1 })], 'other.json'));
    await waitFor(() => expect(screen.getByTestId('error-message').textContent).toMatch(/other\.json: not a HAR/));
  });
});

describe('theme and errors', () => {
  it('follows the DevTools theme and its changes', async () => {
    const platform = new FakePlatform({ theme: 'dark' });
    await mountPanel({ platform });
    expect(document.documentElement.dataset.theme).toBe('dark');
    await act(async () => platform.setTheme('light'));
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('an error boundary shows a message and a reset button instead of a blank panel', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let broken = true;
    function Boom() {
      if (broken) throw new Error('kaboom\nat somewhere');
      return <p>fine again</p>;
    }
    render(
      <ErrorBoundary>
        <Boom />
      </ErrorBoundary>,
    );
    const crash = screen.getByTestId('panel-crash');
    expect(crash.textContent).toContain('kaboom');
    expect(crash.textContent).not.toContain('somewhere');
    broken = false;
    fireEvent.click(screen.getByText('Reset the panel'));
    expect(screen.getByText('fine again')).toBeTruthy();
  });

  it('the whole panel is wrapped: a failing part shows the error, not a blank page', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { store, emit } = await mountPanel();
    Object.defineProperty(store, 'summary', {
      configurable: true,
      get() {
        throw new Error('summary exploded');
      },
    });
    await emit(enforcedSearch('A'));
    expect(screen.getByTestId('panel-crash').textContent).toContain('summary exploded');
  });

  it('"Reset the panel" recovers from an error drawing the selected call, and keeps the live data', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { store, emit } = await mountPanel();
    await emit(enforcedSearch('A'), unenforcedSearch('B'));
    // Drawing this call's detail fails (its token section throws); its row and the summary do not read it.
    Object.defineProperty(store.calls[1]!, 'token', {
      configurable: true,
      get() {
        throw new Error('token section exploded');
      },
    });
    fireEvent.click(rows()[1]!);
    expect(screen.getByTestId('panel-crash').textContent).toContain('token section exploded');
    fireEvent.click(screen.getByText('Reset the panel'));
    expect(screen.queryByTestId('panel-crash')).toBeNull();
    expect(screen.queryByTestId('detail')).toBeNull();
    expect(rows().map((r) => r.dataset.verdict)).toEqual(['enforced', 'unenforced']);
    expect(store.selectedId).toBeNull();
    // Still a working panel: other calls open, new calls arrive.
    fireEvent.click(rows()[0]!);
    expect(screen.getByTestId('detail')).toBeTruthy();
    await emit(apiKeySearch('C'));
    expect(rows()).toHaveLength(3);
  });
});
