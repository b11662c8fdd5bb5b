/**
 * What the routing probe needs from the browser: an optional host permission for one exact origin, asked at the
 * user's click, and a sender in the extension's background (never the inspected page). Runs on the promise-based
 * `runtime` and `permissions` namespaces (browser.ts), typed from webextension-polyfill.
 */
import type { Permissions, Runtime } from 'webextension-polyfill';
import type { ProbeRequest, ProbeResponse, ProbeSend } from '../core/index';
import { withTimeout } from './platform';

export interface ProbeBridge {
  /** Asks for `origin` only. Must be called from the click that confirmed the consent. */
  requestOrigin(origin: string): Promise<boolean>;
  /** Sends one probe request from the background script; it refuses any origin not granted. */
  send: ProbeSend;
  /** How the permission is asked: in the panel (Chrome) or on a small extension page (Firefox). */
  asksIn: 'panel' | 'page';
}

/** Background messages (src/background/background.ts). */
export const PROBE_MESSAGES = { send: 'coveoHub.probe.send', has: 'coveoHub.probe.has', openGrant: 'coveoHub.probe.openGrant' } as const;
/** How long the panel waits for the user to answer the Firefox permission page. */
export const GRANT_WAIT_MS = 120_000;
/** How long the panel waits for the background to answer a `has` or `openGrant` message. */
export const MESSAGE_TIMEOUT_MS = 5_000;
/** How often the panel asks the background whether the Firefox permission page was answered. */
export const GRANT_POLL_MS = 400;

/** The part of the `browser` namespace the bridge uses; `permissions` is absent on Firefox DevTools pages. */
export interface ProbeBrowser {
  runtime?: Pick<Runtime.Static, 'sendMessage'>;
  permissions?: Pick<Permissions.Static, 'request'>;
}

/**
 * The probe bridge over `runtime` messages to the background, and `permissions` where the page has it. Created in
 * the panel's own document (not handed over by the devtools page), so the permission request runs in the click's
 * user gesture. Undefined when the page has no `runtime` (the probe is then not offered).
 */
export function createProbeBridge(browser: ProbeBrowser | undefined): ProbeBridge | undefined {
  const runtime = browser?.runtime;
  if (!runtime || typeof runtime.sendMessage !== 'function') return undefined;
  const permissions = browser?.permissions;
  const message = (msg: unknown, timeoutMs: number): Promise<unknown> => withTimeout(() => runtime.sendMessage(msg) as Promise<unknown>, timeoutMs);
  const pattern = (origin: string) => `${origin}/*`;
  return {
    asksIn: permissions && typeof permissions.request === 'function' ? 'panel' : 'page',
    requestOrigin(origin) {
      if (permissions && typeof permissions.request === 'function') {
        return withTimeout(() => permissions.request({ origins: [pattern(origin)] }), GRANT_WAIT_MS).then((granted) => granted === true);
      }
      // Firefox: DevTools pages have no permissions API. The background opens a small extension page whose button asks.
      return (async () => {
        if ((await message({ type: PROBE_MESSAGES.has, origin }, MESSAGE_TIMEOUT_MS)) === true) return true; // granted before
        await message({ type: PROBE_MESSAGES.openGrant, origin }, MESSAGE_TIMEOUT_MS);
        const until = Date.now() + GRANT_WAIT_MS;
        while (Date.now() < until) {
          if ((await message({ type: PROBE_MESSAGES.has, origin }, MESSAGE_TIMEOUT_MS)) === true) return true;
          await new Promise((r) => setTimeout(r, GRANT_POLL_MS));
        }
        return false;
      })();
    },
    async send(request: ProbeRequest): Promise<ProbeResponse> {
      const answer = (await message({ type: PROBE_MESSAGES.send, request }, request.timeoutMs + MESSAGE_TIMEOUT_MS)) as ProbeResponse | null;
      if (answer && typeof answer === 'object' && ('status' in answer || 'error' in answer)) return answer;
      return { error: 'network', message: "the extension's background did not answer" };
    },
  };
}
