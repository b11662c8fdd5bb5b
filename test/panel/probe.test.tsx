// @vitest-environment happy-dom
// The routing probe in the panel, over the fake DevTools platform and a fake bridge (no network).
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProbeRequest, ProbeResponse } from '../../src/core/index';
import { Collector } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import type { ProbeBridge } from '../../src/devtools/platform';
import { App } from '../../src/panel/App';
import { linkStore } from '../../src/panel/connect';
import { PanelStore } from '../../src/panel/store';
import { API_KEY, apiKeySearch, enforcedSearch, har, ORG } from './helpers';

afterEach(() => cleanup());

function fakeBridge(grant: boolean, answer: (r: ProbeRequest) => ProbeResponse) {
  const asked: string[] = [];
  const sent: ProbeRequest[] = [];
  let release: (v: boolean) => void = () => {};
  const bridge: ProbeBridge = {
    asksIn: 'panel',
    requestOrigin(origin) {
      asked.push(origin);
      return new Promise<boolean>((resolve) => (release = () => resolve(grant)));
    },
    async send(r) {
      sent.push(r);
      return answer(r);
    },
  };
  return { bridge, asked, sent, answerPermission: () => release(grant) };
}

async function mount(bridge: ProbeBridge | undefined, ...entries: ReturnType<typeof apiKeySearch>[]) {
  const platform = new FakePlatform();
  const collector = new Collector(platform);
  collector.start();
  const store = new PanelStore(platform);
  render(<App store={store} platform={platform} probe={bridge} />);
  await act(async () => {
    await linkStore(store, { platform, collector });
  });
  for (const e of entries) platform.emitRequest(e);
  await act(async () => {
    await collector.idle();
  });
  return store;
}

const routed = (r: ProbeRequest): ProbeResponse => ({ status: 200, body: JSON.stringify({ pipeline: r.variant === 'baseline' ? 'community' : 'default' }) });

async function openFirstSearch(): Promise<void> {
  await waitFor(() => expect(screen.queryAllByTestId('call-row').length).toBeGreaterThan(0));
  fireEvent.click(screen.getAllByTestId('call-row')[0]!);
  await waitFor(() => screen.getByTestId('detail'));
}

describe('routing probe in the panel', () => {
  it('says what will be sent, to which origin, with which credential; sends nothing until the browser grants that origin', async () => {
    const f = fakeBridge(true, routed);
    const store = await mount(f.bridge, apiKeySearch('Public'), apiKeySearch('Public'));
    await openFirstSearch();
    fireEvent.click(screen.getByTestId('probe-button'));
    const consent = screen.getByTestId('probe-consent');
    expect(consent.getAttribute('data-origin')).toBe(`https://${ORG}.org.coveo.com`);
    expect(screen.getByTestId('probe-credential').textContent).toBe('api-key xx56…4457');
    expect(consent.textContent).toMatch(/counts as a query/);
    expect(consent.textContent).not.toContain(API_KEY);
    expect(f.sent).toHaveLength(0);
    fireEvent.click(screen.getByTestId('probe-confirm'));
    expect(f.asked).toEqual([`https://${ORG}.org.coveo.com`]);
    expect(screen.getByTestId('probe-status').getAttribute('data-step')).toBe('permission');
    expect(f.sent).toHaveLength(0);
    await act(async () => f.answerPermission());
    await waitFor(() => expect(screen.getByTestId('probe-result').getAttribute('data-outcome')).toBe('routing-changed'));
    expect(f.sent.map((r) => r.variant)).toEqual(['baseline', 'canary', 'no-hub', 'pipeline']);
    expect(f.sent.every((r) => new URL(r.url).origin === `https://${ORG}.org.coveo.com`)).toBe(true);
    // Both calls with the key are now unenforced, with the error finding; no call was added.
    expect(store.calls).toHaveLength(2);
    expect(store.calls.map((c) => c.verdict)).toEqual(['unenforced', 'unenforced']);
    expect(screen.getAllByTestId('call-row').map((r) => r.getAttribute('data-verdict'))).toEqual(['unenforced', 'unenforced']);
    expect(screen.getAllByTestId('finding').map((el) => el.getAttribute('data-rule'))).toContain('probe-routing-changed');
    expect(store.summary.verdict).toBe('fail');
  });

  it('a refused permission sends nothing; cancel sends nothing', async () => {
    const f = fakeBridge(false, routed);
    await mount(f.bridge, apiKeySearch('Public'));
    await openFirstSearch();
    fireEvent.click(screen.getByTestId('probe-button'));
    fireEvent.click(screen.getByTestId('probe-cancel'));
    expect(screen.queryByTestId('probe-consent')).toBeNull();
    expect(f.asked).toEqual([]);
    fireEvent.click(screen.getByTestId('probe-button'));
    fireEvent.click(screen.getByTestId('probe-confirm'));
    await act(async () => f.answerPermission());
    await waitFor(() => expect(screen.getByTestId('probe-status').getAttribute('data-step')).toBe('denied'));
    expect(f.sent).toHaveLength(0);
  });

  it('is not offered for a call already enforced by its token, nor without a bridge (the demo)', async () => {
    const f = fakeBridge(true, routed);
    await mount(f.bridge, enforcedSearch('Community'));
    await openFirstSearch();
    expect(screen.queryByTestId('probe-button')).toBeNull();
    expect(screen.getByTestId('probe-unavailable').textContent).toMatch(/already enforced/);
    cleanup();
    await mount(undefined, apiKeySearch('Public'));
    await openFirstSearch();
    expect(screen.queryByTestId('probe')).toBeNull();
  });

  it("probes a call of an imported HAR: same consent and grant, the outcome lands on the file's calls", async () => {
    const f = fakeBridge(true, routed);
    const store = await mount(f.bridge);
    await act(async () => {
      expect(await store.importHar(har([apiKeySearch('Public'), apiKeySearch('Public')]), 'shop.har', async () => undefined)).toBeNull();
    });
    expect(store.imported?.calls.map((c) => c.verdict)).toEqual(['unverifiable', 'unverifiable']);
    await openFirstSearch();
    expect(screen.queryByTestId('probe-unavailable')).toBeNull();
    fireEvent.click(screen.getByTestId('probe-button'));
    expect(screen.getByTestId('probe-consent').getAttribute('data-origin')).toBe(`https://${ORG}.org.coveo.com`);
    fireEvent.click(screen.getByTestId('probe-confirm'));
    expect(f.asked).toEqual([`https://${ORG}.org.coveo.com`]);
    expect(f.sent).toHaveLength(0);
    await act(async () => f.answerPermission());
    await waitFor(() => expect(screen.getByTestId('probe-result').getAttribute('data-outcome')).toBe('routing-changed'));
    expect(f.sent).toHaveLength(4);
    expect(store.imported?.calls.map((c) => c.verdict)).toEqual(['unenforced', 'unenforced']);
    expect(screen.getAllByTestId('call-row').map((r) => r.getAttribute('data-verdict'))).toEqual(['unenforced', 'unenforced']);
  });

  it("a probe's late answer never lands on another file imported meanwhile (same call ids)", async () => {
    let answer: () => void = () => {};
    const slow: ProbeBridge = {
      asksIn: 'panel',
      requestOrigin: () => Promise.resolve(true),
      send: (r) => new Promise((resolve) => (answer = () => resolve(routed(r)))),
    };
    const store = await mount(slow);
    await act(async () => {
      await store.importHar(har([apiKeySearch('Public')]), 'first.har', async () => undefined);
    });
    await openFirstSearch();
    fireEvent.click(screen.getByTestId('probe-button'));
    fireEvent.click(screen.getByTestId('probe-confirm'));
    await waitFor(() => expect(screen.getByTestId('probe-status').getAttribute('data-step')).toBe('sending'));
    await act(async () => {
      await store.importHar(har([apiKeySearch('Public')]), 'second.har', async () => undefined);
    });
    expect(store.imported?.name).toBe('second.har');
    // Answer every variant of the first file's probe.
    for (let i = 0; i < 4; i++) {
      await act(async () => {
        answer();
        await new Promise((r) => setTimeout(r, 0));
      });
    }
    expect(store.imported?.calls.map((c) => [c.id, c.verdict, c.probe ?? null])).toEqual([['c0', 'unverifiable', null]]);
  });
});
