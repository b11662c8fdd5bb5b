// The panel document: loads lazily, the first time the user opens the "Coveo Hub" tab.
import { render } from 'preact';
import { awaitLink } from '../devtools/bridge';
import type { PanelLink } from '../devtools/bridge';
import { Collector } from '../devtools/collector';
import { demoEntries } from '../devtools/demo-entries';
import { FakePlatform } from '../devtools/fake-platform';
import { createProbeBridge, localSettings } from '../devtools/platform';
import { App } from './App';
import { linkStore } from './connect';
import { PanelStore } from './store';

const root = document.getElementById('app');
const fake = new URLSearchParams(location.search).get('fake') === '1';

function start(container: HTMLElement): void {
  const store = new PanelStore(fake ? undefined : localSettings());
  if (typeof __E2E__ !== 'undefined' && __E2E__) {
    window.__coveoHubState = () => ({ calls: store.calls, summary: store.summary });
  }
  // Made in this document, so that the permission request runs in the user's click (see createProbeBridge).
  const probe = fake ? undefined : createProbeBridge(globalThis as Parameters<typeof createProbeBridge>[0]);
  const show = (link: PanelLink | null): void => render(<App store={store} platform={link?.platform ?? null} probe={probe} />, container);
  show(null);

  if (fake) {
    const platform = new FakePlatform();
    const collector = new Collector(platform);
    collector.start();
    const link = { platform, collector };
    show(link);
    void linkStore(store, link);
    for (const entry of demoEntries()) platform.emitRequest(entry);
    return;
  }
  awaitLink(window, (link) => {
    show(link);
    void linkStore(store, link);
  });
}

if (root) start(root);
