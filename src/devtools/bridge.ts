/**
 * The hand-over between the devtools page (which captures from the moment DevTools opens) and the panel
 * document (which loads only when first shown). Both are pages of the extension's origin, so the devtools
 * page can hand objects to the panel's window directly: whichever side arrives second completes the link.
 */
import { Collector } from './collector';
import type { Platform } from './platform';

export interface PanelLink {
  platform: Platform;
  collector: Collector;
}

export const PANEL_TITLE = 'Coveo Hub';
export const PANEL_ICON = 'icons/icon-32.png';
export const PANEL_PAGE = 'panel.html';

interface LinkWindow {
  __coveoHubConnect?: (link: PanelLink) => void;
  __coveoHubPending?: PanelLink;
  __coveoHubLinked?: boolean;
}

/** Devtools page side: give the link to the panel window (now, or when the panel script is ready). */
export function offerLink(win: Window | object, link: PanelLink): void {
  const w = win as LinkWindow;
  if (w.__coveoHubLinked) return;
  w.__coveoHubLinked = true;
  if (typeof w.__coveoHubConnect === 'function') w.__coveoHubConnect(link);
  else w.__coveoHubPending = link;
}

/** Panel side: receive the link whichever side came first. */
export function awaitLink(win: Window | object, onLink: (link: PanelLink) => void): void {
  const w = win as LinkWindow;
  const pending = w.__coveoHubPending;
  if (pending) {
    delete w.__coveoHubPending;
    onLink(pending);
    return;
  }
  w.__coveoHubConnect = (link) => {
    delete w.__coveoHubConnect;
    onLink(link);
  };
}

/** What `devtools.ts` runs: capture from now on, create the panel, hand over on first show. */
export async function startDevtools(platform: Platform): Promise<Collector> {
  const collector = new Collector(platform);
  collector.start();
  const panel = await platform.createPanel(PANEL_TITLE, PANEL_ICON, PANEL_PAGE);
  panel.onShown((win) => offerLink(win, { platform, collector }));
  return collector;
}
