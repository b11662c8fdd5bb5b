// Which real browsers the end-to-end tests can drive, and what to do when one is missing:
// on CI (CI=true) a missing browser is a failure; on a workstation the test skips, loudly.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export type BrowserName = 'chromium' | 'firefox';

const BINARIES: Record<BrowserName, { paths: string[]; apt: string }> = {
  chromium: { paths: ['/usr/bin/chromium', '/usr/lib/chromium/chromium'], apt: 'chromium' },
  firefox: { paths: ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr'], apt: 'firefox-esr' },
};

/** Path of the browser binary (env CHROMIUM_BIN / FIREFOX_BIN win), or null after a loud skip notice. Throws on CI. */
export function requireBrowser(name: BrowserName): string | null {
  const override = process.env[name === 'chromium' ? 'CHROMIUM_BIN' : 'FIREFOX_BIN'];
  const candidates = override ? [override] : BINARIES[name].paths;
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  const how = `install it with: sudo apt-get update && sudo apt-get install -y ${BINARIES[name].apt}`;
  if (process.env.CI === 'true') {
    throw new Error(`${name} not found at ${candidates.join(' or ')} and CI=true: ${how}`);
  }
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! SKIPPING the ${name} end-to-end tests: no binary at ${candidates.join(' or ')}\n!! ${how}\n${bar}\n`);
  return null;
}

/** "Chromium 156.0..." / "Mozilla Firefox 153.7.0esr", for the test log. */
export function browserVersion(binary: string): string {
  try {
    const out = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim().split('\n').pop() ?? 'unknown version';
  } catch {
    return 'unknown version';
  }
}
