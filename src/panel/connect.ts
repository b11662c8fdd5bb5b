import type { PanelLink } from '../devtools/bridge';
import type { PanelStore } from './store';

/** Feeds the store from the devtools page's collector: the buffer first, then the back-fill, then live. */
export function linkStore(store: PanelStore, link: PanelLink): Promise<void> {
  store.setConnected();
  return link.collector.connect((events) => store.addEvents(events));
}
