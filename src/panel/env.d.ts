/** Defined by esbuild: true only in the test build (exposes the panel state to browser tests). */
declare const __E2E__: boolean;

interface Window {
  __coveoHubState?: () => { calls: import('../core/index').CallReport[]; summary: import('../core/index').Summary };
}
