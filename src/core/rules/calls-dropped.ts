import { DOCS } from './docs';
import type { PageRule } from './types';

/** Live capture keeps the latest calls up to a cap: the older ones are gone, and so are their verdicts. */
export const callsDropped: PageRule = {
  id: 'calls-dropped',
  severity: 'warning',
  scope: 'page',
  title: 'Coveo calls dropped before they could be counted',
  why: 'The panel kept only its latest calls and dropped older ones (over its cap, or before it opened): an unenforced search among them is no longer counted, so the page cannot pass on the calls that were kept.',
  fix: 'Raise "Calls kept" in Settings (or open the panel before the page loads), reload the page and check again; for a long session, export a HAR and check it with the CLI.',
  docs: DOCS.searchApi,
  check(_calls, context) {
    let dropped = 0;
    for (const source of context?.sources ?? []) dropped += typeof source.droppedCalls === 'number' && source.droppedCalls > 0 ? source.droppedCalls : 0;
    if (dropped === 0) return [];
    return [
      {
        message: `${dropped} older Coveo call${dropped === 1 ? ' was' : 's were'} dropped from the capture and ${dropped === 1 ? 'is' : 'are'} not counted in this page's verdict.`,
        callIds: [],
      },
    ];
  },
};
