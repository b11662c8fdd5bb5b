/**
 * `coveo-hub-inspector org`: the organization audit over Coveo's Platform API, joined with HAR files when given.
 * Loaded by run.ts only for this command; the Platform API client is loaded only when the audit runs.
 * The admin credential comes from COVEO_PLATFORM_TOKEN or --token-file, never from an argument, and is never
 * printed (the report shows its fingerprint). Errors: one line on stderr, exit code 2.
 */
import { readFileSync } from 'node:fs';
import { analyzeEntries, extractRawCredentials, HarError, parseHar } from '../core/index';
import { auditOrg, type HarCall, type OrgReport, renderOrgJson, renderOrgMarkdown, renderOrgText } from '../core/org/index';
import { CliError, NAME, oneLine } from './errors';
import { type CliIo, pathIn, readInput, useColor, writeReport } from './io';
import { exitCodeFor, type Format } from './options';
import { ORG_USAGE, type OrgCommand, parseOrgArgs } from './org-args';

export { ORG_USAGE, type OrgCommand, parseOrgArgs, type Region } from './org-args';

/** The organization report in each format. */
const RENDER: Record<Format, (report: OrgReport, color: boolean) => string> = {
  text: (report, color) => renderOrgText(report, { color }),
  json: (report) => renderOrgJson(report),
  markdown: (report) => renderOrgMarkdown(report),
};

function readToken(cmd: OrgCommand, io: CliIo): string {
  if (cmd.tokenFile !== null) {
    let text: string;
    try {
      text = readFileSync(pathIn(io, cmd.tokenFile), 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new CliError(`${cmd.tokenFile}: ${code === 'ENOENT' ? 'token file not found' : `cannot read the token file (${code ?? 'error'})`}`);
    }
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length === 0) throw new CliError(`${cmd.tokenFile}: the token file is empty`);
    if (lines.length > 1 || /\s/.test(lines[0] as string)) throw new CliError(`${cmd.tokenFile}: the token file must hold the token alone, on one line`);
    return lines[0] as string;
  }
  const env = io.env.COVEO_PLATFORM_TOKEN?.trim();
  if (!env) {
    throw new CliError(
      'no credential: set COVEO_PLATFORM_TOKEN or pass --token-file FILE (an access token or API key with View on API keys, query pipelines and search hubs)',
    );
  }
  if (/\s/.test(env)) throw new CliError('COVEO_PLATFORM_TOKEN must hold the token alone');
  return env;
}

function readHars(files: readonly string[], io: CliIo): { sources: { name: string; coveoCalls: number }[]; calls: HarCall[] } {
  const sources: { name: string; coveoCalls: number }[] = [];
  const calls: HarCall[] = [];
  const several = files.length > 1;
  files.forEach((file, i) => {
    const name = file === '-' ? 'stdin' : file;
    const text = readInput(io, file).toString('utf8');
    let entries: unknown[];
    try {
      entries = parseHar(text).entries;
    } catch (error) {
      if (error instanceof HarError) throw new CliError(`${name}: ${error.message}`);
      throw error;
    }
    const analysed = analyzeEntries(entries, name, several ? `f${i + 1}.` : '');
    for (const call of analysed.calls) {
      // Raw values stay in memory for matching; only fingerprints reach the report.
      calls.push({ call, rawCredentials: extractRawCredentials(entries[call.index]).map((r) => r.value) });
    }
    sources.push({ name, coveoCalls: analysed.calls.length });
    if (analysed.calls.length === 0)
      io.stderr.write(`${NAME}: no Coveo calls found in ${oneLine(name, { max: 400 })}: was DevTools open while the page searched?\n`);
  });
  return { sources, calls };
}

/** Runs `org` with its arguments (after the word `org`); throws a CliError on bad input or a Platform API failure. */
export async function orgCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const cmd = parseOrgArgs(argv);
  if (cmd.kind === 'help') {
    io.stdout.write(`${ORG_USAGE}\n`);
    return 0;
  }
  const token = readToken(cmd, io);
  const har = cmd.har.length > 0 ? readHars(cmd.har, io) : null;
  const { fetchOrgSnapshot, platformHost, PlatformError } = await import('../org/platform');
  let snapshot: Awaited<ReturnType<typeof fetchOrgSnapshot>>;
  try {
    snapshot = await fetchOrgSnapshot({
      organizationId: cmd.org,
      accessToken: token,
      region: cmd.region,
      platformUrl: cmd.platformUrl,
      timeoutMs: cmd.timeoutSeconds * 1000,
    });
  } catch (error) {
    if (error instanceof PlatformError) throw new CliError(error.message);
    throw error;
  }
  const report = auditOrg(snapshot, {
    now: Date.now(),
    staleDays: cmd.staleDays,
    har,
    platformUrl: platformHost(cmd.region, cmd.platformUrl),
    credential: token,
  });
  const text = RENDER[cmd.format](report, useColor(io, cmd.output));
  // Last check: the credential itself must never be written anywhere.
  if (text.includes(token)) throw new CliError('internal error: the report would contain the credential; nothing was written (please report it)');
  writeReport(io, cmd.output, text);
  return exitCodeFor(report.summary.verdict, cmd.failOn);
}
