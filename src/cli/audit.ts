/**
 * `coveo-hub-inspector audit <url ...>`: many pages in the system's Chromium through playwright-core (never a
 * browser download), each analysed by the core like a HAR would be, one report with a verdict per page and an
 * overall verdict. Exit codes as `check`: 0 the overall verdict meets --fail-on, 1 it does not, 2 usage error or
 * no usable browser (one line on stderr, nothing on stdout).
 *
 * Memory: one browser; each page gets its own context, closed as soon as the page is done; what stays is the
 * page's rendered section. Pages run `--concurrency` at a time.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { buildReport, TOOL_VERSION } from '../core/index';
import { safeLine } from '../core/report/sanitize';
import { auditPage, type PageAudit } from '../playwright/page-audit';
import { AUDIT_USAGE, type AuditCommand, parseAuditArgs } from './audit-args';
import { type PageResult, renderAudit, renderPageSection, shownUrl, summarizeAudit } from './audit-report';
import { CliError, firstLine, NAME } from './errors';
import { type CliIo, pathIn, useColor, writeOutput, writeReport } from './io';
import { exitCodeFor } from './options';

/** Where a system Chromium (or Chrome) usually is; the first that exists is used. Nothing is ever downloaded. */
export const BROWSER_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

function findBrowser(explicit: string | null, io: CliIo): string {
  if (explicit !== null) {
    if (!existsSync(pathIn(io, explicit))) throw new CliError(`--browser-path ${explicit}: no such file`);
    return pathIn(io, explicit);
  }
  const env = io.env.CHROMIUM_BIN;
  const candidates = env ? [env, ...BROWSER_CANDIDATES] : BROWSER_CANDIDATES;
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new CliError(`no Chromium found at ${BROWSER_CANDIDATES.join(', ')}: install it (Debian: apt-get install chromium) or pass --browser-path`);
  return found;
}

function harFileName(index: number, url: string): string {
  let slug = url;
  try {
    const u = new URL(url);
    slug = `${u.hostname}${u.pathname}`;
  } catch {
    // keep the raw text
  }
  slug =
    slug
      .replace(/[^A-Za-z0-9.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'page';
  return `${String(index + 1).padStart(3, '0')}-${slug}.har`;
}

function saveHar(dir: string, index: number, page: PageAudit): string {
  const file = join(dir, harFileName(index, page.url));
  const har = {
    log: {
      version: '1.2',
      creator: { name: NAME, version: TOOL_VERSION, comment: 'Coveo calls only; full credentials: keep private' },
      pages: [],
      entries: page.entries ?? [],
    },
  };
  writeFileSync(file, `${JSON.stringify(har, null, 1)}\n`);
  return file;
}

interface Progress {
  start(total: number, browser: string, concurrency: number): void;
  page(done: number, total: number, page: PageAudit): void;
}

function progress(io: CliIo): Progress {
  const tty = io.stderr.isTTY === true && io.env.NO_COLOR === undefined;
  const paint = (code: string, text: string): string => (tty ? `\u001b[${code}m${text}\u001b[0m` : text);
  const COLOR: Record<string, string> = { pass: '32;1', review: '33;1', fail: '31;1', empty: '33', error: '31' };
  return {
    start(total, browser, concurrency) {
      io.stderr.write(`${NAME}: auditing ${total} page(s) with ${browser}, ${concurrency} at a time\n`);
    },
    page(done, total, page) {
      const verdict = paint(COLOR[page.verdict] ?? '1', page.verdict.toUpperCase().padEnd(6));
      const extra = page.error ? ` - ${safeLine(page.error)}` : '';
      io.stderr.write(
        `[${done}/${total}] ${verdict} ${safeLine(shownUrl(page.url))} (${page.report.calls.length} Coveo call(s), ${(page.durationMs / 1000).toFixed(1)} s)${extra}\n`,
      );
    },
  };
}

async function launch(command: AuditCommand, executablePath: string): Promise<{ browser: Browser; version: string }> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    throw new CliError(`cannot load playwright-core (${firstLine(error)}): reinstall coveo-hub-inspector`);
  }
  try {
    const browser = await chromium.launch({ executablePath, headless: true, args: command.browserArgs, timeout: 60_000 });
    return { browser, version: `Chromium ${browser.version()}` };
  } catch (error) {
    throw new CliError(`cannot start the browser ${command.browserPath ?? executablePath}: ${firstLine(error)}`);
  }
}

async function audit(command: AuditCommand, io: CliIo): Promise<number> {
  const executablePath = findBrowser(command.browserPath, io);
  if (command.output !== null) writeOutput(io, command.output, '');
  const harDir = command.saveHar === null ? null : pathIn(io, command.saveHar);
  if (harDir !== null) {
    try {
      mkdirSync(harDir, { recursive: true });
    } catch (error) {
      throw new CliError(`--save-har ${command.saveHar}: cannot create the folder (${(error as { code?: string }).code ?? 'error'})`);
    }
    io.stderr.write(
      `${NAME}: warning: --save-har writes HAR files that hold FULL credentials (search tokens, API keys) and personal data from token claims; keep ${command.saveHar} private and never attach those files to a ticket (attach the report instead)\n`,
    );
  }
  let { browser, version } = await launch(command, executablePath);
  const total = command.urls.length;
  const concurrency = Math.min(command.concurrency, total);
  const color = useColor(io, command.output);
  const show = progress(io);
  show.start(total, version, concurrency);

  const results: (PageResult | undefined)[] = new Array(total);
  let next = 0;
  let done = 0;
  let relaunch: Promise<void> | null = null;
  const ensureBrowser = async (): Promise<Browser> => {
    if (!browser.isConnected()) {
      // The browser crashed or was killed: start another once, for the pages still to do.
      relaunch ??= launch(command, executablePath).then((b) => {
        browser = b.browser;
        relaunch = null;
      });
      await relaunch;
    }
    return browser;
  };
  const worker = async (): Promise<void> => {
    for (;;) {
      const index = next++;
      if (index >= total) return;
      const url = command.urls[index] as string;
      let page: PageAudit;
      try {
        page = await auditPage(await ensureBrowser(), url, {
          query: command.query,
          searchBox: command.searchBox,
          ignoreHttpsErrors: command.ignoreHttpsErrors,
          timeoutMs: command.timeoutSeconds * 1000,
          keepEntries: command.saveHar !== null,
        });
      } catch (error) {
        page = failedPage(url, error);
      }
      if (harDir !== null && page.entries !== null) {
        try {
          saveHar(harDir, index, page);
        } catch (error) {
          page.notes.push(`could not save the HAR: ${(error as { code?: string }).code ?? firstLine(error)}`);
        }
      }
      done++;
      show.page(done, total, page);
      results[index] = {
        index,
        url,
        status: page.status,
        verdict: page.verdict,
        reason: page.reason,
        calls: page.report.calls.length,
        durationMs: page.durationMs,
        section: renderPageSection(page, index + 1, total, command.format, color),
      };
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await browser.close().catch(() => undefined);
  }
  const pages = results.filter((r): r is PageResult => r !== undefined);
  const summary = summarizeAudit(pages);
  const text = renderAudit(
    command.format,
    { query: command.query, concurrency, timeoutSeconds: command.timeoutSeconds, browser: version },
    pages,
    summary,
    color,
  );
  writeReport(io, command.output, text);
  io.stderr.write(`${NAME}: overall verdict ${summary.verdict}: ${summary.reason}\n`);
  return exitCodeFor(summary.verdict, command.failOn);
}

/** A page whose audit itself failed (the browser went away, a context could not open): never a pass. */
function failedPage(url: string, error: unknown): PageAudit {
  const message = firstLine(error);
  return {
    url,
    status: 'load-failed',
    verdict: 'error',
    reason: `Not audited: ${message}.`,
    error: message,
    httpStatus: null,
    searchBox: null,
    notes: [],
    durationMs: 0,
    report: buildReport([{ source: { name: url, entries: 0, coveoCalls: 0, malformed: [] }, calls: [] }]),
    entries: null,
  };
}

/** Runs `audit` with its arguments (after the word `audit`); throws a CliError on bad input or no usable browser. */
export async function auditCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const read = (file: string): string => (file === '-' ? (io.readStdin?.() ?? Buffer.alloc(0)).toString('utf8') : readFileSync(pathIn(io, file), 'utf8'));
  const command = parseAuditArgs(argv, read);
  if (command.kind === 'help') {
    io.stdout.write(`${AUDIT_USAGE}\n`);
    return 0;
  }
  return await audit(command, io);
}
