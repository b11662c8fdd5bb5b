/**
 * `CoveoHub`: what a Playwright test holds. It records a browser context's (or page's) Coveo traffic through the
 * recorder (the network edge) and hands the entries to the core, unchanged, for the same report the CLI and the
 * panel give. No dependency on @playwright/test: `audit` and plain playwright-core scripts use it too.
 */
import type { Page } from 'playwright-core';
import { analyzeEntries, buildReport, renderJson, renderMarkdown, renderText, type Report } from '../core/index';
import { recordCoveoTraffic, type RecordTarget, type Recorder, type RecorderOptions, type WaitOptions } from './recorder';
import { runSearch, type SearchOptions, type SearchOutcome } from './search';

export interface CoveoHubOptions extends RecorderOptions {
  /** The source name in reports (default `"playwright"`; the fixture uses the test's title). */
  name?: string;
  /** How `report()` waits for Coveo traffic to finish first (default 750 ms of quiet, at most 10 s). */
  settle?: WaitOptions;
}

export class CoveoHub {
  readonly recorder: Recorder;
  readonly name: string;
  private readonly settleOptions: WaitOptions;

  constructor(target: RecordTarget, options: CoveoHubOptions = {}) {
    this.recorder = recordCoveoTraffic(target, options);
    this.name = options.name ?? 'playwright';
    this.settleOptions = options.settle ?? {};
  }

  /** Waits until the page's Coveo traffic is quiet; false when it was still busy at the timeout. */
  settle(options: WaitOptions = {}): Promise<boolean> {
    return this.recorder.settle({ ...this.settleOptions, ...options });
  }

  /** Types a query in the search box key by key (query suggestions), then submits it (a search). */
  search(page: Page, options: Omit<SearchOptions, 'recorder'> = {}): Promise<SearchOutcome> {
    return runSearch(page, { ...options, recorder: this.recorder });
  }

  /** The analysis of what was recorded so far, after the traffic settled (`{settle: false}` to skip waiting). */
  async report(options: { settle?: boolean } = {}): Promise<Report> {
    if (options.settle !== false) await this.settle();
    return this.reportNow();
  }

  /** The analysis of what was recorded so far, without waiting. */
  reportNow(): Report {
    const part = analyzeEntries(this.recorder.entries(), this.name);
    // The recorder keeps only Coveo calls: the source counts every request the page made.
    part.source.entries = Math.max(this.recorder.requestsSeen(), part.source.entries);
    // Coveo calls still in flight (settle timed out, or not waited for) are not in the analysis: the page cannot
    // pass on the others (calls-dropped).
    const unfinished = this.recorder.inFlight();
    if (unfinished > 0) part.source.droppedCalls = unfinished;
    return buildReport([part]);
  }

  async markdown(): Promise<string> {
    return renderMarkdown(await this.report());
  }

  async json(): Promise<string> {
    return renderJson(await this.report());
  }

  async text(): Promise<string> {
    return renderText(await this.report(), { color: false });
  }

  /** Forgets what was recorded (for example between two pages of one test). */
  clear(): void {
    this.recorder.clear();
  }

  /** Stops recording. */
  stop(): void {
    this.recorder.stop();
  }
}
