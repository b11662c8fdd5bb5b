// The report formats' table: one entry per format, read by the CLI (--format) and the panel's export.
import { describe, expect, it } from 'vitest';
import { renderJson, renderMarkdown, renderText } from '../../src/core/report';
import { FORMAT_NAMES, isFormatName, REPORT_FORMATS, renderReport, reportFileName } from '../../src/core/report/formats';
import { exportFileName, exportMimeType } from '../../src/panel/export';
import { call, hostileReport, report, SECRETS } from './fixtures';

describe('REPORT_FORMATS', () => {
  it('lists text, json and markdown in the order the CLI documents them', () => {
    expect(FORMAT_NAMES).toEqual(['text', 'json', 'markdown']);
    expect(isFormatName('markdown')).toBe(true);
    expect(isFormatName('html')).toBe(false);
    expect(isFormatName('toString')).toBe(false);
  });

  it('renders through the core renderers, options passed on', () => {
    const r = report([call('c0'), call('c1', { kind: 'querySuggest' })]);
    expect(renderReport(r, 'json')).toBe(renderJson(r));
    expect(renderReport(r, 'json', { includePersonalData: true })).toBe(renderJson(r, { includePersonalData: true }));
    expect(renderReport(r, 'markdown')).toBe(renderMarkdown(r));
    expect(renderReport(r, 'text')).toBe(renderText(r, { color: false }));
    expect(renderReport(r, 'text', { color: true, width: 60 })).toBe(renderText(r, { color: true, width: 60 }));
    expect(renderReport(r, 'text', { color: true })).toContain('\u001b[');
  });

  it('never lets a full credential through, in any format', () => {
    for (const name of FORMAT_NAMES) {
      const out = REPORT_FORMATS[name].render(hostileReport());
      for (const secret of SECRETS) expect(out).not.toContain(secret);
    }
  });

  it('names each format file and type', () => {
    expect(FORMAT_NAMES.map((f) => [f, REPORT_FORMATS[f].extension, REPORT_FORMATS[f].mimeType])).toEqual([
      ['text', 'txt', 'text/plain'],
      ['json', 'json', 'application/json'],
      ['markdown', 'md', 'text/markdown'],
    ]);
    expect(reportFileName('report', 'markdown')).toBe('report.md');
  });
});

describe("the panel's export names its files from the table", () => {
  it('time-stamped, with the extension and MIME type of the format', () => {
    const now = new Date('2026-12-02T06:45:12.345Z');
    expect(exportFileName('markdown', now)).toBe('coveo-hub-report-2026-12-02T06-45-12.md');
    expect(exportFileName('json', now)).toBe('coveo-hub-report-2026-12-02T06-45-12.json');
    expect(exportMimeType('markdown')).toBe('text/markdown');
    expect(exportMimeType('json')).toBe('application/json');
  });
});
