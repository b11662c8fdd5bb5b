/** Reports for export: always through the core renderers, which redact every credential. */
import { buildReport } from '../core/index';
import type { Report } from '../core/index';
import { REPORT_FORMATS, reportFileName } from '../core/report/formats';
import type { PanelStore } from './store';

/**
 * What the panel knows beyond its calls, for "what was tested" in exports: the inspected page, the extension's
 * version, and the personal-data setting (decoded claims such as userIds are redacted unless it is on).
 */
export interface ExportContext {
  page?: { url: string | null; title: string | null };
  extensionVersion?: string | null;
  includePersonalData?: boolean;
  now?: Date;
}

/** The formats the panel exports (the core's table gives their renderer, extension and MIME type). */
export type ExportFormat = 'markdown' | 'json';

export function currentReport(store: PanelStore, context: ExportContext = {}): Report {
  const calls = store.calls;
  const source = store.source;
  if (context.page) source.page = context.page;
  return buildReport([{ source, calls }], {
    about: { via: 'panel', extensionVersion: context.extensionVersion ?? null, generatedAt: (context.now ?? new Date()).toISOString() },
  });
}

export function exportText(store: PanelStore, format: ExportFormat, context: ExportContext = {}): string {
  // Live capture: the page the inspected tab navigated to last (an imported HAR names its own page). The title is
  // not read: the panel asks the page nothing but its timeOrigin.
  const page = context.page ?? (!store.imported && store.pageUrl ? { url: store.pageUrl, title: null } : undefined);
  const report = currentReport(store, page ? { ...context, page } : context);
  const options = { includePersonalData: (context.includePersonalData ?? store.includePersonalData) === true };
  return REPORT_FORMATS[format].render(report, options);
}

/** `coveo-hub-report-2026-12-02T06-45-00.md`: the time of the export, the format's extension. */
export function exportFileName(format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return reportFileName(`coveo-hub-report-${stamp}`, format);
}

/** The MIME type of an exported file. */
export function exportMimeType(format: ExportFormat): string {
  return REPORT_FORMATS[format].mimeType;
}

/** Saves text as a file: Blob + object URL + `<a download>`. No network. */
export function downloadText(text: string, fileName: string, mimeType: string, doc: Document = document): void {
  const blob = new Blob([text], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noreferrer';
  a.style.display = 'none';
  doc.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }
}

/** Copies with the Clipboard API; false when it is missing or refused (often the case inside DevTools). */
export async function copyWithClipboard(text: string): Promise<boolean> {
  try {
    const clipboard = globalThis.navigator?.clipboard;
    if (!clipboard || typeof clipboard.writeText !== 'function') return false;
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The older way to copy, which DevTools panels usually still allow: a hidden, selected text area and
 * `document.execCommand('copy')`. Must run while the click that asked for it still counts as a user action.
 * The focus goes back where it was.
 */
export function copyWithExecCommand(text: string, doc: Document = document): boolean {
  if (typeof doc.execCommand !== 'function' || !doc.body) return false;
  const previous = doc.activeElement as HTMLElement | null;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.left = '-9999px';
  area.style.opacity = '0';
  doc.body.appendChild(area);
  try {
    area.focus({ preventScroll: true });
    area.select();
    return doc.execCommand('copy') === true;
  } catch {
    return false;
  } finally {
    area.remove();
    previous?.focus?.({ preventScroll: true });
  }
}

/** How a copy went: through the Clipboard API, through execCommand, or refused by both. */
export type CopyResult = 'clipboard' | 'execCommand' | 'refused';

/**
 * Copies text: the Clipboard API when it is there and allowed, else execCommand (see copyWithExecCommand).
 * Without a Clipboard API the fallback runs at once, inside the click.
 */
export async function copyText(text: string, doc: Document = document): Promise<CopyResult> {
  const clipboard = globalThis.navigator?.clipboard;
  if (clipboard && typeof clipboard.writeText === 'function' && (await copyWithClipboard(text))) return 'clipboard';
  return copyWithExecCommand(text, doc) ? 'execCommand' : 'refused';
}
