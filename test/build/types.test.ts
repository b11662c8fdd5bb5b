// The published type declarations (dist/types, built by `node build.mjs`) work for TypeScript users of the package
// under both `moduleResolution: nodenext` and `bundler`: a consumer project that imports the package by name
// type-checks, and a wrong use of the same API is reported (so the types are real, not `any`).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const GOOD = `import { analyzeHar, renderMarkdown, RULES, type Report, type Verdict } from 'coveo-hub-inspector';
const report: Report = analyzeHar('{"log":{"entries":[]}}', 'page.har');
const verdicts: Verdict[] = report.calls.map((call) => call.verdict);
const markdown: string = renderMarkdown(report);
const ids: string[] = RULES.map((rule) => rule.id);
export { verdicts, markdown, ids };
`;
const BAD = `import { analyzeHar } from 'coveo-hub-inspector';
const n: number = analyzeHar('{}', 'x').summary.verdict;
export { n };
`;

// The Playwright entry (`coveo-hub-inspector/playwright`) in a Node project: the fixture and its matchers are typed.
const GOOD_PW = `import { test, expect } from 'coveo-hub-inspector/playwright';
test('search is hub-enforced', async ({ page, coveoHub }) => {
  await page.goto('https://shop.example.test/');
  await coveoHub.search(page);
  await expect(coveoHub).toHaveVerdict('pass');
});
`;
const BAD_PW = `import { test, expect } from 'coveo-hub-inspector/playwright';
test('wrong verdict name', async ({ coveoHub }) => {
  await expect(coveoHub).toHaveVerdict('passed');
});
`;

async function consumer(
  moduleResolution: 'nodenext' | 'bundler',
  sources: { good: string; bad: string; lib?: string[] } = { good: GOOD, bad: BAD },
): Promise<{ code: number; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), `chi-types-${moduleResolution}-`));
  dirs.push(dir);
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'coveo-hub-inspector'), 'dir');
  mkdirSync(join(dir, 'node_modules', '@types'));
  symlinkSync(join(ROOT, 'node_modules/@types/node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: moduleResolution === 'nodenext' ? 'nodenext' : 'esnext',
        moduleResolution,
        // A Node project (nodenext) brings @types/node, a bundled web project (bundler) the DOM library: the
        // declarations need one of the two for URLSearchParams, as any code using the core does.
        types: moduleResolution === 'nodenext' ? ['node'] : [],
        lib: sources.lib ?? (moduleResolution === 'nodenext' ? ['ES2022'] : ['ES2022', 'DOM']),
        // The consumer's own check must not fall back on skipping the package's declarations.
        skipLibCheck: false,
      },
      files: ['index.ts', 'bad.ts'],
    }),
  );
  writeFileSync(join(dir, 'index.ts'), sources.good);
  writeFileSync(join(dir, 'bad.ts'), sources.bad);
  try {
    const { stdout } = await run(process.execPath, [TSC, '-p', dir], { cwd: dir });
    return { code: 0, output: stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: e.code ?? 1, output: e.stdout ?? '' };
  }
}

describe.each(['nodenext', 'bundler'] as const)('types under moduleResolution %s', (moduleResolution) => {
  it('type-check a consumer that imports the package by name, and report a wrong use of the API', async () => {
    const { code, output } = await consumer(moduleResolution);
    // Exactly one error: the wrong use in bad.ts. None in index.ts, none in the package's own declarations.
    expect(output.split('\n').filter((line) => /error TS\d+/.test(line))).toEqual([
      expect.stringMatching(/^bad\.ts\(2,7\): error TS2322: Type '.*' is not assignable to type 'number'\.$/),
    ]);
    expect(code).not.toBe(0);
  }, 180_000);
});

describe('types of coveo-hub-inspector/playwright under moduleResolution nodenext', () => {
  it('type-check a Playwright test that uses the fixture and matchers, and report a wrong verdict name', async () => {
    const { code, output } = await consumer('nodenext', { good: GOOD_PW, bad: BAD_PW, lib: ['ES2022', 'DOM'] }); // Playwright's own types need DOM, as in its default tsconfig
    expect(output.split('\n').filter((line) => /error TS\d+/.test(line))).toEqual([expect.stringMatching(/^bad\.ts\(3,40\): error TS2345: /)]);
    expect(code).not.toBe(0);
  }, 180_000);
});
