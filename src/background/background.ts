/**
 * The extension's background script: it does one thing, send the routing probe's requests, and only for an origin
 * the user granted (optional host permission) and only when an extension page of its own asks. It also opens the
 * small permission page Firefox needs (DevTools pages there have no `permissions` API). One classic script with
 * nothing bundled but its own lines: the calls it makes (`permissions.contains`, `windows.create`, `tabs.create`)
 * return promises natively in both browsers' MV3, so it needs no polyfill, only the library's types.
 */
import type { Browser, Runtime } from 'webextension-polyfill';
import { PROBE_MESSAGES } from '../devtools/probe-bridge';

type Api = Pick<Browser, 'runtime' | 'permissions' | 'tabs'> & { windows?: Browser['windows'] };
const g = globalThis as unknown as { browser?: Api; chrome?: Api };
const api = (g.browser ?? g.chrome) as Api;

interface ProbeRequestMsg {
  url: string;
  method: string;
  headers: [string, string][];
  body: string;
  timeoutMs: number;
}
type ProbeResponseMsg = { status: number; body: string } | { error: 'timeout' | 'network'; message: string };

const MAX_BODY_CHARS = 8_000_000;

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.username !== '' || u.password !== '') return null;
    return u.origin;
  } catch {
    return null;
  }
}

function isOrigin(value: unknown): value is string {
  return typeof value === 'string' && originOf(`${value}/`) === value;
}

async function granted(origin: string): Promise<boolean> {
  try {
    return await api.permissions.contains({ origins: [`${origin}/*`] });
  } catch {
    return false;
  }
}

async function send(req: ProbeRequestMsg): Promise<ProbeResponseMsg> {
  const origin = typeof req?.url === 'string' ? originOf(req.url) : null;
  if (!origin) return { error: 'network', message: 'refused: not a plain http(s) URL' };
  if (req.method !== 'POST') return { error: 'network', message: 'refused: the probe only sends POST requests' };
  if (!(await granted(origin))) return { error: 'network', message: `refused: no permission for ${origin}` };
  const controller = new AbortController();
  const timeoutMs = Math.min(Math.max(Number(req.timeoutMs) || 10_000, 100), 120_000);
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const headers = new Headers();
    for (const pair of Array.isArray(req.headers) ? req.headers : []) {
      try {
        headers.append(String(pair[0]), String(pair[1]));
      } catch {
        /* a header the browser refuses is left out */
      }
    }
    const res = await fetch(req.url, {
      method: 'POST',
      headers,
      body: typeof req.body === 'string' ? req.body : '',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      signal: controller.signal,
    });
    const text = await res.text();
    return { status: res.status, body: text.length > MAX_BODY_CHARS ? text.slice(0, MAX_BODY_CHARS) : text };
  } catch (error) {
    if (controller.signal.aborted) return { error: 'timeout', message: `no answer within ${timeoutMs} ms` };
    return { error: 'network', message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function openGrant(origin: string): Promise<boolean> {
  const url = api.runtime.getURL(`grant.html?origin=${encodeURIComponent(origin)}`);
  try {
    // Firefox for Android has no windows API: a tab instead.
    if (api.windows) await api.windows.create({ url, type: 'popup', width: 520, height: 360 });
    else if (api.tabs) await api.tabs.create({ url });
    return true;
  } catch {
    return false;
  }
}

/**
 * Answers by `reply` and `true` (keep the channel open), the form both browsers' own `onMessage` accept; an async
 * listener's promise is understood by Firefox and webextension-polyfill only. No answer (undefined) for anything else.
 */
function onMessage(msg: unknown, sender: Runtime.MessageSender, reply: (answer: unknown) => void): true | undefined {
  // Only the extension's own pages (panel, grant page) may ask; never a web page or another extension.
  if (sender.id !== api.runtime.id || typeof sender.url !== 'string' || !sender.url.startsWith(api.runtime.getURL(''))) return undefined;
  const m = msg as { type?: unknown; request?: unknown; origin?: unknown } | null;
  if (!m || typeof m !== 'object') return undefined;
  if (m.type === PROBE_MESSAGES.send) {
    void send(m.request as ProbeRequestMsg).then(reply);
    return true;
  }
  if (m.type === PROBE_MESSAGES.has && isOrigin(m.origin)) {
    void granted(m.origin).then(reply);
    return true;
  }
  if (m.type === PROBE_MESSAGES.openGrant && isOrigin(m.origin)) {
    void openGrant(m.origin).then(reply);
    return true;
  }
  return undefined;
}

api.runtime.onMessage.addListener(onMessage as Runtime.OnMessageListenerCallback);
