// Types for scripts/devtools-panel.mjs, so the TypeScript e2e harness can import it.
export const PANEL_TITLE: string;
export function showPanelScript(title: string, timeoutMs: number): string;
