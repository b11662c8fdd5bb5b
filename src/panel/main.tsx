// The panel document: loads lazily, the first time the user opens the "Coveo Hub" tab. The demo page (src/demo)
// mounts the same App over an in-memory platform; nothing of the demo ships in this bundle.
import { render } from 'preact';
import { awaitLink } from '../devtools/bridge';
import type { PanelLink } from '../devtools/bridge';
import { extensionBrowser } from '../devtools/browser';
import { localSettings } from '../devtools/platform';
import { createProbeBridge } from '../devtools/probe-bridge';
import { App } from './App';
import { linkStore } from './connect';
import { PanelStore } from './store';

const root = document.getElementById('app');

function start(container: HTMLElement): void {
  const store = new PanelStore(localSettings());
  if (typeof __E2E__ !== 'undefined' && __E2E__) {
    window.__coveoHubState = () => ({ calls: store.calls, summary: store.summary });
  }
  // Made in this document, so that the permission request runs in the user's click (see createProbeBridge).
  const probe = createProbeBridge(extensionBrowser);
  const show = (link: PanelLink | null): void => render(<App store={store} platform={link?.platform ?? null} probe={probe} />, container);
  show(null);
  awaitLink(window, (link) => {
    show(link);
    void linkStore(store, link);
  });
}

if (root) start(root);
