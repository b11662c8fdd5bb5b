// Drives firefox-esr through Marionette: a fresh profile, the test build installed as a temporary
// add-on, a page opened, its toolbox opened on the extension's panel, and the panel document read
// straight from the chrome context. Facts behind each step: /work/shared/e2e-recipe.md.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT_DIR } from './extension';
import { OPEN_PANEL, type PanelSnapshot, panelReader } from './firefox-panel';
import { freePort, userJs } from './firefox-profile';
import { MarionetteClient } from './marionette';

export type { PanelSnapshot } from './firefox-panel';

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
