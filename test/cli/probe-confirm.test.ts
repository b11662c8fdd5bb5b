// The probe's confirmation on a terminal, in-process with an injected transport (no network).
import { describe, expect, it } from 'vitest';
import type { ProbeRequest, ProbeResponse } from '../../src/core/index';
import { API_KEY, entry, har, SEARCH_URL } from '../helpers/coveo';
import { cli, tempDir } from './run';

const file = () => {
  const t = tempDir();
  return t.write(
    'page.har',
    JSON.stringify(har([entry(SEARCH_URL, { bearer: API_KEY, json: { q: 'a', searchHub: 'ACMEPublic' }, response: { pipeline: 'public-pipeline' } })])),
  );
};

describe('probe confirmation', () => {
  it('on a terminal, asks once with the plan on stderr; "no" sends nothing and exits 2', async () => {
    const sent: ProbeRequest[] = [];
    const questions: string[] = [];
    const r = await cli(['probe', file()], {
      io: {
        stdinIsTTY: true,
        ask: async (q) => {
          questions.push(q);
          return false;
        },
        send: async (r) => {
          sent.push(r);
          return { status: 200, body: '{}' };
        },
      },
    });
    expect(r.code).toBe(2);
    expect(questions).toEqual(['Send them? [y/N] ']);
    expect(sent).toHaveLength(0);
    expect(r.stdout).toBe('');
    const said = r.stderr;
    expect(said).toMatch(/will SEND up to 4 request\(s\)/);
    expect(said).toMatch(/credential api-key xx56…4457/);
    expect(said).toMatch(/nothing sent/);
    expect(said).not.toContain(API_KEY);
  });

  it('"yes" sends the probe and renders the report with it', async () => {
    const sent: ProbeRequest[] = [];
    const r = await cli(['probe', file(), '--format', 'json'], {
      io: {
        stdinIsTTY: true,
        ask: async () => true,
        send: async (req): Promise<ProbeResponse> => {
          sent.push(req);
          return { status: 200, body: JSON.stringify({ pipeline: req.variant === 'baseline' ? 'public-pipeline' : 'default' }) };
        },
      },
    });
    expect(sent.map((r) => r.variant)).toEqual(['baseline', 'canary', 'no-hub', 'pipeline']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.calls[0].probe.outcome).toBe('routing-changed');
  });
});
