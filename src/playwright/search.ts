/**
 * Makes a search page send what the inspector must see: types a query in the page's search box one key at a time
 * (so the client asks for query suggestions), then submits it (a search). Part of the Playwright edge: it drives
 * the page, it does not judge anything.
 */
import type { Locator, Page } from 'playwright-core';
import type { Recorder } from './recorder';

/**
 * Search boxes tried in this order when no selector is given. Playwright's CSS engine pierces open shadow roots,
 * so `atomic-search-box textarea` reaches Atomic's box inside its component.
 */
export const DEFAULT_SEARCH_BOXES: readonly string[] = [
  // Atomic (search, commerce, insight)
  'atomic-search-box textarea',
  'atomic-search-box input',
  'atomic-commerce-search-box textarea',
  'atomic-insight-search-box textarea',
  // JS Search Framework (coveo-search-ui)
  '.CoveoSearchbox input',
  '.CoveoOmnibox input',
  // Headless / React pages and anything else
  'input[type="search"]',
  '[role="searchbox"]',
  'input[role="combobox"]',
  'input[name="q"]',
];

export interface SearchOptions {
  /** The text typed (default `"tra"`: short, so that suggestions are asked for at each key). */
  query?: string;
  /** A CSS or Playwright selector for the search box; the defaults (DEFAULT_SEARCH_BOXES) when omitted. */
  searchBox?: string;
  /** Delay between keys, in ms (default 80: clients debounce suggestion requests). */
  keyDelayMs?: number;
  /** Press Enter after typing, so the query is searched (default true). */
  submit?: boolean;
  /** How long to look for the search box, and to wait for each expected call (default 10 s). */
  timeoutMs?: number;
  /** When given, waits for the query-suggestion and search calls it records instead of a fixed pause. */
  recorder?: Recorder;
}

export interface SearchOutcome {
  /** The selector that matched, or null when no search box was found (nothing was typed). */
  searchBox: string | null;
  /** Query suggestions were requested while typing (known only with a recorder; null without). */
  suggestionsSent: boolean | null;
  /** A search was sent after submitting (known only with a recorder; null without or when not submitted). */
  searchSent: boolean | null;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function visible(locator: Locator): Promise<boolean> {
  try {
    return await locator.isVisible();
  } catch {
    return false;
  }
}

/** The first visible search box among `selectors`, polling until `timeoutMs` (or until `cancelled()` says so). */
export async function findSearchBox(
  page: Page,
  selectors: readonly string[],
  timeoutMs: number,
  cancelled: () => boolean = () => false,
): Promise<{ selector: string; locator: Locator } | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const selector of selectors) {
      let locator: Locator;
      try {
        // Visible matches only: Atomic's box has a hidden "spacer" textarea before the real one.
        locator = page.locator(selector).filter({ visible: true }).first();
      } catch {
        continue; // a selector Playwright cannot parse is skipped, not fatal
      }
      if (await visible(locator)) return { selector, locator };
    }
    if (Date.now() >= deadline || page.isClosed() || cancelled()) return null;
    await sleep(150);
  }
}

/**
 * Types `query` in the page's search box key by key, then presses Enter. Throws when an explicit `searchBox`
 * matches nothing visible; with the defaults, returns `searchBox: null` instead (the caller reports it).
 */
export async function runSearch(page: Page, options: SearchOptions = {}): Promise<SearchOutcome> {
  const { query = 'tra', keyDelayMs = 80, submit = true, timeoutMs = 10_000, recorder } = options;
  const selectors = options.searchBox ? [options.searchBox] : DEFAULT_SEARCH_BOXES;
  const found = await findSearchBox(page, selectors, timeoutMs);
  if (!found) {
    if (options.searchBox) throw new Error(`no visible search box matches ${JSON.stringify(options.searchBox)}`);
    return { searchBox: null, suggestionsSent: recorder ? false : null, searchSent: recorder && submit ? false : null };
  }
  const suggestBefore = recorder?.count('querySuggest') ?? 0;
  await found.locator.click({ timeout: timeoutMs });
  await found.locator.fill('', { timeout: timeoutMs }).catch(() => undefined);
  await found.locator.pressSequentially(query, { delay: keyDelayMs, timeout: timeoutMs });
  let suggestionsSent: boolean | null = null;
  if (recorder) suggestionsSent = await recorder.waitForCall({ kind: 'querySuggest', after: suggestBefore, timeoutMs });
  else await sleep(Math.max(500, keyDelayMs * 4));
  let searchSent: boolean | null = null;
  if (submit) {
    const searchBefore = recorder?.count('search') ?? 0;
    await found.locator.press('Enter', { timeout: timeoutMs });
    if (recorder) searchSent = await recorder.waitForCall({ kind: 'search', after: searchBefore, timeoutMs });
    else await sleep(500);
  }
  return { searchBox: found.selector, suggestionsSent, searchSent };
}
