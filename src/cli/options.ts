/**
 * What every command's argument parsing shares: Node's `util.parseArgs` splits the command line into tokens (in
 * order, `--flag=value`, `-f value`, `--` and `-` as usual), and each command words its own errors over them, so
 * an unknown flag, a missing or a bad value is one line and exit code 2.
 */
import { parseArgs } from 'node:util';
import { redactSecrets } from '../core/redact';
import { FORMAT_NAMES, type FormatName } from '../core/report/formats';
import { UsageError } from './errors';

export type Format = FormatName;
export type FailOn = 'error' | 'warning' | 'never';

export const FORMATS: readonly Format[] = FORMAT_NAMES;
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}

/** `flag` as typed (`-f`, `--format`; an unknown one up to its `=`); `inline` for `--flag=value`. */
export interface OptionToken {
  kind: 'option';
  name: string;
  known: boolean;
  flag: string;
  value: string | undefined;
  inline: boolean;
}

export type Token = OptionToken | { kind: 'positional'; value: string } | { kind: 'terminator' };

/** The command line's tokens. A string option takes the next argument whatever it is (`--browser-arg --foo`). */
export function tokenize(argv: readonly string[], options: Readonly<Record<string, OptionSpec>>): Token[] {
  const { tokens } = parseArgs({ args: [...argv], options: { ...options }, strict: false, allowPositionals: true, tokens: true });
  return tokens.map((t): Token => {
    if (t.kind === 'positional') return { kind: 'positional', value: t.value };
    if (t.kind === 'option-terminator') return { kind: 'terminator' };
    const raw = argv[t.index] ?? t.rawName;
    // Short flags stand alone (`-f json`): a group or an attached value (`-yf`, `-fjson`, `-o=x`) is unknown.
    const known = Object.hasOwn(options, t.name) && (raw.startsWith('--') || raw.length === 2);
    const eq = raw.indexOf('=');
    const typed = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    return { kind: 'option', name: t.name, known, flag: known ? t.rawName : typed, value: t.value, inline: t.inlineValue === true };
  });
}

/**
 * A stray argument as an error message may show it: quoted when it reads like a file name (a dot or a slash, short,
 * nothing a credential scan would redact) or a short word (a mistyped command), else only its length, since a stray
 * argument may be a pasted credential.
 */
export function strayArgument(value: string): string {
  const word = /^[A-Za-z][A-Za-z-]{0,19}$/.test(value);
  const fileLike = value.length <= 120 && /[./\\]/.test(value) && !/[\s"]/.test(value) && redactSecrets(value) === value;
  return word || fileLike ? `"${value}"` : `of ${value.length} character${value.length === 1 ? '' : 's'} (not shown: it may be a credential)`;
}

/** `-h` or `--help` anywhere asks for the command's help. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('-h') || argv.includes('--help');
}

/** One of `allowed`, or a usage error naming them. */
export function choice<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], missing?: string): T {
  if (value === undefined || value === '') throw new UsageError(missing ?? `${flag} needs a value (${allowed.join('|')})`);
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join('|')} (got "${value}")`);
  return value as T;
}

/** A value that must be there and not empty. */
export function required(value: string | undefined, message: string): string {
  if (value === undefined || value === '') throw new UsageError(message);
  return value;
}

/** The report options every command takes: --format/-f, --fail-on, --output/-o. */
export const REPORT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const satisfies Record<string, OptionSpec>;

export interface ReportChoices {
  format: Format;
  failOn: FailOn;
  output: string | null;
}

/** A command's own wording for a report option given without a value; undefined: the usual one. */
export type MissingValue = (name: keyof typeof REPORT_OPTIONS, flag: string) => string | undefined;

/** Applies a known --format, --fail-on or --output to `cmd`; false for any other option. */
export function reportOption(cmd: ReportChoices, token: OptionToken, missing: MissingValue = () => undefined): boolean {
  if (!token.known) return false;
  switch (token.name) {
    case 'format':
      cmd.format = choice('--format', token.value, FORMATS, missing('format', token.flag));
      return true;
    case 'fail-on':
      cmd.failOn = choice('--fail-on', token.value, FAIL_ON, missing('fail-on', token.flag));
      return true;
    case 'output':
      cmd.output = required(token.value, missing('output', token.flag) ?? '--output needs a file name');
      return true;
    default:
      return false;
  }
}

/** Exit code for a verdict under `--fail-on`: error fails on `fail`, warning on anything but `pass`. */
export function exitCodeFor(verdict: string, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  if (failOn === 'warning') return verdict === 'pass' ? 0 : 1;
  return verdict === 'fail' ? 1 : 0;
}
