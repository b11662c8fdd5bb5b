// The panel side of the Firefox harness: chrome-context scripts (Firefox internals: keep them small) that open
// the extension's panel in the toolbox and read its document.
import type { RowState } from './chromium';

export interface PanelSnapshot {
  ready: boolean;
  rows: RowState[];
  /** `hub:state` per hub of the coverage checklist (`ok`, `no`, `review`, `todo`, `pinned`). */
  coverage?: string[];
  summary: string | null;
  text: string;
}

const TOOLBOX = `
  const { require } = ChromeUtils.importESModule('resource://devtools/shared/loader/Loader.sys.mjs');
  const { gDevTools } = require('devtools/client/framework/devtools');
  const tab = window.gBrowser.selectedTab;`;

export const OPEN_PANEL = `${TOOLBOX}
  const [addonId, timeoutMs] = arguments;
  return (async () => {
    const toolbox = await gDevTools.showToolboxForTab(tab, { toolId: 'webconsole' });
    const prefix = 'webext-devtools-panel-';
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const tools = toolbox.getAdditionalTools();
      const tool = tools.find((t) => t.id.startsWith(prefix) && t.id.includes(addonId)) || tools.find((t) => t.id.startsWith(prefix));
      if (tool) {
        await toolbox.selectTool(tool.id);
        return tool.id;
      }
      if (Date.now() > deadline) throw new Error('no extension panel in the toolbox; tools: ' + tools.map((t) => t.id).join(', '));
      await new Promise((r) => window.setTimeout(r, 100));
    }
  })();`;

// The panel lives in the extension's content process: the chrome context cannot touch its DOM, but
// the panel <browser>'s message manager can run a one-shot frame script inside it that queries the
// [data-testid] hooks and sends the answer back.
export function panelReader(): string {
  const name = `chi-e2e:panel:${Math.random().toString(36).slice(2)}`;
  const inPanel = `(() => {
    const doc = content.document;
    const rows = [...doc.querySelectorAll('[data-testid="call-row"]')].map((r) => ({ kind: r.getAttribute('data-kind'), verdict: r.getAttribute('data-verdict'), hubSource: r.getAttribute('data-hub-source') }));
    const coverage = [...doc.querySelectorAll('[data-testid="summary"] [data-hub]')].map((h) => {
      const both = h.querySelector('[data-testid="coverage-both"], [data-testid="coverage-pinned"]');
      return h.getAttribute('data-hub') + ':' + (both ? both.getAttribute('data-check') : h.getAttribute('data-check'));
    });
    const summary = doc.querySelector('[data-testid="summary"]');
    sendAsyncMessage(${JSON.stringify(name)}, {
      ready: doc.readyState === 'complete' && !!doc.getElementById('app') && doc.getElementById('app').childElementCount > 0,
      rows,
      coverage,
      summary: summary ? summary.getAttribute('data-verdict') : null,
      text: doc.body ? doc.body.innerText.slice(0, 4000) : '',
    });
  })()`;
  return `${TOOLBOX}
  const empty = { ready: false, rows: [], summary: null, text: '' };
  const toolbox = gDevTools.getToolboxForTab(tab);
  if (!toolbox) return empty;
  const frame = [...toolbox.doc.querySelectorAll('iframe')].find((f) => f.id.startsWith('toolbox-panel-iframe-webext-devtools-panel-'));
  const browser = frame && frame.contentDocument && frame.contentDocument.querySelector('browser');
  if (!browser || !browser.messageManager || !browser.currentURI.spec.endsWith('/panel.html')) return empty;
  const mm = browser.messageManager;
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => done(empty), 2000);
    const done = (value) => {
      window.clearTimeout(timer);
      mm.removeMessageListener(${JSON.stringify(name)}, listener);
      resolve(value);
    };
    const listener = (message) => done(message.data);
    mm.addMessageListener(${JSON.stringify(name)}, listener);
    mm.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(inPanel)}), false);
  });`;
}
