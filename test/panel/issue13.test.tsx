// @vitest-environment happy-dom
// Issue 13 in the panel: the hub's source and conflicts, host + path, a narrow credential column, the coverage
// checklist from the core's status, readable token times, per-call copy actions, focus and the compact layout.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeEntry } from '../../src/core/index';
import { FakePlatform } from '../../src/devtools/fake-platform';
import { Detail } from '../../src/panel/components/Detail';
import { SETTINGS_KEYS } from '../../src/panel/store';
import { API_KEY, QS_URL, apiKeySearch, coveoCall, enforcedSearch, querySuggest, searchToken, unenforcedSearch } from './helpers';
import { mountPanel } from './mount';

const clipboardDescriptor = Object.getOwnPropertyDescriptor(navigator, 'clipboard');

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  if (clipboardDescriptor) Object.defineProperty(navigator, 'clipboard', clipboardDescriptor);
  else delete (navigator as { clipboard?: unknown }).clipboard;
  delete (document as { execCommand?: unknown }).execCommand;
});

const rows = (): HTMLElement[] => screen.queryAllByTestId('call-row');
const summary = (): HTMLElement => screen.getByTestId('summary');
const cell = (row: HTMLElement, cls: string): HTMLElement => row.querySelector(`.${cls}`) as HTMLElement;

function apiKeySuggest(hub = 'Public') {
  return coveoCall({ url: QS_URL, credential: API_KEY, body: { q: 'pri', searchHub: hub }, response: { completions: [] } });
}

function setClipboard(writeText: ((text: string) => Promise<void>) | null): void {
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: writeText ? { writeText } : undefined });
}

describe('hub column', () => {
  it('tells a token-claim hub from the same hub named only by the body, and shows none as none', async () => {
    const { emit } = await mountPanel();
    await emit(enforcedSearch('ACMEPublic'), unenforcedSearch('ACMEPublic'), coveoCall({ credential: searchToken(), body: { q: 'x' } }));
    const [claim, body, none] = rows();
    expect(claim!.dataset.verdict).toBe('enforced');
    expect(body!.dataset.verdict).toBe('unenforced');
    // The same hub, told apart by its source, in words (the glyph is for the eye only).
    expect(cell(claim!, 'col-hub').textContent).toMatch(/◆\s*token\s+ACMEPublic/);
    expect(cell(body!, 'col-hub').textContent).toMatch(/✎\s*body\s+ACMEPublic/);
    expect(cell(none!, 'col-hub').textContent).toMatch(/—\s*none\s+—/);
    expect(rows().map((r) => r.dataset.hubSource)).toEqual(['token', 'request', 'none']);
    expect(cell(body!, 'col-hub').title).toMatch(/anyone can edit it/);
    expect(claim!.querySelector('.hub-glyph')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows the request → token conflict when the request names another hub than the claim', async () => {
    const { emit } = await mountPanel();
    await emit(coveoCall({ credential: searchToken({ searchHub: 'ACMEPublic' }), body: { q: '', searchHub: 'Spoof' } }), enforcedSearch('ACMEPublic'));
    const [conflict, agreeing] = rows();
    expect(conflict!.dataset.hubConflict).toBe('true');
    expect(agreeing!.dataset.hubConflict).toBeUndefined();
    expect(cell(conflict!, 'col-hub').textContent).toMatch(/conflict\s+Spoof → ACMEPublic/);
    expect(cell(conflict!, 'col-hub').title).toMatch(/request names "Spoof" but the token's searchHub claim is "ACMEPublic": Coveo uses the claim/);
    fireEvent.click(conflict!);
    const source = screen.getByTestId('detail-hub-source');
    expect(source.dataset.hubSource).toBe('token');
    expect(source.textContent).toMatch(/token claim, request conflicts/);
  });
});

describe('host + path and credential columns', () => {
  it('tells proxied calls apart by host and path, without the query string', async () => {
    const { emit } = await mountPanel();
    await emit(
      coveoCall({ url: 'https://www.acme.example/coveo/rest/search/v2?sitecoreItemUri=a', credential: null }),
      coveoCall({ url: 'https://shop.acme.example/api/proxy/rest/search/v2', credential: null }),
    );
    expect(rows().map((r) => cell(r, 'col-endpoint').textContent)).toEqual([
      'www.acme.example/coveo/rest/search/v2',
      'shop.acme.example/api/proxy/rest/search/v2',
    ]);
    expect(cell(rows()[0]!, 'col-endpoint').title).toContain('sitecoreItemUri=a');
  });

  it('keeps the credential cell short, with the whole fingerprint in its title', async () => {
    const token = searchToken({ searchHub: 'A' });
    const { emit, store } = await mountPanel();
    await emit(coveoCall({ credential: token, body: { q: '', searchHub: 'A' } }), apiKeySearch());
    const [tokenCell, keyCell] = screen.getAllByTestId('credential-cell');
    const fp = store.calls[0]!.credential.fingerprint!;
    expect(tokenCell!.textContent).toBe(`token #${/#([0-9a-f]{8})/.exec(fp)![1]}`);
    expect(tokenCell!.title).toContain(fp);
    expect(tokenCell!.title).toContain('authorization-header');
    expect(keyCell!.textContent).toBe('key xx56…4457');
    expect(document.body.textContent).not.toContain(token);
  });
});

describe('coverage checklist', () => {
  it('an API-key page is amber "review", never red: both kinds unverifiable', async () => {
    const { emit } = await mountPanel();
    await emit(apiKeySearch('Public'), apiKeySuggest('Public'));
    expect(summary().dataset.verdict).toBe('review');
    const hub = summary().querySelector('[data-hub="Public"]') as HTMLElement;
    expect(hub.querySelector('[data-testid="coverage-search"]')?.getAttribute('data-status')).toBe('unverifiable');
    expect(hub.querySelector('[data-testid="coverage-query-suggest"]')?.getAttribute('data-status')).toBe('unverifiable');
    const both = hub.querySelector('[data-testid="coverage-both"]') as HTMLElement;
    expect(both.dataset.check).toBe('review');
    expect(both.className).toContain('check-review');
    expect(hub.querySelector('.check-no')).toBeNull();
    expect(hub.textContent).not.toMatch(/✗/);
    expect(both.textContent).toMatch(/both enforced: cannot be proven, review/);
  });

  it('a proxied page without a credential is amber too', async () => {
    const { emit } = await mountPanel();
    await emit(coveoCall({ url: 'https://www.acme.example/coveo/rest/search/v2', credential: null, body: { q: '', searchHub: 'Proxy' } }));
    expect(summary().dataset.verdict).toBe('review');
    const hub = summary().querySelector('[data-hub="Proxy"]') as HTMLElement;
    expect(hub.querySelector('[data-testid="coverage-search"]')?.className).toContain('check-review');
    expect(hub.querySelector('.check-no')).toBeNull();
  });

  it('red only for an unenforced kind; a kind not seen yet is neutral and says what is awaited', async () => {
    const { emit } = await mountPanel();
    await emit(unenforcedSearch('Support'));
    const hub = (): HTMLElement => summary().querySelector('[data-hub="Support"]') as HTMLElement;
    expect(hub().querySelector('[data-testid="coverage-search"]')?.className).toContain('check-no');
    const qs = hub().querySelector('[data-testid="coverage-query-suggest"]') as HTMLElement;
    expect(qs.className).toContain('check-todo');
    expect(qs.textContent).toMatch(/query suggestions: not seen yet \(type in the page’s search box to send one\)/);
    expect(hub().querySelector('[data-testid="coverage-both"]')?.textContent).toMatch(/both enforced: no/);
    await emit(querySuggest('Support', true));
    expect(hub().querySelector('[data-testid="coverage-query-suggest"]')?.className).toContain('check-ok');
  });

  it('colours zero counts neutrally: no red "not enforced: 0" on a passing page', async () => {
    const { emit } = await mountPanel();
    await emit(enforcedSearch('Community'), querySuggest('Community'));
    expect(summary().dataset.verdict).toBe('pass');
    const badge = (v: string): HTMLElement => summary().querySelector(`[data-count="${v}"]`) as HTMLElement;
    expect(badge('unenforced').textContent).toBe('not enforced: 0');
    expect(badge('unenforced').className).toContain('badge-zero');
    expect(badge('unenforced').className).not.toContain('badge-unenforced');
    expect(badge('enforced').className).toContain('badge-enforced');
    await emit(unenforcedSearch('Community'));
    expect(badge('unenforced').className).toContain('badge-unenforced');
  });

  it('folds to one line per page, remembered in the settings', async () => {
    const platform = new FakePlatform();
    const { emit } = await mountPanel({ platform });
    await emit(enforcedSearch('Community'), querySuggest('Community'), unenforcedSearch('Support'), apiKeySearch('Public'));
    const toggle = screen.getByTestId('coverage-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('coverage-list')).toBeTruthy();
    fireEvent.click(toggle);
    expect(screen.queryByTestId('coverage-list')).toBeNull();
    expect(screen.getByTestId('coverage-toggle').getAttribute('aria-expanded')).toBe('false');
    const digest = screen.getByTestId('coverage-digest');
    expect([...digest.querySelectorAll('[data-hub]')].map((h) => `${h.getAttribute('data-hub')}:${h.getAttribute('data-check')}`)).toEqual([
      'Community:ok',
      'Support:no',
      'Public:review',
    ]);
    expect(platform.storageGet(SETTINGS_KEYS.checklistCollapsed)).toBe('true');
    cleanup();
    const again = await mountPanel({ platform });
    await again.emit(enforcedSearch('Community'));
    expect(screen.queryByTestId('coverage-list')).toBeNull();
    fireEvent.click(screen.getByTestId('coverage-toggle'));
    expect(screen.getByTestId('coverage-list')).toBeTruthy();
    expect(platform.storageGet(SETTINGS_KEYS.checklistCollapsed)).toBe('false');
  });
});

describe('token times in the detail', () => {
  const NOW = Date.parse('2026-12-02T03:15:00Z');

  it('shows iat, nbf and exp as dates with times relative to the injected now, never as epoch numbers', () => {
    const iat = NOW / 1000 - 3 * 86_400;
    const token = searchToken({ searchHub: 'A', iat, nbf: iat, exp: NOW / 1000 + 23 * 3600 });
    const call = analyzeEntry(coveoCall({ credential: token, body: { q: '', searchHub: 'A' }, startedDateTime: new Date(NOW - 3_600_000).toISOString() }))!;
    render(<Detail call={call} raw={[]} onClose={() => undefined} now={() => NOW} />);
    const detail = screen.getByTestId('detail');
    const times = screen.getByTestId('token-times');
    expect(times.querySelector('[data-time="iat"]')?.textContent).toBe('issued 2026-11-29 03:15 UTC, 3 d ago');
    expect(times.querySelector('[data-time="nbf"]')?.textContent).toBe('not valid before 2026-11-29 03:15 UTC, 3 d ago');
    expect(times.querySelector('[data-time="exp"]')?.textContent).toBe('expires 2026-12-03 02:15 UTC, in 23 h');
    expect(times.textContent).toMatch(/expires 1 d after this request/);
    expect(detail.querySelector('[data-claim="exp"] dd')?.textContent).toBe('2026-12-03 02:15 UTC, in 23 h');
    expect(detail.querySelector('[data-claim="iat"] dd')?.textContent).toBe('2026-11-29 03:15 UTC, 3 d ago');
    for (const epoch of [iat, NOW / 1000 + 23 * 3600]) expect(detail.textContent).not.toContain(String(epoch));
  });

  it('shows a time claim that is no number as it is', () => {
    const call = analyzeEntry(coveoCall({ credential: searchToken({ searchHub: 'A', nbf: 'tomorrow' }), body: { q: '', searchHub: 'A' } }))!;
    render(<Detail call={call} raw={[]} onClose={() => undefined} now={() => NOW} />);
    expect(screen.getByTestId('detail').querySelector('[data-claim="nbf"] dd')?.textContent).toBe('tomorrow');
  });
});

describe('per-call copy actions', () => {
  async function openFailingCall() {
    const token = searchToken({ userDisplayName: 'Jane Doe', userIds: [{ name: 'jane@acme.example', provider: 'Email', type: 'User' }] });
    const mounted = await mountPanel();
    await mounted.emit(coveoCall({ credential: token, body: { q: 'jane', searchHub: 'Support' } }));
    fireEvent.click(rows()[0]!);
    return { ...mounted, token };
  }

  it('"Copy as Markdown" copies the call and its findings, redacted, and says it did', async () => {
    let copied = '';
    setClipboard(async (t) => {
      copied = t;
    });
    const { store, token } = await openFailingCall();
    fireEvent.click(screen.getByTestId('copy-call-markdown'));
    const status = await screen.findByTestId('copy-status');
    expect(status.textContent).toMatch(/Copied the call as Markdown/);
    expect(status.dataset.ok).toBe('true');
    const call = store.calls[0]!;
    expect(copied.split('\n')[0]).toBe(`### ❌ Coveo call ${call.id}: search, not enforced`);
    for (const f of call.findings) expect(copied).toContain(f.docs);
    for (const secret of [token, 'Jane Doe', 'jane@acme.example']) expect(copied).not.toContain(secret);
    expect(copied).toContain('userDisplayName');
  });

  it('"Copy finding" copies that one finding: rule id, severity, why, what to do, docs', async () => {
    let copied = '';
    setClipboard(async (t) => {
      copied = t;
    });
    const { store } = await openFailingCall();
    const findings = screen.getAllByTestId('finding');
    const last = findings[findings.length - 1]!;
    const finding = store.calls[0]!.findings[findings.length - 1]!;
    fireEvent.click(last.querySelector('[data-testid="copy-finding"]')!);
    await screen.findByTestId('copy-status');
    expect(copied).toContain(`${finding.severity}: ${finding.rule}`);
    expect(copied).toContain('**Why it matters:**');
    expect(copied).toContain('**What to do:**');
    expect(copied).toContain(`**Docs:** [${finding.docs}](${finding.docs})`);
    // Only that finding.
    for (const other of store.calls[0]!.findings.filter((f) => f.rule !== finding.rule)) expect(copied).not.toContain(`: ${other.rule}**`);
  });

  it('falls back to execCommand when the Clipboard API is refused, as DevTools often does', async () => {
    setClipboard(async () => {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    });
    let selected = '';
    const execCommand = vi.fn((command: string) => {
      selected = (document.activeElement as HTMLTextAreaElement | null)?.value ?? '';
      return command === 'copy';
    });
    Object.defineProperty(document, 'execCommand', { configurable: true, value: execCommand });
    await openFailingCall();
    const button = screen.getByTestId('copy-call-markdown');
    button.focus();
    fireEvent.click(button);
    const status = await screen.findByTestId('copy-status');
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(selected).toMatch(/^### ❌ Coveo call \S+: search, not enforced/);
    expect(status.textContent).toMatch(/Copied/);
    // The helper text area is gone and the focus is back on the button.
    expect(document.querySelectorAll('textarea').length).toBe(0);
    expect(document.activeElement).toBe(button);
  });

  it('says so, and selects the text to copy by hand, when both ways are refused', async () => {
    setClipboard(null);
    Object.defineProperty(document, 'execCommand', { configurable: true, value: () => false });
    await openFailingCall();
    fireEvent.click(screen.getAllByTestId('copy-finding')[0]!);
    const status = await screen.findByTestId('copy-status');
    expect(status.dataset.ok).toBe('false');
    expect(status.textContent).toMatch(/Copying was refused by the browser/);
    const area = screen.getByTestId('detail-copy-fallback') as HTMLTextAreaElement;
    expect(area.value).toMatch(/\*\*Why it matters:\*\*/);
    await waitFor(() => expect(document.activeElement).toBe(area));
  });

  it("the toolbar's Copy .md also tries execCommand before asking to copy by hand", async () => {
    setClipboard(null);
    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, 'execCommand', { configurable: true, value: execCommand });
    const { emit } = await mountPanel();
    await emit(enforcedSearch('Community'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('copy-markdown'));
    });
    expect(execCommand).toHaveBeenCalledWith('copy');
    expect(screen.queryByTestId('copy-fallback')).toBeNull();
    expect(document.body.textContent).toContain('Copied the Markdown report.');
  });
});

describe('focus and layout', () => {
  it('a click on the list focuses it without asking for a focus ring', async () => {
    const { emit } = await mountPanel();
    await emit(enforcedSearch('Community'));
    const focus = vi.spyOn(HTMLElement.prototype, 'focus');
    fireEvent.click(rows()[0]!);
    const list = screen.getByTestId('call-list');
    const call = focus.mock.calls.find((_, i) => focus.mock.instances[i] === list);
    expect(call?.[0]).toMatchObject({ focusVisible: false, preventScroll: true });
  });

  it('the empty panel says it once: no second "no calls" sentence under the summary', async () => {
    await mountPanel();
    const text = document.body.textContent ?? '';
    expect(text.match(/No Coveo calls/g)).toHaveLength(1);
    expect(screen.getByTestId('empty-state').textContent).toMatch(/none from before DevTools opened/);
    // No zero badges either when there is nothing to count.
    expect(summary().querySelector('[data-count]')).toBeNull();
  });

  it('the toolbar keeps every control and hook, with short labels and full names', () => {
    return mountPanel().then(() => {
      for (const id of [
        'filter-input',
        'verdict-filter',
        'kind-filter',
        'preserve-log',
        'export-markdown',
        'export-json',
        'copy-markdown',
        'import-input',
        'cap-input',
      ]) {
        expect(screen.getByTestId(id), id).toBeTruthy();
      }
      expect(screen.getByTestId('export-markdown').textContent).toBe('Save .md');
      expect(screen.getByTestId('export-markdown').getAttribute('aria-label')).toBe('Save the report as Markdown');
      expect(screen.getByTestId('copy-markdown').getAttribute('aria-label')).toBe('Copy the report as Markdown');
    });
  });
});
