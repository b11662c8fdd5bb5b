// Shows an extension's panel in a Chromium DevTools front-end: the script runs inside the DevTools page
// (devtools://devtools/bundled/...) and uses DevTools' private, version-bound UI API, so it is kept small and in one
// place, for `npm start` and the e2e harness alike. It is a string because vitest would rewrite a real import().

/** The DevTools panel title of the extension (src/devtools/devtools.ts creates it). */
export const PANEL_TITLE = 'Coveo Hub';

/** Source of an async expression that selects the `title` tab within `timeoutMs`, resolving to its id. */
export function showPanelScript(title, timeoutMs) {
  return `(async () => {
    const UI = await import('devtools://devtools/bundled/ui/legacy/legacy.js');
    const deadline = Date.now() + ${Number(timeoutMs)};
    let seen = [];
    while (Date.now() < deadline) {
      const view = UI.InspectorView.InspectorView.maybeGetInspectorViewInstance();
      const pane = view && view.tabbedPane;
      const tabs = pane ? (pane.tabs || []) : [];
      seen = tabs.map((t) => t.title);
      const tab = tabs.find((t) => t.title === ${JSON.stringify(title)});
      if (tab) {
        await view.showPanel(tab.id);
        return tab.id;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('DevTools has no ' + ${JSON.stringify(JSON.stringify(title))} + ' tab after ${Number(timeoutMs)} ms; tabs: ' + seen.join(', '));
  })()`;
}
