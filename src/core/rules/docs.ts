/** Coveo documentation pages the findings link to. */
export const DOCS = {
  searchToken: 'https://docs.coveo.com/en/56/build-a-search-ui/search-token-authentication',
  apiKeyAuth: 'https://docs.coveo.com/en/105/build-a-search-ui/api-key-authentication',
  manageApiKeys: 'https://docs.coveo.com/en/1718/manage-an-organization/manage-api-keys',
  privileges: 'https://docs.coveo.com/en/1707/manage-an-organization/privilege-reference',
  pipelineRouting: 'https://docs.coveo.com/en/1666/tune-relevance/query-pipeline-routing-mechanisms-and-rules',
  searchHub: 'https://docs.coveo.com/en/1342/',
  querySuggestions: 'https://docs.coveo.com/en/1015/tune-relevance/coveo-machine-learning-query-suggestions',
  searchApi: 'https://docs.coveo.com/en/13/api-reference/search-api',
  contentSecurity: 'https://docs.coveo.com/en/1779/index-content/coveo-management-of-security-identities-and-item-permissions',
} as const;
