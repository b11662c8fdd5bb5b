import { DOCS } from './docs';
import type { PageRule } from './types';

export const skippedCoveoEntries: PageRule = {
  id: 'skipped-coveo-entries',
  severity: 'warning',
  scope: 'page',
  title: 'Coveo calls the analysis had to skip',
  why: 'Entries whose URL names a Coveo host or path were skipped because they lack the shape of a HAR request, so calls that may name a pipeline or carry another credential were never checked: the page cannot pass on the calls that were.',
  fix: 'Export the HAR again from the browser (DevTools Network panel, "Export HAR") or fix the converter that wrote these entries, then check again.',
  docs: DOCS.searchApi,
  check(_calls, context) {
    const skipped: { index: number; reason: string; source: string }[] = [];
    for (const source of context?.sources ?? []) {
      for (const m of source.malformed) if (m.looksLikeCoveo) skipped.push({ index: m.index, reason: m.reason, source: source.name });
    }
    if (skipped.length === 0) return [];
    const listed = skipped
      .slice(0, 5)
      .map((s) => `entry ${s.index}${context && context.sources.length > 1 ? ` of ${s.source}` : ''} (${s.reason})`)
      .join(', ');
    const more = skipped.length > 5 ? ` and ${skipped.length - 5} more` : '';
    return [
      {
        message: `${skipped.length} entr${skipped.length === 1 ? 'y' : 'ies'} that look like Coveo calls could not be analysed: ${listed}${more}.`,
        callIds: [],
      },
    ];
  },
};
