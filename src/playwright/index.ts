/**
 * `coveo-hub-inspector/playwright`: the inspector inside a @playwright/test suite.
 *
 *   import { test, expect } from 'coveo-hub-inspector/playwright';
 *   test('search is hub-enforced', async ({ page, coveoHub }) => {
 *     await page.goto('https://shop.example.com/search');
 *     await coveoHub.search(page);                      // types a query (suggestions), then searches
 *     await expect(coveoHub).toHaveVerdict('pass');
 *   });
 *
 * The `coveoHub` fixture records the test's browser context; at the end of the test the Markdown and JSON
 * reports (redacted like every report) are attached to it. Already have your own `test`/`expect`? Use
 * `coveoHubFixtures` with `test.extend` and `coveoHubMatchers` with `expect.extend`.
 */
import { expect as baseExpect, test as baseTest, type ExpectMatcherState, type MatcherReturnType, type TestInfo } from '@playwright/test';
import { renderJson, renderMarkdown, type CallKind, type PageVerdict, type Report, type Severity } from '../core/index';
import { CoveoHub, type CoveoHubOptions } from './hub';
import { checkAllEnforced, checkCallKinds, checkNoFindings, checkNoUnenforced, checkVerdict, type CheckResult } from './matchers';

export { CoveoHub, type CoveoHubOptions } from './hub';
export { recordCoveoTraffic, type Recorder, type RecorderOptions, type RecordTarget, type WaitOptions } from './recorder';
export { runSearch, findSearchBox, DEFAULT_SEARCH_BOXES, type SearchOptions, type SearchOutcome } from './search';
export { checkAllEnforced, checkCallKinds, checkNoFindings, checkNoUnenforced, checkVerdict, describeCall, type CheckResult } from './matchers';

export type AttachMode = 'always' | 'on-failure' | 'never';

export interface CoveoHubFixtureOptions extends Omit<CoveoHubOptions, 'name'> {
  /** When the Markdown and JSON reports are attached to the test (default `always`). */
  attach?: AttachMode;
}

export interface CoveoHubFixtures {
  /** Options for the `coveoHub` fixture (`test.use({ coveoHubOptions: { attach: 'on-failure' } })`). */
  coveoHubOptions: CoveoHubFixtureOptions;
  /** Records the test's browser context and analyses it with the inspector's core. */
  coveoHub: CoveoHub;
}

export const ATTACHMENT_MARKDOWN = 'coveo-hub-report.md';
export const ATTACHMENT_JSON = 'coveo-hub-report.json';

/** Attaches the report as Markdown and JSON (both redacted by the renderers). */
export async function attachReport(testInfo: TestInfo, report: Report, prefix = ''): Promise<void> {
  await testInfo.attach(`${prefix}${ATTACHMENT_MARKDOWN}`, { body: renderMarkdown(report), contentType: 'text/markdown' });
  await testInfo.attach(`${prefix}${ATTACHMENT_JSON}`, { body: renderJson(report), contentType: 'application/json' });
}

/** The fixtures, for `yourTest.extend(coveoHubFixtures)`. */
export const coveoHubFixtures: Parameters<typeof baseTest.extend<CoveoHubFixtures>>[0] = {
  coveoHubOptions: [{}, { option: true }],
  coveoHub: async ({ context, coveoHubOptions }, use, testInfo) => {
    const { attach = 'always', ...options } = coveoHubOptions;
    const hub = new CoveoHub(context, { ...options, name: testInfo.titlePath.slice(1).join(' › ') || testInfo.title });
    await use(hub);
    const failed = testInfo.status !== testInfo.expectedStatus;
    if (attach === 'always' || (attach === 'on-failure' && failed)) {
      // A failed test may leave calls in flight: wait briefly, never long.
      await hub.settle({ timeoutMs: failed ? 2_000 : 5_000 });
      await attachReport(testInfo, hub.reportNow());
    }
    hub.stop();
  },
};

/** `test` from @playwright/test with the `coveoHub` fixture. */
export const test = baseTest.extend<CoveoHubFixtures>(coveoHubFixtures);

function isReport(value: unknown): value is Report {
  return value !== null && typeof value === 'object' && 'summary' in value && 'calls' in value && Array.isArray((value as Report).calls);
}

async function reportOf(received: unknown, matcher: string): Promise<Report> {
  if (received instanceof CoveoHub) return received.report();
  if (isReport(received)) return received;
  // A CoveoHub from another copy of this module (two installs) still has report().
  if (received !== null && typeof received === 'object' && typeof (received as { report?: unknown }).report === 'function') {
    return (received as { report: () => Promise<Report> }).report();
  }
  throw new Error(`${matcher}: expected the coveoHub fixture (or a report from analyzeHar), got ${typeof received}`);
}

function result(state: ExpectMatcherState, name: string, args: string, check: CheckResult, expected: unknown, wanted: string): MatcherReturnType {
  const hint = `expect(coveoHub)${state.isNot ? '.not' : ''}.${name}(${args})`;
  return {
    name,
    pass: check.pass,
    expected,
    actual: check.actual,
    message: () =>
      [
        hint,
        '',
        `${state.isNot ? 'Expected not' : 'Expected'}: ${wanted}`,
        `Received: ${check.actual}`,
        ...(check.details.length ? ['', state.isNot ? 'Calls:' : 'Offending calls:', ...check.details] : []),
        '',
        `The full report is attached to this test as ${ATTACHMENT_MARKDOWN} and ${ATTACHMENT_JSON} (credentials shown as fingerprints).`,
      ].join('\n'),
  };
}

const quote = (v: unknown): string => JSON.stringify(v);

/** The matchers, for `yourExpect.extend(coveoHubMatchers)`. Each accepts the fixture or a core `Report`. */
export const coveoHubMatchers = {
  /** The page verdict is `expected` (`pass`, `review`, `fail`, `empty`, or a list of them). */
  async toHaveVerdict(this: ExpectMatcherState, received: unknown, expected: PageVerdict | PageVerdict[]): Promise<MatcherReturnType> {
    const report = await reportOf(received, 'toHaveVerdict');
    return result(
      this,
      'toHaveVerdict',
      quote(expected),
      checkVerdict(report, expected),
      expected,
      `page verdict ${typeof expected === 'string' ? expected : expected.join(' or ')}`,
    );
  },
  /** No call is `unenforced` (routed by a hub anyone can edit). */
  async toHaveNoUnenforcedCalls(this: ExpectMatcherState, received: unknown): Promise<MatcherReturnType> {
    const report = await reportOf(received, 'toHaveNoUnenforcedCalls');
    return result(this, 'toHaveNoUnenforcedCalls', '', checkNoUnenforced(report), 0, 'no unenforced call');
  },
  /** Every hub-routed call is `enforced` (none unenforced or unverifiable), and there is at least one. */
  async toHaveOnlyEnforcedCalls(this: ExpectMatcherState, received: unknown): Promise<MatcherReturnType> {
    const report = await reportOf(received, 'toHaveOnlyEnforcedCalls');
    return result(this, 'toHaveOnlyEnforcedCalls', '', checkAllEnforced(report), 'all enforced', 'every hub-routed call enforced (and at least one)');
  },
  /** No finding at `severity` or above (default `warning`). */
  async toHaveNoFindings(this: ExpectMatcherState, received: unknown, severity: Severity = 'warning'): Promise<MatcherReturnType> {
    const report = await reportOf(received, 'toHaveNoFindings');
    return result(this, 'toHaveNoFindings', quote(severity), checkNoFindings(report, severity), 0, `no finding at ${severity} or above`);
  },
  /** At least one call of each kind was recorded (default `['search', 'querySuggest']`). */
  async toHaveCoveoCalls(this: ExpectMatcherState, received: unknown, kinds: CallKind[] = ['search', 'querySuggest']): Promise<MatcherReturnType> {
    const report = await reportOf(received, 'toHaveCoveoCalls');
    return result(this, 'toHaveCoveoCalls', quote(kinds), checkCallKinds(report, kinds), kinds, `at least one call of each kind: ${kinds.join(', ')}`);
  },
};

/** `expect` from @playwright/test with the Coveo Hub matchers. */
export const expect = baseExpect.extend(coveoHubMatchers);
