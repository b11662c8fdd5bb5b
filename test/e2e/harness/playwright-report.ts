// Reading @playwright/test's JSON reporter output (test/e2e/playwright-*.chromium.test.ts).

export interface PwAttachment {
  name: string;
  contentType: string;
  path?: string;
  body?: string;
}

export interface PwTest {
  title: string;
  file: string;
  /** The last result's status: passed, failed, timedOut, skipped, interrupted. */
  status: string;
  expectedStatus: string;
  /** The spec is ok (the outcome was the expected one). */
  ok: boolean;
  errors: string[];
  attachments: PwAttachment[];
  duration: number;
}

interface Suite {
  file?: string;
  specs?: {
    title: string;
    ok: boolean;
    file: string;
    tests: { expectedStatus: string; results: { status: string; duration: number; errors?: { message?: string }[]; attachments?: PwAttachment[] }[] }[];
  }[];
  suites?: Suite[];
}

/** Every test of a JSON report, by title (the last result of each, after retries). */
export function collectTests(report: { suites?: Suite[] }): Map<string, PwTest> {
  const out = new Map<string, PwTest>();
  const walk = (suite: Suite): void => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const result = t.results[t.results.length - 1];
        out.set(spec.title, {
          title: spec.title,
          file: spec.file,
          status: result?.status ?? 'none',
          expectedStatus: t.expectedStatus,
          ok: spec.ok,
          errors: (result?.errors ?? []).map((e) => e.message ?? ''),
          attachments: result?.attachments ?? [],
          duration: result?.duration ?? 0,
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  return out;
}

/** A whole JWT (three base64url parts) or a whole Coveo API key: never in a report or a failure message. */
export const FULL_SECRET = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}|xx[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

import { spawn } from 'node:child_process';

/**
 * Runs a command without blocking this process's event loop (the test world's server lives in this process: a
 * spawnSync would leave the browser's connections hanging). Resolves with the exit code and the output.
 */
export function runAsync(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      output += `\n[killed after ${options.timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
