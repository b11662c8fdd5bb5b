// The demo page (dist/demo/index.html, `npm run demo`): the panel in a plain tab, over the in-memory platform and
// canned traffic (made-up organization and credentials, no network). Not part of the extension.
import { render } from 'preact';
import { Collector } from '../devtools/collector';
import { demoEntries } from '../devtools/demo-entries';
import { FakePlatform } from '../devtools/fake-platform';
import { App } from '../panel/App';
import { linkStore } from '../panel/connect';
import { PanelStore } from '../panel/store';

const root = document.getElementById('app');

function start(container: HTMLElement): void {
  // No settings storage and no probe: the demo leaves nothing behind and sends nothing.
  const store = new PanelStore(undefined);
  // Mounted before the store hears anything, as the extension's panel is: the App reads the store when it
  // subscribes (an effect, after the first paint), and events sent before that are not shown until the next one.
  render(<App store={store} platform={null} probe={undefined} />, container);
  const platform = new FakePlatform();
  const collector = new Collector(platform);
  collector.start();
  const link = { platform, collector };
  render(<App store={store} platform={platform} probe={undefined} />, container);
  void linkStore(store, link);
  for (const entry of demoEntries()) platform.emitRequest(entry);
}

if (root) start(root);
