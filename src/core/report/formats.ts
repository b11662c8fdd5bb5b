/**
 * The report formats, one entry each: how a `Report` renders, the file extension and the MIME type of its export.
 * The CLI (`--format`, its help and errors) and the panel's export both read this table, so a new format is one
 * entry here (plus its renderer module).
 */
import type { Report } from '../types';
import type { RenderOptions } from './common';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderText } from './text';

/** What any renderer may be given; each takes what applies to it (colour and width are for text). */
export interface FormatOptions extends RenderOptions {
  color?: boolean;
  width?: number;
}

export interface ReportFormat {
  /** Its name in a sentence ("Save the report as Markdown"). */
  label: string;
  /** The file extension, without the dot. */
  extension: string;
  mimeType: string;
  render(report: Report, options?: FormatOptions): string;
}

/** In the order the CLI lists them (`text|json|markdown`); text is the CLI's default. */
export const REPORT_FORMATS = {
  text: {
    label: 'text',
    extension: 'txt',
    mimeType: 'text/plain',
    render: (report, options = {}) =>
      renderText(report, { color: options.color ?? false, width: options.width, includePersonalData: options.includePersonalData }),
  },
  json: {
    label: 'JSON',
    extension: 'json',
    mimeType: 'application/json',
    render: (report, options = {}) => renderJson(report, { includePersonalData: options.includePersonalData }),
  },
  markdown: {
    label: 'Markdown',
    extension: 'md',
    mimeType: 'text/markdown',
    render: (report, options = {}) => renderMarkdown(report, { includePersonalData: options.includePersonalData }),
  },
} as const satisfies Record<string, ReportFormat>;

export type FormatName = keyof typeof REPORT_FORMATS;

export const FORMAT_NAMES = Object.keys(REPORT_FORMATS) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(REPORT_FORMATS, name);
}

/** A report in one of the formats. */
export function renderReport(report: Report, format: FormatName, options: FormatOptions = {}): string {
  return REPORT_FORMATS[format].render(report, options);
}

/** `stem.extension` for a report saved in `format`. */
export function reportFileName(stem: string, format: FormatName): string {
  return `${stem}.${REPORT_FORMATS[format].extension}`;
}
