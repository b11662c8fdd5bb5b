// The probe's confirmation on a terminal, in-process with an injected transport (no network).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runProbeCommand } from '../../src/cli/probe';
import type { ProbeRequest, ProbeResponse } from '../../src/core/index';
import { API_KEY, entry, har, SEARCH_URL } from '../helpers/coveo';
import { tempDir } from './run';

const file = () => {
  const t = tempDir();
  return t.write(
    'page.har',
    JSON.stringify(har([entry(SEARCH_URL, { bearer: API_KEY, json: { q: 'a', searchHub: 'ACMEPublic' }, response: { pipeline: 'public-pipeline' } })])),
  );
};

afterEach(() => vi.restoreAllMocks());

describe('probe confirmation', () => {
  it('on a terminal, asks once with the plan on stderr; "no" sends nothing and exits 2', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const sent: ProbeRequest[] = [];
    const questions: string[] = [];
    const code = await runProbeCommand([file()], {
      stdinIsTTY: true,
      ask: async (q) => {
        questions.push(q);
        return false;
      },
      send: async (r) => {
        sent.push(r);
        return { status: 200, body: '{}' };
      },
    });
    expect(code).toBe(2);
    expect(questions).toEqual(['Send them? [y/N] ']);
    expect(sent).toHaveLength(0);
    expect(out).not.toHaveBeenCalled();
    const said = err.mock.calls.map((c) => String(c[0])).join('');
    expect(said).toMatch(/will SEND up to 4 request\(s\)/);
    expect(said).toMatch(/credential api-key xx56…4457/);
    expect(said).toMatch(/nothing sent/);
    expect(said).not.toContain(API_KEY);
  });

  it('"yes" sends the probe and renders the report with it', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const sent: ProbeRequest[] = [];
    const code = await runProbeCommand([file(), '--format', 'json'], {
      stdinIsTTY: true,
      ask: async () => true,
      send: async (r): Promise<ProbeResponse> => {
        sent.push(r);
        return { status: 200, body: JSON.stringify({ pipeline: r.variant === 'baseline' ? 'public-pipeline' : 'default' }) };
      },
    });
    expect(sent.map((r) => r.variant)).toEqual(['baseline', 'canary', 'no-hub', 'pipeline']);
    expect(code).toBe(1);
    const report = JSON.parse(String(out.mock.calls[0]![0]));
    expect(report.calls[0].probe.outcome).toBe('routing-changed');
  });
});
