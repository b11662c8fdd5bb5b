import { act, render } from '@testing-library/preact';
import { Collector } from '../../src/devtools/collector';
import { FakePlatform } from '../../src/devtools/fake-platform';
import type { HarEntryLike } from '../../src/core/index';
import { App } from '../../src/panel/App';
import { linkStore } from '../../src/panel/connect';
import { PanelStore } from '../../src/panel/store';

export interface Mounted {
  platform: FakePlatform;
  collector: Collector;
  store: PanelStore;
  /** Emits requests as DevTools would and waits until the panel has them. */
  emit(...entries: HarEntryLike[]): Promise<void>;
  settle(): Promise<void>;
}

/** The whole panel over the fake platform, as it runs in DevTools once shown. */
export async function mountPanel(options: { platform?: FakePlatform; before?: HarEntryLike[] } = {}): Promise<Mounted> {
  const platform = options.platform ?? new FakePlatform();
  const collector = new Collector(platform);
  collector.start();
  for (const entry of options.before ?? []) platform.emitRequest(entry);
  const store = new PanelStore(platform);
  render(<App store={store} platform={platform} />);
  await act(async () => {
    await linkStore(store, { platform, collector });
  });
  const settle = async (): Promise<void> => {
    await act(async () => {
      await collector.idle();
    });
  };
  return {
    platform,
    collector,
    store,
    settle,
    async emit(...entries) {
      for (const entry of entries) platform.emitRequest(entry);
      await settle();
    },
  };
}
