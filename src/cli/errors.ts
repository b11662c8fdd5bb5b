/** How every command fails: one line on stderr, `coveo-hub-inspector: <message>`, exit code 2. Never a stack trace. */

export const NAME = 'coveo-hub-inspector';

/** Unusable input, a refusal or a failed service: its message is printed as it is (on one line), exit code 2. */
export class CliError extends Error {
  override name = 'CliError';
}

/** A bad command line (unknown flag, missing or bad value): exit code 2. */
export class UsageError extends CliError {
  override name = 'UsageError';
}

/** How a command shortens its error lines: at most `max` characters, runs of white space collapsed or not. */
export interface LineStyle {
  max?: number;
  collapse?: boolean;
}

/** Text made safe for one terminal line: control characters become spaces. */
export function oneLine(text: string, style: LineStyle = {}): string {
  let line = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  if (style.collapse) line = line.replace(/\s+/g, ' ');
  return line.trim().slice(0, style.max ?? 300);
}

/** An error's first line (Playwright's messages carry a call log below it). */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return oneLine(message.split('\n')[0] ?? message, { collapse: true });
}

/** The stderr line for an error that ends a command: its message when known, else an internal error to report. */
export function errorLine(error: unknown, style: LineStyle = {}): string {
  if (error instanceof CliError) return `${NAME}: ${oneLine(error.message, style)}\n`;
  const message = style.collapse ? firstLine(error) : oneLine(error instanceof Error ? error.message : String(error), style);
  return `${NAME}: internal error: ${message} (please report it)\n`;
}
