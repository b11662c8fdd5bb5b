import { credentialWord, verdictWord } from '../report/words';
import { DOCS } from './docs';
import type { PageRule } from './types';

export const suggestionsNotEnforced: PageRule = {
  id: 'suggestions-not-enforced',
  severity: 'warning',
  scope: 'page',
  title: 'Query suggestions not enforced like search',
  why: "Query suggestions are routed by hub too: if they are not enforced like the search calls, anyone can read the suggestions (past queries) of another hub's pipeline.",
  fix: "Use the same hub-enforcing search token for query suggestions as for search (Coveo's test procedure checks both).",
  docs: DOCS.querySuggestions,
  check(calls) {
    const out: { message: string; callIds: string[] }[] = [];
    const hubs = new Map<string, { search: (typeof calls)[number][]; qs: (typeof calls)[number][] }>();
    for (const call of calls) {
      if (call.kind !== 'search' && call.kind !== 'querySuggest') continue;
      const hub = call.searchHub.effective;
      if (hub === null) continue;
      const group = hubs.get(hub) ?? { search: [], qs: [] };
      (call.kind === 'search' ? group.search : group.qs).push(call);
      hubs.set(hub, group);
    }
    for (const [hub, { search, qs }] of hubs) {
      if (search.length === 0 || qs.length === 0) continue;
      if (!search.every((c) => c.verdict === 'enforced')) continue;
      const weak = qs.filter((c) => c.verdict !== 'enforced');
      if (weak.length === 0) continue;
      const verdicts = [...new Set(weak.map((c) => verdictWord(c.verdict)))].join(', ');
      const creds = [
        ...new Set(weak.map((c) => (c.credential.type === 'none' ? 'no credential' : `${credentialWord(c.credential.type)} ${c.credential.fingerprint}`))),
      ].join(', ');
      out.push({
        message: `Hub "${hub}": search calls are enforced but ${weak.length === 1 ? '1 query-suggestion call is' : `${weak.length} query-suggestion calls are`} ${verdicts} (${creds}).`,
        callIds: weak.map((c) => c.id),
      });
    }
    return out;
  },
};
