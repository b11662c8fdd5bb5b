// "No network of our own": watches every request made inside the DevTools front-end of the tabs a Chromium
// session inspects, so a test can prove that the extension's own documents (its devtools page
// chrome-extension://<id>/devtools.html and its panel chrome-extension://<id>/panel.html) fetch nothing but
// their own files.
//
// How it sees them (verified on Chromium 156 + puppeteer-core 24):
//  - Both extension documents are frames of the DevTools front-end target (devtools://devtools/bundled/...),
//    out-of-process iframes with targets of their own. Puppeteer auto-attaches to those child targets with
//    `waitForDebuggerOnStart` and enables the Network domain on them before they resume, and reports their
//    requests as `request` events of the DevTools Page (with `request.frame()` = the iframe).
//  - The session's `onDevtools` hook hands us that Page as soon as it exists, before the tab navigates, i.e.
//    before DevTools loads the extension: the extension's frames are watched from their first request
//    (devtools.js, panel.css, panel.js... are seen; the self-check in clients.chromium.test.ts also makes the
//    panel fetch a foreign URL and checks it is recorded).
//  - A request belongs to an extension document when the document of its frame (its URL when the request
//    started) or any URL in its initiator (script stack included) is on chrome-extension://<id>/. The
//    navigation that loads an extension frame is started by the DevTools front-end, so it is not counted as
//    the extension's (it goes to chrome-extension://<id>/ anyway).
//  - WebSockets and WebTransport are not `request` events: the CDP session of each extension frame (known
//    from its first request; with `script-src 'self'` no script of ours can run before one) is also watched
//    for `Network.webSocketCreated` / `Network.webTransportCreated`, recorded with method "WEBSOCKET" /
//    "WEBTRANSPORT".
//  - Workers started from an extension document would not report through the Page: `workercreated` events
//    whose URL is on chrome-extension:// are recorded in `workers` (the extension starts none; a test should
//    assert that list stays empty).
// Allowed destinations for an extension document: chrome-extension://<its own id>/, data: and blob: URLs.
import type { CDPSession, HTTPRequest, Page } from 'puppeteer-core';
import type { ChromiumSession } from './chromium';

export interface WatchedRequest {
  /** 1-based number of the inspected tab whose DevTools saw the request (order of `inspect` calls). */
  tab: number;
  url: string;
  method: string;
  /** Puppeteer's resource type (document, script, stylesheet, fetch, image, ping, ..., or websocket). */
  resourceType: string;
  navigation: boolean;
  /** URL of the requesting frame's document when the request started ('' for a frame's first navigation). */
  frameUrl: string;
  /** The initiator's URL and every URL on its script stack. */
  initiatorUrls: string[];
}

export interface NetWatch {
  /** Every request seen in the watched DevTools pages (DevTools' own traffic included), in order. */
  readonly requests: readonly WatchedRequest[];
  /** Workers whose script URL is on chrome-extension:// (none expected). */
  readonly workers: readonly { tab: number; url: string }[];
  /** Extension ids whose documents were seen as frames of a watched DevTools page. */
  extensionIds(): string[];
  /** The tab number `watch` gave a DevTools page (0 if that page was never watched). */
  tabOf(devtools: Page): number;
  /** Requests initiated by a chrome-extension://<id>/ document, optionally leaving out some tabs. */
  fromExtension(id: string, opts?: { excludeTabs?: Iterable<number> }): WatchedRequest[];
  /** Those of `fromExtension` whose destination is not chrome-extension://<id>/, data: or blob:. */
  foreign(id: string, opts?: { excludeTabs?: Iterable<number> }): WatchedRequest[];
  /** Stops watching tabs opened from now on (pages already watched stay watched until they close). */
  stop(): void;
}

const EXTENSION_URL = /^chrome-extension:\/\/([a-p]{32})\//;

function initiatorUrls(request: HTTPRequest): string[] {
  const initiator = request.initiator();
  if (!initiator) return [];
  const urls: string[] = [];
  if (initiator.url) urls.push(initiator.url);
  for (let stack = initiator.stack; stack; stack = stack.parent) {
    for (const frame of stack.callFrames) if (frame.url) urls.push(frame.url);
  }
  return urls;
}

/** True when `url` is somewhere an extension document may load from: its own origin, data: or blob:. */
export function allowedDestination(id: string, url: string): boolean {
  return url.startsWith(`chrome-extension://${id}/`) || url.startsWith('data:') || url.startsWith('blob:');
}

function initiatedBy(id: string, request: WatchedRequest): boolean {
  const prefix = `chrome-extension://${id}/`;
  return request.frameUrl.startsWith(prefix) || request.initiatorUrls.some((url) => url.startsWith(prefix));
}

/** Starts watching every tab the session inspects from now on. Call it before the first `inspect`. */
export function watchExtensionNetwork(session: ChromiumSession): NetWatch {
  const requests: WatchedRequest[] = [];
  const workers: { tab: number; url: string }[] = [];
  const tabs = new WeakMap<Page, number>();
  const ids = new Set<string>();
  let nextTab = 1;

  const stop = session.onDevtools((devtools) => {
    const tab = nextTab++;
    tabs.set(devtools, tab);
    const watchedSessions = new WeakSet<CDPSession>();

    const watchSockets = (client: CDPSession, frameUrl: string): void => {
      if (watchedSessions.has(client)) return;
      watchedSessions.add(client);
      client.on('Network.webSocketCreated', (event) => {
        requests.push({
          tab,
          url: event.url,
          method: 'WEBSOCKET',
          resourceType: 'websocket',
          navigation: false,
          frameUrl,
          initiatorUrls: event.initiator?.url ? [event.initiator.url] : [],
        });
      });
      client.on('Network.webTransportCreated', (event) => {
        requests.push({
          tab,
          url: event.url,
          method: 'WEBTRANSPORT',
          resourceType: 'webtransport',
          navigation: false,
          frameUrl,
          initiatorUrls: event.initiator?.url ? [event.initiator.url] : [],
        });
      });
    };

    devtools.on('request', (request) => {
      const frame = request.frame();
      const frameUrl = frame?.url() ?? '';
      const record: WatchedRequest = {
        tab,
        url: request.url(),
        method: request.method(),
        resourceType: request.resourceType(),
        navigation: request.isNavigationRequest(),
        frameUrl,
        initiatorUrls: initiatorUrls(request),
      };
      requests.push(record);
      const id = EXTENSION_URL.exec(frameUrl)?.[1];
      if (id && frame !== devtools.mainFrame()) {
        ids.add(id);
        watchSockets(request.client, frameUrl);
      }
    });
    devtools.on('workercreated', (worker) => {
      if (worker.url().startsWith('chrome-extension://')) workers.push({ tab, url: worker.url() });
    });
  });

  const excluded = (opts?: { excludeTabs?: Iterable<number> }): Set<number> => new Set(opts?.excludeTabs ?? []);
  const fromExtension = (id: string, opts?: { excludeTabs?: Iterable<number> }): WatchedRequest[] => {
    const skip = excluded(opts);
    return requests.filter((r) => !skip.has(r.tab) && initiatedBy(id, r));
  };

  return {
    requests,
    workers,
    extensionIds: () => [...ids],
    tabOf: (devtools) => tabs.get(devtools) ?? 0,
    fromExtension,
    foreign: (id, opts) => fromExtension(id, opts).filter((r) => !allowedDestination(id, r.url)),
    stop,
  };
}
