/**
 * Published identifiers (call kinds, credential locations, verdicts) as a person reads them in a sentence.
 * Ids stay ids in the JSON and in their own column; sentences use these words.
 */
import { KIND_WORDS } from '../kinds';
import type { CredentialLocation, CredentialType, Verdict } from '../types';

export { KIND_WORDS };

/** "search call", "query-suggestion call": the kind as an adjective before "call". */
export function kindWord(kind: string): string {
  return (KIND_WORDS as Record<string, string>)[kind] ?? kind;
}

export const LOCATION_WORDS: Record<CredentialLocation, string> = {
  'authorization-header': 'the Authorization header',
  'url-access_token': 'the access_token URL parameter',
  'url-accessToken': 'the accessToken URL parameter',
  'form-access_token': 'the access_token form field',
  'body-searchContext.accessToken': 'searchContext.accessToken in the body',
  'body-accessToken': 'accessToken in the body',
};

/** Where a credential travelled, as words: "the Authorization header". */
export function locationWords(location: string | null | undefined): string {
  if (location === null || location === undefined) return 'no known place';
  return (LOCATION_WORDS as Record<string, string>)[location] ?? location;
}

export const CREDENTIAL_WORDS: Record<CredentialType, string> = {
  'search-token': 'search token',
  'api-key': 'API key',
  jwt: 'JWT',
  basic: 'Basic credentials',
  opaque: 'unrecognised credential',
  none: 'no credential',
};

export function credentialWord(type: string): string {
  return (CREDENTIAL_WORDS as Record<string, string>)[type] ?? type;
}

export const VERDICT_WORDS: Record<Verdict, string> = {
  enforced: 'enforced',
  unenforced: 'not enforced',
  unverifiable: 'unverifiable',
  'not-applicable': 'not applicable',
};

export function verdictWord(verdict: string): string {
  return (VERDICT_WORDS as Record<string, string>)[verdict] ?? verdict;
}

/** `3 calls`, `1 call`: a count with the right singular or plural. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** `c4, c8, c12 (3 calls)`, or the first `max` ids then `… 12 calls` when there are more. */
export function callList(ids: readonly string[], max = 6): string {
  if (ids.length === 0) return '';
  if (ids.length <= max) return ids.length === 1 ? (ids[0] as string) : `${ids.join(', ')} (${plural(ids.length, 'call')})`;
  return `${ids.slice(0, max).join(', ')} … ${plural(ids.length, 'call')}`;
}
