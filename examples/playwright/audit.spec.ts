// One test per line of urls.txt (or the file named by COVEO_HUB_URLS): `URL [expected verdict ...]`, default pass.
// Each test opens the page, types a query in its search box (query suggestions) and submits it (a search), then
// asks the inspector for the page verdict. The Markdown and JSON reports are attached to every test.
import { readFileSync } from 'node:fs';
import { expect, test } from 'coveo-hub-inspector/playwright';
import type { PageVerdict } from 'coveo-hub-inspector';

const listFile = process.env.COVEO_HUB_URLS ?? new URL('./urls.txt', import.meta.url);
const pages = readFileSync(listFile, 'utf8')
  .split(/\r?\n/)
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [url, ...verdicts] = line.split(/\s+/);
    return { url: url as string, expected: (verdicts.length ? verdicts : ['pass']) as PageVerdict[] };
  });

for (const { url, expected } of pages) {
  test(url, async ({ page, coveoHub }) => {
    await page.goto(url);
    await coveoHub.search(page);
    await expect(coveoHub).toHaveVerdict(expected);
  });
}
