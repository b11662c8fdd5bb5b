/**
 * Coveo documentation pages the findings link to: each rule links to the page that documents what it checks
 * (looked up on docs.coveo.com; numeric ids are Coveo's stable article ids).
 */
export const DOCS = {
  /** Search tokens: generation on the server, searchHub / pipeline / validFor parameters, expiry. */
  searchToken: 'https://docs.coveo.com/en/56/build-a-search-ui/search-token-authentication',
  /** API keys in a search page: minimum privileges, public content only, a key limited to one search hub. */
  apiKeyAuth: 'https://docs.coveo.com/en/105/build-a-search-ui/api-key-authentication',
  /** API key templates ("Must remain private"), leading practices, limiting a key's scope. */
  manageApiKeys: 'https://docs.coveo.com/en/1718/manage-an-organization/manage-api-keys',
  /** Privilege reference (administrative domains, View all content). */
  privileges: 'https://docs.coveo.com/en/1707/manage-an-organization/privilege-reference',
  /** Routing mechanisms and their precedence: token, search interface, conditions. */
  pipelineRouting: 'https://docs.coveo.com/en/1666/',
  /** The routing algorithm step by step (token pipeline, then interface, then conditions, then default). */
  routingAlgorithm: 'https://docs.coveo.com/en/1507/',
  /** Query pipeline conditions (`$searchHub is "..."`). */
  pipelineConditions: 'https://docs.coveo.com/en/1959/',
  /** About the search hub: what it identifies and what depends on it. */
  searchHub: 'https://docs.coveo.com/en/o7qa1002',
  /** About Query Suggestions. */
  querySuggestions: 'https://docs.coveo.com/en/3386',
  /** Creating and managing a Query Suggestions model (per search hub). */
  querySuggestionsModel: 'https://docs.coveo.com/en/3398/',
  searchApi: 'https://docs.coveo.com/en/13/api-reference/search-api',
  contentSecurity: 'https://docs.coveo.com/en/1779/index-content/coveo-management-of-security-identities-and-item-permissions',
} as const;
