// The test world's names: its org, hosts, API keys, token signing secret and page scenarios (test values).

export const ORG = 'acmeprod';
export const SHOP_HOST = 'shop.example.test';
export const PLATFORM_HOST = 'platform.cloud.coveo.com';
export const ORG_HOST = `${ORG}.org.coveo.com`;
export const ANALYTICS_HOST = `${ORG}.analytics.org.coveo.com`;
/** The API key the `api-key` scenario exposes in the page (test value, not a real key). */
export const PAGE_API_KEY = 'xx7c3e9a51-2b4d-4f6e-8a1c-0d9e8f7a6b5c';
/** The API key the shop's proxy adds server-side (never reaches the browser). */
export const PROXY_API_KEY = 'xx0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d';
/** An API key whose scope is limited to the hub `ACMEPublic` (the `api-key-scoped` scenario exposes it). */
export const SCOPED_API_KEY = 'xx5e8d2c4b-9a7f-4b3e-8d1c-2f6a0b9c8e7d';
/** HS256 signing secret of the stand-in's search tokens (test value). */
export const TOKEN_SECRET = new TextEncoder().encode('coveo-hub-inspector test world signing secret');

export const SCENARIOS = [
  'token-hub',
  'token-nohub',
  'token-pipeline',
  'token-expired',
  'token-mismatch',
  'api-key',
  'api-key-scoped',
  'proxy',
  'token-hub-pipeline',
  'proxy-long-history',
];
