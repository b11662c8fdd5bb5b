// Runs the BUILT command line asynchronously, so that a stand-in server in the test process can answer it.
import { spawn } from 'node:child_process';
import { CLI } from '../cli/run';

export interface OrgRun {
  code: number | null;
  stdout: string;
  stderr: string;
  errLines: string[];
}

export function runOrg(args: string[], env: Record<string, string | undefined> = {}, input = ''): Promise<OrgRun> {
  const full: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...env };
  delete full.FORCE_COLOR;
  if (!('COVEO_PLATFORM_TOKEN' in env)) delete full.COVEO_PLATFORM_TOKEN;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'org', ...args], { env: full as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, errLines: stderr.split('\n').filter((l) => l.trim() !== '') }));
    child.stdin.end(input);
  });
}
