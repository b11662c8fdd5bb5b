import { kindWord } from '../report/words';
import { names } from '../values';
import { DOCS } from './docs';
import { HUB_KINDS } from '../verdict';
import type { PageRule } from './types';
import type { CallReport } from '../types';

interface Group {
  ids: string[];
  onSearch: boolean;
  kinds: Set<string>;
  first: CallReport;
  sample: CallReport | null;
}

export const hublessTokenReplayable: PageRule = {
  id: 'hubless-token-replayable',
  severity: 'warning',
  scope: 'page',
  title: 'Hub-less search token exposed on non-search calls',
  why: 'A search token is a Search API credential whatever page it serves: without a searchHub claim it can be replayed against /rest/search/v2 with any hub in the body.',
  fix: 'Mint the token with a searchHub claim even when the page only uses Commerce, Insight, Case Assist or analytics calls.',
  docs: DOCS.searchToken,
  check(calls) {
    // One pass (issue 15): each group keeps its first call and its first call whose primary credential is this
    // token and that carries a decoded token, as they come in `calls` order (call ids are unique).
    const byToken = new Map<string, Group>();
    for (const call of calls) {
      for (const cred of call.credentials) {
        if (cred.type !== 'search-token' || cred.fingerprint === null) continue;
        const fp = cred.fingerprint;
        let group = byToken.get(fp);
        if (!group) {
          group = { ids: [], onSearch: false, kinds: new Set<string>(), first: call, sample: null };
          byToken.set(fp, group);
        }
        // A group with a search call is skipped below, so a search call is never its sample: its token is not read.
        if (HUB_KINDS.has(call.kind)) group.onSearch = true;
        else if (group.sample === null && call.credential.fingerprint === fp && call.token) group.sample = call;
        group.ids.push(call.id);
        group.kinds.add(call.kind);
      }
    }
    const out: { message: string; callIds: string[] }[] = [];
    for (const [fp, group] of byToken) {
      if (group.onSearch) continue; // search calls carry their own token-missing-search-hub finding
      const claims = group.sample?.token?.claims ?? group.first.token?.claims;
      if (!claims) continue;
      const hub = claims.searchHub;
      const pipeline = claims.pipeline;
      // One meaning with the verdict: a blank or whitespace claim names nothing; a non-string hub claim is
      // "unknown how Coveo reads it" there, so no claim of replayability here either.
      if (names(hub) || names(pipeline)) continue;
      if (hub !== undefined && hub !== null && typeof hub !== 'string') continue;
      out.push({
        message: `Search token ${fp} has no searchHub claim and is sent on ${[...group.kinds].map(kindWord).join(', ')} calls; it could be replayed against the Search API with any hub.`,
        callIds: group.ids,
      });
    }
    return out;
  },
};
