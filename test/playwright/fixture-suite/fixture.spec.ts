// Run by test/playwright/fixture.chromium.test.ts, which checks every outcome below from the JSON report:
// tests marked test.fail() are meant to fail (their failure messages are checked there), so this suite is green.
import { readFileSync } from 'node:fs';
import { analyzeHar } from 'coveo-hub-inspector';
import { expect, test } from 'coveo-hub-inspector/playwright';

/** Opens a shop page and waits for its client's first search, then types and submits a query. */
async function visit(page: import('@playwright/test').Page, coveoHub: import('coveo-hub-inspector/playwright').CoveoHub, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
  const outcome = await coveoHub.search(page);
  expect(outcome.searchBox, 'a search box was found').not.toBeNull();
}

test('headless token-hub passes', async ({ page, coveoHub }) => {
  await visit(page, coveoHub, '/headless/?scenario=token-hub');
  await expect(coveoHub).toHaveVerdict('pass');
  await expect(coveoHub).toHaveNoUnenforcedCalls();
  await expect(coveoHub).toHaveOnlyEnforcedCalls();
  await expect(coveoHub).toHaveCoveoCalls(['search', 'querySuggest']);
  await expect(coveoHub).toHaveNoFindings('warning');
});

test('headless token-nohub fails toHaveVerdict(pass)', async ({ page, coveoHub }) => {
  test.fail();
  await visit(page, coveoHub, '/headless/?scenario=token-nohub');
  await expect(coveoHub).toHaveVerdict('pass');
});

test('headless token-pipeline passes', async ({ page, coveoHub }) => {
  await visit(page, coveoHub, '/headless/?scenario=token-pipeline');
  await expect(coveoHub).toHaveVerdict('pass');
  await expect(coveoHub).toHaveOnlyEnforcedCalls();
});

test('headless token-expired passes after renewal', async ({ page, coveoHub }) => {
  await visit(page, coveoHub, '/headless/?scenario=token-expired');
  await expect(coveoHub).toHaveVerdict('pass');
});

test('headless api-key is review, not enforced', async ({ page, coveoHub }) => {
  await visit(page, coveoHub, '/headless/?scenario=api-key');
  await expect(coveoHub).toHaveVerdict('review');
  await expect(coveoHub).toHaveNoUnenforcedCalls();
  await expect(coveoHub).not.toHaveOnlyEnforcedCalls();
});

test('headless proxy is review', async ({ page, coveoHub }) => {
  await visit(page, coveoHub, '/headless/?scenario=proxy');
  await expect(coveoHub).toHaveVerdict('review');
  await expect(coveoHub).toHaveCoveoCalls(['search', 'querySuggest']);
});

test('atomic token-hub passes', async ({ page, coveoHub }) => {
  await visit(page, coveoHub, '/atomic/?scenario=token-hub');
  await expect(coveoHub).toHaveVerdict('pass');
  await expect(coveoHub).toHaveCoveoCalls(['search', 'querySuggest']);
});

test('search-ui token-hub passes', async ({ page, coveoHub }) => {
  await visit(page, coveoHub, '/search-ui/?scenario=token-hub');
  await expect(coveoHub).toHaveVerdict('pass');
  await expect(coveoHub).toHaveCoveoCalls(['search', 'querySuggest']);
});

test('search-ui api-key fails toHaveVerdict(pass)', async ({ page, coveoHub }) => {
  test.fail();
  await visit(page, coveoHub, '/search-ui/?scenario=api-key');
  await expect(coveoHub).toHaveVerdict('pass');
});

test('search-ui token-expired: a refused call makes it review', async ({ page, coveoHub }) => {
  await visit(page, coveoHub, '/search-ui/?scenario=token-expired');
  await expect(coveoHub).toHaveVerdict('review');
  await expect(coveoHub).toHaveNoUnenforcedCalls();
});

// Playwright's own recordHar output, analysed by the core, gives the verdict the fixture gives.
test('recordHar of headless token-nohub reads as fail', async ({ browser }, testInfo) => {
  const harPath = testInfo.outputPath('token-nohub.har');
  const context = await browser.newContext({ recordHar: { path: harPath, content: 'embed' }, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto('https://shop.example.test/headless/?scenario=token-nohub');
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 60_000 });
  await context.close();
  const report = analyzeHar(readFileSync(harPath, 'utf8'), 'token-nohub.har');
  await expect(report).toHaveVerdict('fail');
  await testInfo.attach('recorded.har', { path: harPath, contentType: 'application/json' });
});
