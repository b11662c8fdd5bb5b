/**
 * Test build only (`__E2E__`): a timeline of what the devtools page heard from DevTools and handed to the panel,
 * kept in the devtools page's `window.__coveoHubTrace` for the browser tests to read when a run goes wrong.
 * The release build never calls this (the calls are behind `__E2E__`, which esbuild folds to false).
 */
import type { CaptureSink } from './collector';
import type { Platform, RawRequest } from './platform';

type Trace = [ms: number, what: string][];

function traceOf(): Trace {
  const g = globalThis as { __coveoHubTrace?: Trace };
  g.__coveoHubTrace ??= [];
  return g.__coveoHubTrace;
}

export function trace(what: string): void {
  const t = traceOf();
  if (t.length < 2_000) t.push([Math.round(performance.now()), what]);
}

function describeRequest(request: RawRequest): string {
  const e = request.entry;
  return `${e?.request?.method ?? '?'} ${String(e?.request?.url ?? '')
    .replace(/^https?:\/\/([^/]+)/, '$1')
    .slice(0, 80)} @${e?.startedDateTime ?? '?'} ${e?.response?.status ?? '-'}`;
}

/** The same platform, each event and answer written to the trace first. */
export function tracedPlatform(platform: Platform): Platform {
  return {
    ...platform,
    onRequest: (listener) =>
      platform.onRequest((request) => {
        trace(`request ${describeRequest(request)}`);
        return listener(request);
      }),
    onNavigated: (listener) =>
      platform.onNavigated((url) => {
        trace(`navigated ${url}`);
        return listener(url);
      }),
    getHAR: async () => {
      trace('getHAR asked');
      const har = await platform.getHAR();
      trace(`getHAR answered ${har.length}: ${har.map(describeRequest).join(' | ')}`);
      return har;
    },
    documentTimeOrigin: async () => {
      const origin = await platform.documentTimeOrigin();
      trace(`timeOrigin ${origin}`);
      return origin;
    },
    createPanel: async (title, icon, page) => {
      const handle = await platform.createPanel(title, icon, page);
      trace('panel created');
      return {
        onShown: (listener) =>
          handle.onShown((win) => {
            trace('panel shown');
            return listener(win);
          }),
      };
    },
    themeName: () => platform.themeName(),
    onThemeChanged: (l) => platform.onThemeChanged(l),
    reloadInspected: () => platform.reloadInspected(),
    storageGet: (k) => platform.storageGet(k),
    storageSet: (k, v) => platform.storageSet(k, v),
  };
}

/** The sink, each batch written to the trace first. */
export function tracedSink(sink: CaptureSink): CaptureSink {
  return (events) => {
    trace(
      `sink ${events.map((e) => (e.type === 'call' ? `call ${e.report.kind} p${e.page}` : e.type === 'navigation' ? `nav p${e.page}` : `dropped ${e.count}`)).join(', ')}`,
    );
    sink(events);
  };
}
