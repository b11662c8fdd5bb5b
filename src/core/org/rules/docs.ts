/** Coveo documentation pages the organization findings link to. */
export const ORG_DOCS = {
  pipelineRouting: 'https://docs.coveo.com/en/1666/tune-relevance/query-pipeline-routing-mechanisms-and-rules',
  saferRouting: 'https://docs.coveo.com/en/3296/',
  conditions: 'https://docs.coveo.com/en/1959/',
  manageApiKeys: 'https://docs.coveo.com/en/1718/manage-an-organization/manage-api-keys',
  privileges: 'https://docs.coveo.com/en/1707/manage-an-organization/privilege-reference',
  apiKeyAuth: 'https://docs.coveo.com/en/105/build-a-search-ui/api-key-authentication',
} as const;
