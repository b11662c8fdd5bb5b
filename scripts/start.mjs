// `npm start` (after `node build.mjs`): the test world plus a headful Debian Chromium with the extension loaded and
// DevTools open, on the shop's scenario index. Ctrl+C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWorld, buildPages } from '../test/world/server.mjs';
import { PANEL_TITLE, showPanelScript } from './devtools-panel.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXTENSION = join(ROOT, 'dist', 'chrome');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PORT = Number(process.env.PORT || 0);

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

async function main() {
  process.stdout.write('Building the demo pages… ');
  const built = await buildPages();
  console.log(built.built ? 'done.' : 'up to date.');
  const world = await startWorld({ port: PORT });
  const url = `${world.origin}/`;
  console.log(`Test world (Coveo stand-in + demo shop) listening on ${world.localOrigin}.`);
  console.log(`Chromium reaches it through --host-resolver-rules="${world.hostResolverRules}".`);

  const profile = mkdtempSync(join(tmpdir(), 'coveo-hub-inspector-demo-'));
  let browser = null;
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    if (browser && browser.exitCode === null && browser.pid) {
      // Chromium (and xvfb-run's Xvfb) run in their own process group, started by us: stop that group.
      try {
        process.kill(-browser.pid, 'SIGTERM');
      } catch {
        browser.kill('SIGTERM');
      }
    }
    await world.close();
    rmSync(profile, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const hasExtension = existsSync(join(EXTENSION, 'manifest.json'));
  if (!hasExtension) {
    console.log(`\n${EXTENSION}/manifest.json is missing: run npm run build first. Starting Chromium without the extension.`);
  }

  if (!existsSync(CHROMIUM)) {
    console.log(`\nChromium was not found at ${CHROMIUM}.`);
    console.log('  Install it:  sudo apt-get install chromium   (or set CHROMIUM_PATH to a Chromium/Chrome binary)');
    console.log('  Or load the extension by hand in your own Chromium/Chrome: chrome://extensions → Developer mode →');
    console.log(`  Load unpacked → ${EXTENSION}`);
    console.log('  Then start that browser with:');
    console.log(`    --ignore-certificate-errors --host-resolver-rules="${world.hostResolverRules}"`);
    console.log(`  and open ${url}`);
    console.log('\nThe demo pages keep running; press Ctrl+C to stop.');
    return;
  }

  const args = [
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--ignore-certificate-errors',
    `--host-resolver-rules=${world.hostResolverRules}`,
    `--user-data-dir=${profile}`,
    '--auto-open-devtools-for-tabs',
    // A free loopback port for the DevTools protocol (Chromium writes it to <profile>/DevToolsActivePort): printed
    // below so a person or a script can attach, and used once to bring the extension's panel to the front.
    '--remote-debugging-address=127.0.0.1',
    '--remote-debugging-port=0',
  ];
  if (hasExtension) args.push(`--load-extension=${EXTENSION}`, `--disable-extensions-except=${EXTENSION}`);
  if (process.getuid && process.getuid() === 0) args.push('--no-sandbox');
  args.push(url);

  let command = CHROMIUM;
  let commandArgs = args;
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    if (onPath('xvfb-run')) {
      console.log('\nNo display (DISPLAY is unset): running Chromium under xvfb-run -a, so the window is virtual.');
      command = 'xvfb-run';
      commandArgs = ['-a', CHROMIUM, ...args];
    } else {
      console.log('\nNo display (DISPLAY is unset) and xvfb-run is not installed, so a headful Chromium cannot start.');
      console.log('  Run this from a desktop session, or install Xvfb: sudo apt-get install xvfb xauth');
      console.log(`  The demo pages keep running at ${url} (map the hosts as above); press Ctrl+C to stop.`);
      return;
    }
  }

  console.log(`\nOpening ${url}`);
  browser = spawn(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  browser.stderr.on('data', () => {
    // Chromium is chatty on stderr (GPU, dbus); keep the terminal readable.
  });
  browser.on('error', (e) => {
    console.log(`Could not start ${command}: ${e.message}. The demo pages keep running; press Ctrl+C to stop.`);
  });
  browser.on('exit', (code) => {
    if (stopping) return;
    console.log(`Chromium exited (code ${code ?? 'signal'}). The demo pages keep running; press Ctrl+C to stop.`);
  });
  await attach(profile, hasExtension);
}

const WHERE_IS_THE_TAB = `In DevTools, the "${PANEL_TITLE}" tab may sit behind the » overflow button at the right end of the tab row (Elements, Console, Sources, Network, …): click », then "${PANEL_TITLE}". Then click a scenario on the page.`;

/** Waits for Chromium's DevToolsActivePort file, prints the endpoint, and selects the extension's panel tab. */
async function attach(profile, hasExtension) {
  const portFile = join(profile, 'DevToolsActivePort');
  const deadline = Date.now() + 20_000;
  while (!existsSync(portFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  let port;
  try {
    const [first, path] = readFileSync(portFile, 'utf8').split('\n');
    port = Number(first);
    console.log(`Remote debugging (DevTools protocol): http://127.0.0.1:${port}  (browser: ws://127.0.0.1:${port}${path ?? ''})`);
  } catch {
    console.log('Remote debugging: Chromium did not report its port within 20 s.');
  }
  if (!hasExtension) return;
  if (!port) {
    console.log(WHERE_IS_THE_TAB);
    return;
  }
  try {
    const { default: puppeteer } = await import('puppeteer-core');
    const cdp = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}`, handleDevToolsAsPage: true, defaultViewport: null });
    try {
      let target;
      while (!target && Date.now() < deadline + 10_000) {
        target = cdp.targets().find((t) => t.url().startsWith('devtools://devtools/bundled/'));
        if (!target) await new Promise((r) => setTimeout(r, 200));
      }
      if (!target) throw new Error('no DevTools window');
      const devtools = await target.asPage();
      await devtools.evaluate(showPanelScript(PANEL_TITLE, 20_000));
      console.log(`The "${PANEL_TITLE}" tab is selected in DevTools: click a scenario on the page.`);
    } finally {
      await cdp.disconnect();
    }
  } catch (e) {
    console.log(`Could not select the panel tab by itself (${e?.message ? e.message.split('\n')[0] : e}).`);
    console.log(WHERE_IS_THE_TAB);
  }
}

main().catch((e) => {
  console.error(`npm start failed: ${e?.message ? e.message : e}`);
  process.exit(1);
});
