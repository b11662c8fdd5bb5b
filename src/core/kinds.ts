/**
 * Endpoint kinds as data: one entry per kind of Coveo call. The `CallKind` type, the kinds the search hub routes,
 * the kinds whose response body the analysis reads and the path tables the recogniser uses all derive from this
 * table, so a new kind is one entry here (and its test).
 */
import type { CoveoApi } from './types';

export interface KindDescriptor {
  readonly kind: string;
  /** The kind as a person reads it before "call" in a sentence ("query-suggestion call"). */
  readonly word: string;
  /** The API family its calls belong to (`other` calls take theirs from the path). */
  readonly api: CoveoApi;
  /** The search hub routes these calls: a verdict applies (otherwise `not-applicable`). */
  readonly hubRouted: boolean;
  /** A call of this kind that names no hub at all is an error (`no-search-hub`). */
  readonly hubRequired: boolean;
  /** The response body says something the analysis uses (pipeline, searchUid, errors): capture reads it. */
  readonly readsResponse: boolean;
  /** The path segment after the Search API v2 base (`/rest/search/v2/{segment}`, lowercase). */
  readonly searchSegment?: string;
  /** Also recognised as the last path segment of a Headless proxy base (`search.proxyBaseUrl`). */
  readonly proxySegment?: boolean;
  /** Path prefixes after `/rest/organizations/{org}` (lowercase). */
  readonly orgPrefixes?: readonly string[];
}

export const KINDS = [
  { kind: 'search', word: 'search', api: 'search', hubRouted: true, hubRequired: true, readsResponse: true },
  {
    kind: 'querySuggest',
    word: 'query-suggestion',
    api: 'search',
    hubRouted: true,
    hubRequired: true,
    readsResponse: true,
    searchSegment: 'querysuggest',
    proxySegment: true,
  },
  {
    kind: 'facetSearch',
    word: 'facet-search',
    api: 'search',
    hubRouted: true,
    hubRequired: true,
    readsResponse: true,
    searchSegment: 'facet',
    proxySegment: true,
  },
  { kind: 'html', word: 'HTML preview', api: 'search', hubRouted: false, hubRequired: false, readsResponse: false, searchSegment: 'html', proxySegment: true },
  { kind: 'plan', word: 'query-plan', api: 'search', hubRouted: true, hubRequired: false, readsResponse: true, searchSegment: 'plan', proxySegment: true },
  {
    kind: 'values',
    word: 'field-values',
    api: 'search',
    hubRouted: true,
    hubRequired: false,
    readsResponse: true,
    searchSegment: 'values',
    proxySegment: true,
  },
  {
    kind: 'fields',
    word: 'field-list',
    api: 'search',
    hubRouted: false,
    hubRequired: false,
    readsResponse: false,
    searchSegment: 'fields',
    proxySegment: true,
  },
  { kind: 'token', word: 'token-request', api: 'search', hubRouted: false, hubRequired: false, readsResponse: false, searchSegment: 'token' },
  { kind: 'commerce', word: 'Commerce', api: 'commerce', hubRouted: false, hubRequired: false, readsResponse: true, orgPrefixes: ['/commerce/'] },
  {
    kind: 'insight',
    word: 'Insight',
    api: 'insight',
    hubRouted: false,
    hubRequired: false,
    readsResponse: true,
    orgPrefixes: ['/insight/', '/machinelearning/user/actions'],
  },
  {
    kind: 'caseAssist',
    word: 'Case Assist',
    api: 'caseAssist',
    hubRouted: false,
    hubRequired: false,
    readsResponse: true,
    orgPrefixes: ['/caseassists/', '/caseassist/'],
  },
  { kind: 'answer', word: 'answer', api: 'answer', hubRouted: true, hubRequired: true, readsResponse: false, orgPrefixes: ['/answer/'] },
  // The GET that streams a generated answer carries no hub: it streams the answer of a search already routed.
  {
    kind: 'answerStream',
    word: 'answer-stream',
    api: 'answer',
    hubRouted: false,
    hubRequired: false,
    readsResponse: false,
    orgPrefixes: ['/machinelearning/streaming/'],
  },
  // Usage Analytics v15 (`/rest/ua/v15/analytics/...`): recognised by the analytics paths in endpoints.ts.
  { kind: 'analytics', word: 'analytics', api: 'analytics', hubRouted: false, hubRequired: false, readsResponse: false },
  { kind: 'events', word: 'event', api: 'events', hubRouted: false, hubRequired: false, readsResponse: false, orgPrefixes: ['/events/v1'] },
  { kind: 'other', word: 'Coveo', api: 'platform', hubRouted: false, hubRequired: false, readsResponse: false },
] as const satisfies readonly KindDescriptor[];

export type CallKind = (typeof KINDS)[number]['kind'];

/** Every kind, in the table's order (the panel's kind filter lists them so). */
export const CALL_KINDS: readonly CallKind[] = KINDS.map((d) => d.kind);

const kindsWhere = (test: (d: KindDescriptor) => boolean): ReadonlySet<CallKind> =>
  new Set<CallKind>(KINDS.filter((d: KindDescriptor) => test(d)).map((d) => d.kind));

/** Kinds whose routing the search hub decides. */
/** Each kind's sentence word ("query-suggestion"). */
export const KIND_WORDS: Readonly<Record<CallKind, string>> = Object.fromEntries(KINDS.map((d) => [d.kind, d.word])) as Record<CallKind, string>;
export const HUB_KINDS: ReadonlySet<CallKind> = kindsWhere((d) => d.hubRouted);
/** Kinds that must name a search hub somewhere (`no-search-hub`). */
export const HUB_REQUIRED_KINDS: ReadonlySet<CallKind> = kindsWhere((d) => d.hubRequired);
/** Kinds whose response body the analysis uses, so capture waits for it. */
export const RESPONSE_KINDS: ReadonlySet<CallKind> = kindsWhere((d) => d.readsResponse);

export interface KindApi {
  kind: CallKind;
  api: CoveoApi;
}

const entry = (d: (typeof KINDS)[number]): KindApi => ({ kind: d.kind, api: d.api });

/** `/rest/search/v2/{segment}` -> kind. */
export const SEARCH_SEGMENTS: ReadonlyMap<string, KindApi> = new Map(
  KINDS.flatMap((d: (typeof KINDS)[number]) => ('searchSegment' in d ? [[d.searchSegment, entry(d)] as const] : [])),
);
/** Search API segments that are administrative, not search calls. */
export const SEARCH_SEGMENTS_OTHER: ReadonlyMap<string, KindApi> = new Map([['admin', { kind: 'other', api: 'platform' }]]);

/** Last segments of a Headless proxy base that name a sub-kind (`{proxyBase}/querySuggest`). */
export const PROXY_SEGMENTS: ReadonlySet<string> = new Set(
  KINDS.flatMap((d: (typeof KINDS)[number]) => ('proxySegment' in d && d.proxySegment ? [d.searchSegment] : [])),
);

/** `/rest/organizations/{org}{prefix}...` -> kind. */
export const ORG_PREFIXES: readonly (readonly [string, KindApi])[] = KINDS.flatMap((d: (typeof KINDS)[number]) =>
  'orgPrefixes' in d ? d.orgPrefixes.map((p) => [p, entry(d)] as const) : [],
);

/**
 * Paths under `/rest/organizations/{org}` matched before the prefixes: calls of a client API that are `other`.
 * Answer feedback (`/answer/v1/configs/{id}/evaluations`) carries no hub by design: not hub-routed.
 */
export const ORG_PATHS_OTHER: readonly (readonly [RegExp, KindApi])[] = [
  [/^\/answer\/v\d+\/configs\/[^/]+\/evaluations\/?$/, { kind: 'other', api: 'answer' }],
  [/^\/(?:searchinterfaces\/|searchpage)/, { kind: 'other', api: 'search' }],
];
