// @vitest-environment happy-dom
// Exports from the panel say what was tested (the inspected page, the extension's version) and redact personal
// data in decoded claims unless the "Personal data in exports" setting is on (remembered, off by default).
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { exportText } from '../../src/panel/export';
import { SETTINGS_KEYS } from '../../src/panel/store';
import { coveoCall, searchToken } from './helpers';
import { mountPanel } from './mount';

afterEach(() => cleanup());

const PERSON = { userDisplayName: 'Jane Doe', userIds: [{ name: 'jane@acme.example', provider: 'Email', type: 'User' }] };

describe('panel exports', () => {
  it('name the inspected page the tab navigated to, and the extension version', async () => {
    const { platform, emit, store, settle } = await mountPanel();
    await act(async () => platform.navigate('https://www.acme.example/search?q=tv'));
    await settle();
    await emit(coveoCall({ credential: searchToken({ searchHub: 'ACMEPublic' }), body: { q: 'tv', searchHub: 'ACMEPublic' } }));
    const json = JSON.parse(exportText(store, 'json', { extensionVersion: '9.9.9' })) as {
      sources: { page?: { url: string | null } }[];
      about?: { via: string; extensionVersion: string | null };
    };
    expect(json.sources[0]?.page?.url).toBe('https://www.acme.example/search?q=tv');
    expect(json.about).toMatchObject({ via: 'panel', extensionVersion: '9.9.9' });
    expect(exportText(store, 'markdown')).toContain('https://www.acme.example/search');
  });

  it('redact personal claims by default; the setting reveals them and is remembered', async () => {
    const { platform, emit, store } = await mountPanel();
    const token = searchToken({ searchHub: 'ACMEPublic', ...PERSON });
    await emit(coveoCall({ credential: token, body: { q: 'tv', searchHub: 'ACMEPublic' } }));
    const redacted = exportText(store, 'json');
    for (const secret of ['Jane Doe', 'jane@acme.example', token]) expect(redacted).not.toContain(secret);
    expect(redacted).toContain('userDisplayName');

    const box = screen.getByTestId('include-personal-data') as HTMLInputElement;
    expect(box.checked).toBe(false);
    await act(async () => {
      fireEvent.click(box);
    });
    expect(store.includePersonalData).toBe(true);
    expect(platform.storageGet(SETTINGS_KEYS.includePersonalData)).toBe('true');
    const revealed = exportText(store, 'json');
    expect(revealed).toContain('Jane Doe');
    expect(revealed).toContain('jane@acme.example');
    // The credential itself stays a fingerprint whatever the setting.
    expect(revealed).not.toContain(token);

    const again = await mountPanel({ platform });
    expect(again.store.includePersonalData).toBe(true);
  });
});
