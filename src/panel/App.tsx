import { useEffect, useRef, useState } from 'preact/hooks';
import type { Platform, ProbeBridge } from '../devtools/platform';
import { CallList } from './components/CallList';
import { Detail } from './components/Detail';
import { Probe } from './components/Probe';
import { ErrorBoundary } from './components/ErrorBoundary';
import { SummaryBar } from './components/SummaryBar';
import { Toolbar } from './components/Toolbar';
import { copyText, downloadText, exportFileName, exportMimeType, exportText } from './export';
import { TOOL_VERSION } from '../core/version';
import { visible } from './format';
import type { PanelStore } from './store';

/** The keys the panel takes for itself wherever the focus is: Ctrl/Cmd+F (find) and Escape. */
export function panelShortcut(event: KeyboardEvent): 'find' | 'escape' | null {
  if (event.isComposing) return null; // an input method's own use of the key
  const key = event.key ?? '';
  if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && (key.toLowerCase() === 'f' || event.keyCode === 70)) return 'find';
  if (key === 'Escape' && !event.ctrlKey && !event.metaKey && !event.altKey) return 'escape';
  return null;
}

export interface AppProps {
  store: PanelStore;
  /** Null until the devtools page has linked the panel. */
  platform: Platform | null;
  /** The routing probe's permission and sender (absent: the probe is not offered, e.g. the demo). */
  probe?: ProbeBridge;
}

function useStore(store: PanelStore): void {
  const [, setVersion] = useState(store.version);
  useEffect(() => store.subscribe(() => setVersion(store.version)), [store]);
}

function useTheme(platform: Platform | null): void {
  useEffect(() => {
    if (!platform) return;
    const apply = (theme: string): void => {
      document.documentElement.dataset.theme = theme;
    };
    apply(platform.themeName());
    return platform.onThemeChanged(apply);
  }, [platform]);
}

function EmptyState({ platform }: { platform: Platform | null }) {
  return (
    <div class="empty" data-testid="empty-state">
      <p>
        The panel sees only the requests made while DevTools is open, none from before DevTools opened. Reload the page (or search on it) to capture its Coveo
        calls.
      </p>
      <button type="button" data-testid="reload-page" disabled={!platform} onClick={() => platform?.reloadInspected()}>
        Reload the inspected page
      </button>
      {!platform && <p class="muted">Waiting for DevTools to connect this panel…</p>}
    </div>
  );
}

function ImportedBanner({ store }: { store: PanelStore }) {
  const imported = store.imported;
  if (!imported) return null;
  const bad = imported.malformed;
  // A sanitized export (credentials stripped) is said here, where the file is named, not only among the findings.
  const stripped = store.analysis.pageFindings.find((f) => f.rule === 'har-without-credentials');
  return (
    <div class="imported" data-testid="imported-banner" role="status">
      <span>
        Imported file <strong>{visible(imported.name)}</strong>: {imported.calls.length} Coveo calls from {imported.entries} entries.
      </span>
      {stripped && (
        <span class="har-without-credentials" data-testid="har-without-credentials">
          {' '}
          This HAR carries no credentials (a sanitized export such as Chrome's "Export HAR (sanitized)"): the verdicts are unverifiable because the export
          removed the evidence. Ask for "Export HAR (with sensitive data)".
        </span>
      )}
      {bad.length > 0 && (
        <span class="bad-entries" data-testid="bad-entries">
          {' '}
          {bad.length} {bad.length === 1 ? 'entry was' : 'entries were'} skipped:{' '}
          {bad
            .slice(0, 5)
            .map((m) => `#${m.index} ${m.reason}`)
            .join('; ')}
          {bad.length > 5 ? `; and ${bad.length - 5} more` : ''}.
        </span>
      )}
      <button type="button" data-testid="back-to-live" onClick={() => store.backToLive()}>
        Back to live
      </button>
    </div>
  );
}

function Panel({ store, platform, probe }: AppProps) {
  useStore(store);
  useTheme(platform);
  const filterRef = useRef<HTMLInputElement>(null);
  const [fallback, setFallback] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const fallbackRef = useRef<HTMLTextAreaElement>(null);

  // The panel's own shortcuts are handled on `window` in the capture phase, and stopped there: DevTools injects
  // a `document` keydown listener into every extension page (forwardKeyboardEvent in extension_api.js) that
  // forwards Escape and Ctrl/Alt/Meta combinations to the DevTools front-end whatever preventDefault says, so
  // Escape would also open DevTools' console drawer and Ctrl+F its own search bar, both taking the focus.
  // Other keys go on untouched (DevTools' own shortcuts keep working from the panel).
  const fallbackOpen = useRef(false);
  fallbackOpen.current = fallback !== null;
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const action = panelShortcut(event);
      if (action === null) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (action === 'find') {
        filterRef.current?.focus();
        filterRef.current?.select();
      } else if (fallbackOpen.current) setFallback(null);
      else store.escape();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [store]);

  useEffect(() => {
    if (fallback !== null) fallbackRef.current?.select();
  }, [fallback]);

  const onExport = (format: 'markdown' | 'json'): void => {
    try {
      const text = exportText(store, format, { extensionVersion: TOOL_VERSION });
      downloadText(text, exportFileName(format), exportMimeType(format));
      setNotice(`Saved the ${format === 'markdown' ? 'Markdown' : 'JSON'} report.`);
    } catch (error) {
      store.setError(`Could not export: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const onCopyMarkdown = async (): Promise<void> => {
    let text: string;
    try {
      text = exportText(store, 'markdown', { extensionVersion: TOOL_VERSION });
    } catch (error) {
      store.setError(`Could not export: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if ((await copyText(text)) !== 'refused') {
      setFallback(null);
      setNotice('Copied the Markdown report.');
    } else {
      setNotice(null);
      setFallback(text);
    }
  };

  const onImportFile = async (file: File): Promise<void> => {
    try {
      const text = await file.text();
      await store.importHar(text, file.name);
    } catch (error) {
      store.setError(`Cannot read ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  // Dropping a HAR file anywhere on the panel imports it (listeners set directly: plain DOM event names).
  const rootRef = useRef<HTMLDivElement>(null);
  const importRef = useRef(onImportFile);
  importRef.current = onImportFile;
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const onDragOver = (event: Event): void => event.preventDefault();
    const onDrop = (event: Event): void => {
      event.preventDefault();
      const file = (event as DragEvent).dataTransfer?.files?.[0];
      if (file) void importRef.current(file);
    };
    root.addEventListener('dragover', onDragOver);
    root.addEventListener('drop', onDrop);
    return () => {
      root.removeEventListener('dragover', onDragOver);
      root.removeEventListener('drop', onDrop);
    };
  }, []);

  const rows = store.rows;
  const selected = store.detailOpen ? store.selected : null;
  // The dataset as rendered: a probe answers into the one it was started from (store.applyProbe).
  const dataset = store.dataset;
  const hasData = store.calls.length > 0 || store.imported !== null;

  return (
    <div class="app" ref={rootRef}>
      <Toolbar
        store={store}
        filterRef={filterRef}
        onExport={onExport}
        onCopyMarkdown={() => void onCopyMarkdown()}
        onImportFile={(file) => void onImportFile(file)}
      />
      {store.error && (
        <p class="error" role="alert" data-testid="error-message">
          {visible(store.error)}{' '}
          <button type="button" aria-label="Dismiss the error" onClick={() => store.setError(null)}>
            ✕
          </button>
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {fallback !== null && (
        <div class="copy-fallback">
          <p>Copying was refused inside DevTools: the report is selected below, press Ctrl+C (⌘C on Mac) to copy it.</p>
          <textarea ref={fallbackRef} data-testid="copy-fallback" readOnly value={fallback} aria-label="Report to copy" rows={6} />
          <button type="button" onClick={() => setFallback(null)}>
            Close
          </button>
        </div>
      )}
      {store.importing && (
        <p class="notice import-progress" role="status" data-testid="import-progress">
          {store.importing.total === 0
            ? `Reading ${store.importing.name}…`
            : `Analysing ${store.importing.name}: ${store.importing.done.toLocaleString('en-US')} of ${store.importing.total.toLocaleString('en-US')} entries…`}
        </p>
      )}
      <ImportedBanner store={store} />
      <SummaryBar summary={store.summary} collapsed={store.checklistCollapsed} onToggleCollapsed={(c) => store.setChecklistCollapsed(c)} />
      {store.dropped > 0 && !store.imported && (
        <p class="dropped" data-testid="dropped-note">
          {store.dropped} older calls dropped (the panel keeps the latest {store.cap}; change it in Settings).
        </p>
      )}
      <main class={`body${selected ? ' with-detail' : ''}`}>
        {hasData ? (
          <>
            {rows.length === 0 && <p class="muted no-match">No call matches the filters.</p>}
            <CallList store={store} rows={rows} />
          </>
        ) : (
          <EmptyState platform={platform} />
        )}
        {selected && (
          <Detail
            key={selected.id}
            call={selected}
            raw={store.rawCredentials(selected.id)}
            onClose={() => store.escape()}
            probe={
              <Probe
                call={selected}
                entry={store.probeEntry(selected.id)}
                calls={store.calls}
                entryOf={(c) => store.probeEntry(c.id)}
                bridge={probe}
                onResult={(p) => store.applyProbe(p, dataset)}
              />
            }
          />
        )}
      </main>
    </div>
  );
}

export function App(props: AppProps) {
  return (
    <ErrorBoundary
      onReset={() => {
        // The error may come from drawing the selected call: start again from the list (the data stays).
        props.store.select(null);
        props.store.setError(null);
      }}
    >
      <Panel {...props} />
    </ErrorBoundary>
  );
}
