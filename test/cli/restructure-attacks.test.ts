// Attacks on the CLI's util.parseArgs rewrite: what the parser accepts must never be more than the user asked for.
import { describe, expect, it } from 'vitest';
import { usageMessage } from './usage';
import { parseArgs } from '../../src/cli/args';
import { parseProbeArgs } from '../../src/cli/probe';

const usage = usageMessage;

describe('switches take no value', () => {
  it.each([
    ['--yes=no', '--yes takes no value'],
    ['--yes=false', '--yes takes no value'],
    ['--yes=', '--yes takes no value'],
    ['--debug=false', '--debug takes no value'],
  ])('probe %s is refused (no consent to send)', (flag, expected) => {
    expect(usage(() => parseProbeArgs(['a.har', flag]))).toBe(expected);
  });

  it('probe --yes and -y still consent', () => {
    expect(parseProbeArgs(['a.har', '--yes']).yes).toBe(true);
    expect(parseProbeArgs(['a.har', '-y']).yes).toBe(true);
    expect(parseProbeArgs(['a.har']).yes).toBe(false);
  });

  it.each([['--include-personal-data=false'], ['--include-personal-data=0'], ['--no-include-personal-data'], ['--include-personal']])(
    'check %s never turns personal data on',
    (flag) => {
      expect(() => parseArgs(['check', 'a.har', flag])).toThrow();
    },
  );

  it('after -- a flag is a file name, not an option', () => {
    const cmd = parseArgs(['check', 'a.har', '--', '--include-personal-data']);
    expect(cmd.kind === 'check' && cmd.includePersonalData).toBe(false);
  });
});
