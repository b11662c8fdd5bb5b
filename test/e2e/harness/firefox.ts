// Drives firefox-esr through Marionette: a fresh profile, the test build installed as a temporary
// add-on, a page opened, its toolbox opened on the extension's panel, and the panel document read
// straight from the chrome context. Facts behind each step: /work/shared/e2e-recipe.md.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT_DIR } from './extension';
import { MarionetteClient } from './marionette';
import type { RowState } from './chromium';

export interface FirefoxOptions {
  executablePath: string;
  /** Absolute path of the unpacked extension (dist-test/firefox). */
  extensionDir: string;
  /** Host names to send to the local world server. */
  mapHosts: string[];
  /** Firefox's proxy for http:// (e.g. the plain-HTTP world of harness/server.ts, which answers by Host name, so any host name reaches it). */
  proxyPort: number;
  /**
   * A proxy port for https:// (`network.proxy.ssl`): Firefox sends `CONNECT host:443` there, so an HTTPS world on
   * real host names is reachable through a tunnelling proxy (harness/connect-proxy.ts). Without it, https:// goes
   * direct (and the world's host names do not resolve).
   */
  sslProxyPort?: number;
  /** More preferences for the profile's user.js. */
  extraPrefs?: Record<string, string | number | boolean>;
  log?: (line: string) => void;
}

export interface PanelSnapshot {
  ready: boolean;
  rows: RowState[];
  /** `hub:state` per hub of the coverage checklist (`ok`, `no`, `review`, `todo`, `pinned`). */
  coverage?: string[];
  summary: string | null;
  text: string;
}

export interface FirefoxSession {
  client: MarionetteClient;
  version: string;
  addonId: string;
  /** Navigates the tab to `url`, opens its toolbox, selects the extension's panel and waits until its document is there. */
  inspect(url: string, timeoutMs?: number): Promise<void>;
  /** Navigates the inspected tab (toolbox and panel stay open) and waits for its load event. */
  navigate(url: string): Promise<void>;
  /** Polls `script` (a function body) in the page every 100 ms until it returns a truthy value. */
  waitInPage<T = unknown>(what: string, script: string, timeoutMs?: number): Promise<T>;
  /** Types `text` into the page element matching `selector` like a user (WebDriver Element Send Keys: focus, key events, input events). */
  typeInPage(selector: string, text: string): Promise<void>;
  /** Runs `script` (a function body) in the inspected page; a returned promise is awaited. */
  inPage<T = unknown>(script: string, args?: unknown[]): Promise<T>;
  /** Reads the panel's rows and summary from its document. */
  readPanel(): Promise<PanelSnapshot>;
  waitForPanel(what: string, test: (s: PanelSnapshot) => boolean, timeoutMs?: number): Promise<PanelSnapshot>;
  /** Writes the panel's last snapshot and the browser log into test-output/. */
  captureFailure(label: string): Promise<string[]>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function userJs(
  marionettePort: number,
  proxyPort: number,
  hosts: string[],
  sslProxyPort?: number,
  extraPrefs: Record<string, string | number | boolean> = {},
): string {
  const prefs: Record<string, string | number | boolean> = {
    'marionette.port': marionettePort,
    // Every http:// request goes to the local world server, which answers by Host name.
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.dns.localDomains': hosts.join(','),
    'dom.security.https_first': false,
    'dom.security.https_first_schemeless': false,
    'dom.security.https_only_mode': false,
    'xpinstall.signatures.required': false,
    'extensions.autoDisableScopes': 0,
    'devtools.chrome.enabled': true,
    'devtools.toolbox.host': 'bottom',
    'devtools.everOpened': true,
    'browser.shell.checkDefaultBrowser': false,
    'browser.startup.homepage_override.mstone': 'ignore',
    'browser.startup.page': 0,
    'browser.aboutwelcome.enabled': false,
    'startup.homepage_welcome_url': 'about:blank',
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'app.update.disabledForTesting': true,
    'app.normandy.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'browser.ping-centre.telemetry': false,
  };
  if (sslProxyPort !== undefined) {
    // Every https:// request becomes a CONNECT to this proxy, which tunnels the world's hosts to the world.
    prefs['network.proxy.ssl'] = '127.0.0.1';
    prefs['network.proxy.ssl_port'] = sslProxyPort;
    prefs['network.proxy.share_proxy_settings'] = false;
    // No DNS-over-HTTPS or HTTPS-record lookups for the world's names: the proxy resolves them.
    prefs['network.trr.mode'] = 5;
    prefs['network.dns.disablePrefetch'] = true;
    prefs['network.predictor.enabled'] = false;
    prefs['security.OCSP.enabled'] = 0;
  }
  Object.assign(prefs, extraPrefs);
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n');
}

// Chrome-context scripts (Firefox internals: keep them small).
const TOOLBOX = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const tab = window.gBrowser.selectedTab;`;

const OPEN_PANEL = `${TOOLBOX}
  const [addonId, timeoutMs] = arguments;
  return (async () => {
    const toolbox = await gDevTools.showToolboxForTab(tab, { toolId: 'webconsole' });
    const prefix = 'webext-devtools-panel-';
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const tools = toolbox.getAdditionalTools();
      const tool = tools.find((t) => t.id.startsWith(prefix) && t.id.includes(addonId)) || tools.find((t) => t.id.startsWith(prefix));
      if (tool) {
        await toolbox.selectTool(tool.id);
        return tool.id;
      }
      if (Date.now() > deadline) throw new Error('no extension panel in the toolbox; tools: ' + tools.map((t) => t.id).join(', '));
      await new Promise((r) => window.setTimeout(r, 100));
    }
  })();`;

// The panel lives in the extension's content process: the chrome context cannot touch its DOM, but
// the panel <browser>'s message manager can run a one-shot frame script inside it that queries the
// [data-testid] hooks and sends the answer back.
function panelReader(): string {
  const name = `chi-e2e:panel:${Math.random().toString(36).slice(2)}`;
  const inPanel = `(() => {
    const doc = content.document;
    const rows = [...doc.querySelectorAll('[data-testid="call-row"]')].map((r) => ({ kind: r.getAttribute('data-kind'), verdict: r.getAttribute('data-verdict'), hubSource: r.getAttribute('data-hub-source') }));
    const coverage = [...doc.querySelectorAll('[data-testid="summary"] [data-hub]')].map((h) => {
      const both = h.querySelector('[data-testid="coverage-both"], [data-testid="coverage-pinned"]');
      return h.getAttribute('data-hub') + ':' + (both ? both.getAttribute('data-check') : h.getAttribute('data-check'));
    });
    const summary = doc.querySelector('[data-testid="summary"]');
    sendAsyncMessage(${JSON.stringify(name)}, {
      ready: doc.readyState === 'complete' && !!doc.getElementById('app') && doc.getElementById('app').childElementCount > 0,
      rows,
      coverage,
      summary: summary ? summary.getAttribute('data-verdict') : null,
      text: doc.body ? doc.body.innerText.slice(0, 4000) : '',
    });
  })()`;
  return `${TOOLBOX}
  const empty = { ready: false, rows: [], summary: null, text: '' };
  const toolbox = gDevTools.getToolboxForTab(tab);
  if (!toolbox) return empty;
  const frame = [...toolbox.doc.querySelectorAll('iframe')].find((f) => f.id.startsWith('toolbox-panel-iframe-webext-devtools-panel-'));
  const browser = frame && frame.contentDocument && frame.contentDocument.querySelector('browser');
  if (!browser || !browser.messageManager || !browser.currentURI.spec.endsWith('/panel.html')) return empty;
  const mm = browser.messageManager;
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => done(empty), 2000);
    const done = (value) => {
      window.clearTimeout(timer);
      mm.removeMessageListener(${JSON.stringify(name)}, listener);
      resolve(value);
    };
    const listener = (message) => done(message.data);
    mm.addMessageListener(${JSON.stringify(name)}, listener);
    mm.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(inPanel)}), false);
  });`;
}

export async function launchFirefox(opts: FirefoxOptions): Promise<FirefoxSession> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const profile = mkdtempSync(join(tmpdir(), 'chi-firefox-'));
  const port = await freePort();
  writeFileSync(join(profile, 'user.js'), `${userJs(port, opts.proxyPort, opts.mapHosts, opts.sslProxyPort, opts.extraPrefs)}\n`);
  const output: string[] = [];
  const child: ChildProcess = spawn(opts.executablePath, ['-headless', '-marionette', '-remote-allow-system-access', '-no-remote', '-profile', profile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOZ_HEADLESS: '1', MOZ_CRASHREPORTER_DISABLE: '1' },
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 400) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(profile, { recursive: true, force: true });
  };

  let client: MarionetteClient;
  let version = 'unknown';
  let addonId = '';
  try {
    ({ client } = await MarionetteClient.connect(port));
    const session = await client.send<{ capabilities?: { browserName?: string; browserVersion?: string; acceptInsecureCerts?: boolean } }>(
      'WebDriver:NewSession',
      {
        // Marionette takes the capabilities flat as the command's parameters (geckodriver merges alwaysMatch into
        // this shape): {capabilities: {alwaysMatch: ...}} is silently ignored. acceptInsecureCerts makes Firefox accept
        // the HTTPS test world's self-signed certificate for every load and fetch of the session.
        acceptInsecureCerts: true,
      },
    );
    if (session.capabilities?.acceptInsecureCerts !== true) throw new Error('the Marionette session did not accept acceptInsecureCerts');
    version = `${session.capabilities?.browserName ?? 'firefox'} ${session.capabilities?.browserVersion ?? '?'}`;
    const installed = await client.send<{ value: string }>('Addon:Install', { path: opts.extensionDir, temporary: true });
    addonId = installed.value;
  } catch (error) {
    await stop();
    throw new Error(
      `Firefox did not start for the test: ${error instanceof Error ? error.message : String(error)}; browser output: ${output.join('').slice(-800)}`,
    );
  }
  log(`[firefox] ${version}; add-on ${addonId} installed; ready in ${Date.now() - started} ms`);
  let last: PanelSnapshot | null = null;

  const readPanel = async (): Promise<PanelSnapshot> => {
    await client.setContext('chrome');
    last = await client.execute<PanelSnapshot>(panelReader());
    return last;
  };

  return {
    client,
    version,
    addonId,
    async inspect(url, timeoutMs = 15_000) {
      const t0 = Date.now();
      await client.setContext('content');
      await client.send('WebDriver:Navigate', { url });
      await client.setContext('chrome');
      const toolId = await client.execute<string>(OPEN_PANEL, [addonId, timeoutMs]);
      const deadline = Date.now() + timeoutMs;
      while (!(await readPanel()).ready) {
        if (Date.now() > deadline) throw new Error(`the extension panel (${toolId}) did not load within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
      log(`[firefox] panel ${toolId} shown for ${url} in ${Date.now() - t0} ms`);
    },
    async navigate(url) {
      await client.setContext('content');
      await client.send('WebDriver:Navigate', { url });
    },
    async inPage<T>(script: string, args: unknown[] = []) {
      await client.setContext('content');
      return client.execute<T>(script, args);
    },
    async waitInPage<T>(what: string, script: string, timeoutMs = 20_000) {
      await client.setContext('content');
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await client.execute<T>(script);
        if (value) return value;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting in the page for ${what}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async typeInPage(selector, text) {
      await client.setContext('content');
      const found = await client.send<{ value: Record<string, string> }>('WebDriver:FindElement', { using: 'css selector', value: selector });
      const id = Object.values(found.value)[0];
      if (!id) throw new Error(`no element id for ${selector}`);
      await client.send('WebDriver:ElementSendKeys', { id, text });
    },
    readPanel,
    async waitForPanel(what, test, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const snapshot = await readPanel();
        if (test(snapshot)) return snapshot;
        if (Date.now() > deadline)
          throw new Error(
            `timed out after ${timeoutMs} ms waiting for the panel to show ${what}; it shows: ${JSON.stringify({ rows: snapshot.rows, summary: snapshot.summary })}`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async captureFailure(label) {
      mkdirSync(OUTPUT_DIR, { recursive: true });
      const base = join(OUTPUT_DIR, `firefox-${label.replace(/[^\w.-]+/g, '_')}`);
      const snapshot = await readPanel().catch(() => last);
      writeFileSync(`${base}-panel.json`, `${JSON.stringify(snapshot, null, 2)}\n`);
      writeFileSync(`${base}-browser.log`, output.join(''));
      const written = [`${base}-panel.json`, `${base}-browser.log`];
      try {
        await client.setContext('content');
        const shot = await client.send<{ value: string }>('WebDriver:TakeScreenshot', { full: false });
        writeFileSync(`${base}-page.png`, Buffer.from(shot.value, 'base64'));
        written.push(`${base}-page.png`);
      } catch {
        // a screenshot is a bonus
      }
      try {
        // The whole browser window: the page and its toolbox with the panel.
        await client.setContext('chrome');
        const shot = await client.send<{ value: string }>('WebDriver:TakeScreenshot', { full: false });
        writeFileSync(`${base}-window.png`, Buffer.from(shot.value, 'base64'));
        written.push(`${base}-window.png`);
      } catch {
        // a bonus too
      }
      log(`[firefox] failure artifacts: ${written.join(', ')}`);
      return written;
    },
    async close() {
      try {
        await Promise.race([client.send('WebDriver:DeleteSession'), new Promise((r) => setTimeout(r, 1_000))]);
      } catch {
        // the browser is going away anyway
      }
      client.close();
      await stop();
    },
  };
}
