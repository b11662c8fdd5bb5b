import { plural } from '../report/words';
import { DOCS } from './docs';
import type { PageRule } from './types';

export const suggestionsNotObserved: PageRule = {
  id: 'suggestions-not-observed',
  severity: 'info',
  scope: 'page',
  title: 'No query suggestions observed yet',
  why: 'Query suggestions are a separate call with its own credential and hub; a check that never saw them has not covered them.',
  fix: 'Type in the search box to trigger query suggestions, then check again.',
  docs: DOCS.querySuggestionsModel,
  check(calls) {
    const searchHubs = new Map<string, string[]>();
    const qsHubs = new Set<string>();
    for (const call of calls) {
      const hub = call.searchHub.effective ?? '';
      if (call.kind === 'search') {
        // Appended in place: copying the list per call made this quadratic on long sessions.
        const ids = searchHubs.get(hub);
        if (ids) ids.push(call.id);
        else searchHubs.set(hub, [call.id]);
      }
      if (call.kind === 'querySuggest') qsHubs.add(hub);
    }
    const out: { message: string; callIds: string[] }[] = [];
    for (const [hub, ids] of searchHubs) {
      if (qsHubs.has(hub)) continue;
      out.push({ message: `${hub ? `Hub "${hub}"` : 'Calls without a hub'}: ${plural(ids.length, 'search call')} seen, no query suggestions.`, callIds: ids });
    }
    return out;
  },
};
