import type { Ref } from 'preact';
import { CALL_KINDS, VERDICTS } from '../../core/index';
import { REPORT_FORMATS } from '../../core/report/formats';
import { VERDICT_LABEL } from '../format';
import { MAX_CAP, MIN_CAP } from '../store';
import type { PanelStore } from '../store';

export interface ToolbarProps {
  store: PanelStore;
  filterRef: Ref<HTMLInputElement>;
  onExport: (format: 'markdown' | 'json') => void;
  onCopyMarkdown: () => void;
  onImportFile: (file: File) => void;
}

/** The report files the toolbar saves, in its order (their extension and name come from the format table). */
const SAVE_AS = (['markdown', 'json'] as const).map((format) => ({ format, ext: REPORT_FORMATS[format].extension, name: REPORT_FORMATS[format].label }));

interface FilterSelectProps<T extends string> {
  label: string;
  testid: string;
  value: T;
  options: ReadonlyArray<{ value: T; text: string }>;
  onChange: (value: T) => void;
}

/** One of the toolbar's filter menus: its options are the only values it hands back. */
function FilterSelect<T extends string>({ label, testid, value, options, onChange }: FilterSelectProps<T>) {
  return (
    <select aria-label={label} data-testid={testid} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as T)}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.text}
        </option>
      ))}
    </select>
  );
}

export function Toolbar({ store, filterRef, onExport, onCopyMarkdown, onImportFile }: ToolbarProps) {
  const present = new Set(store.kinds);
  return (
    <div class="toolbar" role="toolbar" aria-label="Panel controls">
      <input
        ref={filterRef}
        type="search"
        class="filter"
        placeholder="Filter: hub, org, URL…"
        aria-label="Filter calls by text"
        data-testid="filter-input"
        value={store.filters.text}
        onInput={(e) => store.setFilters({ text: (e.currentTarget as HTMLInputElement).value })}
      />
      <FilterSelect
        label="Filter by verdict"
        testid="verdict-filter"
        value={store.filters.verdict}
        options={[{ value: 'all', text: 'All verdicts' }, ...VERDICTS.map((v) => ({ value: v, text: VERDICT_LABEL[v] }))]}
        onChange={(verdict) => store.setFilters({ verdict })}
      />
      <FilterSelect
        label="Filter by kind"
        testid="kind-filter"
        value={store.filters.kind}
        options={[{ value: 'all', text: 'All kinds' }, ...CALL_KINDS.map((k) => ({ value: k, text: present.has(k) ? k : `${k} (none)` }))]}
        onChange={(kind) => store.setFilters({ kind })}
      />
      <label class="check-label">
        <input
          type="checkbox"
          data-testid="preserve-log"
          checked={store.preserveLog}
          onChange={(e) => store.setPreserveLog((e.currentTarget as HTMLInputElement).checked)}
        />{' '}
        Preserve log
      </label>
      <button type="button" onClick={() => store.clearLive()} aria-label="Clear the captured calls">
        Clear
      </button>
      <span class="sep" aria-hidden="true" />
      {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of toolbar buttons, not form fields (fieldset is for those and brings its own box and legend) */}
      <span class="tb-group" role="group" aria-label="Report of the calls shown">
        <span class="tb-label" aria-hidden="true">
          Report
        </span>
        {SAVE_AS.map(({ format, ext, name }) => (
          <button
            key={format}
            type="button"
            data-testid={`export-${format}`}
            title={`Save the report as a ${name} file`}
            aria-label={`Save the report as ${name}`}
            onClick={() => onExport(format)}
          >
            Save .{ext}
          </button>
        ))}
        <button type="button" data-testid="copy-markdown" title="Copy the report as Markdown" aria-label="Copy the report as Markdown" onClick={onCopyMarkdown}>
          Copy .md
        </button>
      </span>
      <label class="import-label" title="Open a HAR file (or drop it on the panel)">
        Open HAR…
        <input
          type="file"
          accept=".har,.json,application/json"
          data-testid="import-input"
          aria-label="Open a HAR file"
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (file) onImportFile(file);
            input.value = '';
          }}
        />
      </label>
      <details class="settings">
        <summary>Settings</summary>
        <label>
          Keep at most{' '}
          <input
            type="number"
            min={MIN_CAP}
            max={MAX_CAP}
            step={100}
            data-testid="cap-input"
            aria-label="Maximum number of calls kept"
            value={store.cap}
            onChange={(e) => store.setCap(Number((e.currentTarget as HTMLInputElement).value))}
          />{' '}
          calls
        </label>
        <label title="Decoded claims such as userIds, userDisplayName, user groups and e-mail addresses are redacted in saved and copied reports unless this is on">
          <input
            type="checkbox"
            data-testid="include-personal-data"
            checked={store.includePersonalData}
            onChange={(e) => store.setIncludePersonalData((e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          Personal data in exports
        </label>
      </details>
    </div>
  );
}
