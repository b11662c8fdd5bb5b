// @vitest-environment happy-dom
// Issue 9 in the panel: the import banner says when a HAR carries no credentials (a sanitized export), and the
// coverage never calls a pipeline-only token's body hub "enforced".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SEARCH_URL, har, searchToken } from './helpers';
import { mountPanel } from './mount';

afterEach(() => cleanup());

function pick(file: File): void {
  const input = screen.getByTestId('import-input') as HTMLInputElement;
  Object.defineProperty(input, 'files', { configurable: true, value: [file] });
  fireEvent.change(input);
}

const entryWith = (headers: { name: string; value: string }[], json: unknown) => ({
  startedDateTime: '2026-11-24T10:00:01.000Z',
  request: { method: 'POST', url: SEARCH_URL, headers, postData: { mimeType: 'application/json', text: JSON.stringify(json) } },
  response: { status: 200, content: { mimeType: 'application/json', text: '{"pipeline":"public-pipeline"}' } },
});

describe('panel and issue 9', () => {
  it('the import banner says a sanitized HAR carries no credentials (Chrome sanitized export of a recorded page)', async () => {
    await mountPanel();
    const text = readFileSync(join(process.cwd(), 'test/fixtures/issue9/chrome-sanitized-headless-token-hub.har'), 'utf8');
    pick(new File([text], 'customer.har', { type: 'application/json' }));
    const banner = await screen.findByTestId('imported-banner');
    const note = await screen.findByTestId('har-without-credentials');
    expect(banner.contains(note)).toBe(true);
    expect(note.textContent).toMatch(/Export HAR \(with sensitive data\)/);
  });

  it('no such note for a HAR whose calls carry their Authorization header', async () => {
    await mountPanel();
    const withAuth = entryWith([{ name: 'Authorization', value: `Bearer ${searchToken({ searchHub: 'ACMEPublic' })}` }], { q: '' });
    pick(new File([har([withAuth])], 'full.har'));
    await screen.findByTestId('imported-banner');
    expect(screen.queryByTestId('har-without-credentials')).toBeNull();
  });

  it('a pipeline-only token: the coverage says routing is pinned, never that the body hub is enforced', async () => {
    await mountPanel();
    const pinned = entryWith([{ name: 'Authorization', value: `Bearer ${searchToken({ pipeline: 'public-pipeline' })}` }], { q: '', searchHub: 'ACMEPublic' });
    pick(new File([har([pinned])], 'pinned.har'));
    await screen.findByTestId('imported-banner');
    const hub = screen.getByTestId('summary').querySelector('[data-hub="ACMEPublic"]') as HTMLElement;
    expect(hub.textContent).toMatch(/routing pinned by token pipeline "public-pipeline"/);
    expect(hub.textContent).not.toMatch(/both enforced/);
    expect(screen.getByTestId('coverage-pinned')).toBeTruthy();
  });
});
