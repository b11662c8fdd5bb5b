// Reading and driving the panel beyond the basics in chromium.ts: the whole (virtualised) call list,
// the toolbar's controls, file import and report downloads. Everything goes through the published
// data-testid hooks the panel renders.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession, ElementHandle, Frame } from 'puppeteer-core';

export type ListRow =
  | { type: 'call'; index: number; id: string | null; kind: string | null; verdict: string | null }
  | { type: 'separator'; index: number; text: string };

const POLL = { polling: 100 } as const;

/**
 * Every row of the call list, in order. The list is virtualised (only the rows near the viewport are in the
 * DOM), so this scrolls it from top to bottom, collecting rows by their position, then scrolls back.
 */
export async function readAllRows(frame: Frame): Promise<ListRow[]> {
  // Live calls may arrive during a scan: scan again until one scan saw the whole list, unchanged.
  let last = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const scan = await scanRows(frame);
    if (scan.complete) return scan.rows;
    last = scan.problem;
  }
  throw new Error(`could not read the whole call list: ${last}`);
}

async function scanRows(frame: Frame): Promise<{ complete: boolean; rows: ListRow[]; problem: string }> {
  return frame.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('[data-testid="call-list"]');
    if (!list) return { complete: true, rows: [], problem: '' }; // no list: the empty state
    const total = Number(list.getAttribute('data-rowcount') ?? '0');
    const byIndex = new Map<number, unknown>();
    const frameTurn = () => new Promise((resolve) => setTimeout(resolve, 50));
    const collect = (): void => {
      for (const el of list.querySelectorAll<HTMLElement>('[data-testid="call-row"], [data-testid="separator-row"]')) {
        const index = Math.round(parseFloat(el.style.top || '0') / 24);
        if (el.dataset.testid === 'call-row') {
          byIndex.set(index, {
            type: 'call',
            index,
            id: el.getAttribute('data-id'),
            kind: el.getAttribute('data-kind'),
            verdict: el.getAttribute('data-verdict'),
          });
        } else {
          byIndex.set(index, { type: 'separator', index, text: (el.textContent ?? '').trim() });
        }
      }
    };
    const start = list.scrollTop;
    list.scrollTop = 0;
    list.dispatchEvent(new Event('scroll'));
    await frameTurn();
    collect();
    const step = Math.max(24, list.clientHeight - 24);
    for (let guard = 0; byIndex.size < total && guard < 10_000; guard++) {
      const before = list.scrollTop;
      list.scrollTop = before + step;
      list.dispatchEvent(new Event('scroll'));
      await frameTurn();
      collect();
      if (list.scrollTop === before) break;
    }
    list.scrollTop = start;
    list.dispatchEvent(new Event('scroll'));
    const totalNow = Number(list.getAttribute('data-rowcount') ?? '0');
    const rows = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
    const complete = totalNow === total && byIndex.size === total;
    return { complete, rows, problem: `read ${byIndex.size} rows; the list had ${total} then ${totalNow}` };
  }) as Promise<{ complete: boolean; rows: ListRow[]; problem: string }>;
}

/**
 * Waits until the call list holds at least `min[kind]` rows of each kind (an optional verdict after a colon:
 * `'search:enforced'`), e.g. until a page's search and the analytics event that follows it have both arrived.
 */
export async function waitForKinds(frame: Frame, min: Record<string, number>, timeoutMs = 20_000): Promise<void> {
  const what = Object.entries(min)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  await waitForPanel(
    frame,
    `rows: ${what}`,
    `(() => {
      const min = ${JSON.stringify(min)};
      const list = document.querySelector('[data-testid="call-list"]');
      if (!list) return false;
      // Counts the rows in the DOM: enough for the few calls of a live page (the list draws its viewport
      // plus 8 rows each side); use readAllRows for long lists.
      const rows = [...list.querySelectorAll('[data-testid="call-row"]')];
      return Object.entries(min).every(([key, n]) => {
        const [kind, verdict] = key.split(':');
        return rows.filter((r) => r.dataset.kind === kind && (!verdict || r.dataset.verdict === verdict)).length >= n;
      });
    })()`,
    timeoutMs,
  );
}

/** The call rows only (separators dropped). */
export function callRows(rows: ListRow[]): { kind: string | null; verdict: string | null; id: string | null }[] {
  return rows.flatMap((r) => (r.type === 'call' ? [{ kind: r.kind, verdict: r.verdict, id: r.id }] : []));
}

/** The list's row count (data-rowcount: calls and separators, the header row not included). */
export async function rowCount(frame: Frame): Promise<number> {
  return frame.evaluate(() => Number(document.querySelector('[data-testid="call-list"]')?.getAttribute('data-rowcount') ?? '0'));
}

export async function waitForPanel(frame: Frame, what: string, predicate: string, timeoutMs = 20_000): Promise<void> {
  try {
    await frame.waitForFunction(predicate, { ...POLL, timeout: timeoutMs });
  } catch (error) {
    throw new Error(`panel: timed out after ${timeoutMs} ms waiting for ${what} (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
}

export async function testId(frame: Frame, id: string): Promise<ElementHandle<Element>> {
  const handle = await frame.waitForSelector(`[data-testid="${id}"]`, { timeout: 15_000 });
  if (!handle) throw new Error(`panel: no [data-testid="${id}"]`);
  return handle;
}

export async function isChecked(frame: Frame, id: string): Promise<boolean> {
  return frame.$eval(`[data-testid="${id}"]`, (el) => (el as HTMLInputElement).checked);
}

/** Clicks a panel control the way a user does (puppeteer's mouse click on the element). */
export async function clickTestId(frame: Frame, id: string): Promise<void> {
  const handle = await testId(frame, id);
  await handle.click();
}

/** Sets the "Preserve log" checkbox to `on` by clicking it (if needed), and waits until it shows that state. */
export async function setPreserveLog(frame: Frame, on: boolean): Promise<void> {
  if ((await isChecked(frame, 'preserve-log')) !== on) await clickTestId(frame, 'preserve-log');
  await waitForPanel(frame, `preserve-log ${on ? 'checked' : 'unchecked'}`, `document.querySelector('[data-testid="preserve-log"]')?.checked === ${on}`);
}

/** Picks `file` in the panel's "Open HAR…" file input. */
export async function uploadHar(frame: Frame, file: string): Promise<void> {
  const input = (await testId(frame, 'import-input')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(file);
}

export async function textOf(frame: Frame, id: string): Promise<string | null> {
  return frame.evaluate((sel: string) => {
    const el = document.querySelector<HTMLElement>(sel);
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text (line breaks, no hidden parts) is what is read here
    return el ? el.innerText : null;
  }, `[data-testid="${id}"]`);
}

// ---- Downloads --------------------------------------------------------------------------------

export interface Downloads {
  dir: string;
  /** Waits for one more finished download whose name ends with `suffix`; returns its path and text. */
  next(suffix: string, timeoutMs?: number): Promise<{ file: string; text: string }>;
  close(): Promise<void>;
}

/**
 * Lets the browser save downloads into `dir` (CDP `Browser.setDownloadBehavior` on a browser-level session),
 * with download events to know when a file is complete.
 */
export async function allowDownloads(browser: Browser, dir: string): Promise<Downloads> {
  const cdp: CDPSession = await browser.target().createCDPSession();
  const done = new Map<string, string>(); // guid -> suggested file name
  const names = new Map<string, string>();
  const taken = new Set<string>();
  cdp.on('Browser.downloadWillBegin', (e: { guid: string; suggestedFilename: string }) => names.set(e.guid, e.suggestedFilename));
  cdp.on('Browser.downloadProgress', (e: { guid: string; state: string }) => {
    if (e.state === 'completed') done.set(e.guid, names.get(e.guid) ?? '');
  });
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allowAndName', downloadPath: dir, eventsEnabled: true });
  return {
    dir,
    async next(suffix, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const [guid, name] of done) {
          if (taken.has(guid) || !name.endsWith(suffix)) continue;
          const file = join(dir, guid); // allowAndName: saved under its guid
          if (!existsSync(file)) continue;
          taken.add(guid);
          return { file, text: readFileSync(file, 'utf8') };
        }
        if (Date.now() > deadline) {
          throw new Error(
            `no finished *${suffix} download after ${timeoutMs} ms (began: ${[...names.values()].join(', ') || 'none'}; in ${dir}: ${readdirSync(dir).join(', ') || 'nothing'})`,
          );
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' }).catch(() => undefined);
      await cdp.detach().catch(() => undefined);
    },
  };
}
