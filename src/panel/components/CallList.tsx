// The list is an ARIA grid on divs, virtualised (absolutely placed rows), with the focus kept on the grid and the
// selected row named by aria-activedescendant; arrow keys and Enter on the grid are the keyboard path for a row's click.
// biome-ignore-all lint/a11y/useSemanticElements: virtualised rows are absolutely placed blocks; table elements restyled so lose their native roles in some browsers, explicit ARIA roles keep them
// biome-ignore-all lint/a11y/useFocusableInteractive: rows and cells are not focus stops in an aria-activedescendant grid; the grid itself has tabIndex 0
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CallReport } from '../../core/index';
import { VERDICT_LABEL, clockTime, credentialShort, credentialTitle, endpointText, hubOrigin, visible } from '../format';
import type { PanelStore, Row } from '../store';

/** Fixed row height (px, matches panel.css) and rows drawn beyond each edge of the viewport. */
export const ROW_HEIGHT = 24;
export const OVERSCAN = 8;
/** Used until the list is measured (and where layout is not available, as in tests). */
export const FALLBACK_VIEWPORT = 480;

export function visibleRange(scrollTop: number, viewport: number, total: number): [number, number] {
  const height = viewport > 0 ? viewport : FALLBACK_VIEWPORT;
  // The list may have shrunk (filter, navigation) since the last scroll event: clamp like the browser will.
  const top = Math.max(0, Math.min(scrollTop, total * ROW_HEIGHT - height));
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
  return [first, Math.max(first, last)];
}

/**
 * The DOM id of a call's row, for aria-activedescendant: stable, unique per call id, and a valid id token (every
 * character outside [A-Za-z0-9-] is written `_<hex code unit>_`, so two call ids never give the same row id).
 */
export function rowDomId(callId: string): string {
  return `chi-row-${callId.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`)}`;
}

/** The columns, in order; the header and every row lay them out on the same grid (panel.css, .row). */
const COLUMNS = [
  { cls: 'col-time', label: 'Time', title: 'Time the request started' },
  { cls: 'col-kind', label: 'Kind', title: 'Kind of Coveo call' },
  { cls: 'col-endpoint', label: 'Host + path', title: 'Host and path the request went to (a proxy shows the site’s own host)' },
  { cls: 'col-org', label: 'Organization', title: 'Coveo organization' },
  {
    cls: 'col-hub',
    label: 'Hub (source)',
    title: 'Search hub and where it comes from: ◆ token claim, ✎ request body or URL only, — none; ≠ the request names another hub than the token',
  },
  { cls: 'col-cred', label: 'Credential', title: 'Credential type and fingerprint (hover a cell for the whole fingerprint)' },
  { cls: 'col-verdict', label: 'Verdict', title: 'Is the hub enforced by the credential?' },
  { cls: 'col-status', label: 'Status', title: 'HTTP status' },
] as const;

function CallRow({ call, index, selected, onSelect }: { call: CallReport; index: number; selected: boolean; onSelect: (id: string, open: boolean) => void }) {
  const status = call.response.status;
  const org = visible(call.organizationId ?? '—');
  const hub = hubOrigin(call);
  const endpoint = endpointText(call);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the grid's onKeyDown (arrow keys, Enter) selects and opens rows from the keyboard
    <div
      id={rowDomId(call.id)}
      class={`row call-row${selected ? ' selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="call-row"
      data-kind={call.kind}
      data-verdict={call.verdict}
      data-id={call.id}
      data-hub-source={hub.kind}
      data-hub-conflict={hub.conflict ? 'true' : undefined}
      style={{ top: `${index * ROW_HEIGHT}px` }}
      onClick={() => onSelect(call.id, true)}
    >
      <span role="gridcell" class="col-time">
        {clockTime(call.startedDateTime)}
      </span>
      <span role="gridcell" class="col-kind" title={call.kind}>
        {call.kind}
      </span>
      <span role="gridcell" class="col-endpoint" title={visible(call.url)}>
        {endpoint}
      </span>
      <span role="gridcell" class="col-org" title={org}>
        {org}
      </span>
      <span role="gridcell" class="col-hub" title={hub.sentence}>
        <span class={`hub-src hub-src-${hub.kind}${hub.conflict ? ' hub-src-conflict' : ''}`} data-testid="hub-source" data-hub-source={hub.kind}>
          <span class="hub-glyph" aria-hidden="true">
            {hub.glyph}
          </span>{' '}
          {hub.word}
        </span>{' '}
        <span class="hub-name">{hub.text}</span>
      </span>
      <span role="gridcell" class="col-cred" title={credentialTitle(call)} data-testid="credential-cell">
        {credentialShort(call)}
      </span>
      <span role="gridcell" class="col-verdict">
        <span class={`badge badge-${call.verdict}`}>{VERDICT_LABEL[call.verdict]}</span>
      </span>
      <span role="gridcell" class="col-status">
        {status === null ? '' : String(status)}
      </span>
    </div>
  );
}

function SeparatorRow({ row, index }: { row: Extract<Row, { type: 'separator' }>; index: number }) {
  const text = `Navigated to ${visible(row.url || 'a new page')} at ${clockTime(row.at)}`;
  return (
    <div class="row separator-row" role="row" aria-rowindex={index + 2} data-testid="separator-row" style={{ top: `${index * ROW_HEIGHT}px` }}>
      <span role="gridcell" class="col-all" title={text}>
        {text}
      </span>
    </div>
  );
}

export function CallList({ store, rows }: { store: PanelStore; rows: Row[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(0);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Rows show below the sticky header: their viewport is the list's height less the header's.
    const measure = (): void => {
      const head = el.firstElementChild as HTMLElement | null;
      setViewport(Math.max(0, el.clientHeight - (head?.offsetHeight ?? 0)));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the selected row in view when the keyboard moves it.
  const selectedIndex = store.selectedId === null ? -1 : rows.findIndex((r) => r.type === 'call' && r.call.id === store.selectedId);
  useEffect(() => {
    const el = ref.current;
    if (!el || selectedIndex < 0) return;
    const height = viewport > 0 ? viewport : FALLBACK_VIEWPORT;
    const top = selectedIndex * ROW_HEIGHT;
    let next = el.scrollTop;
    if (top < next) next = top;
    else if (top + ROW_HEIGHT > next + height) next = top + ROW_HEIGHT - height;
    if (next !== el.scrollTop) {
      el.scrollTop = next;
      setScrollTop(next);
    }
  }, [selectedIndex, viewport]);

  const [first, last] = visibleRange(scrollTop, viewport, rows.length);
  const onSelect = (id: string, open: boolean): void => {
    store.select(id, open);
    // A click does not ask for a focus ring: `focusVisible: false` where the browser knows it (Firefox).
    ref.current?.focus({ preventScroll: true, focusVisible: false } as FocusOptions);
  };

  // Keys handled here stop here: DevTools' document-level listener (see App) has no business with them.
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      store.moveSelection(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      store.openDetail();
    }
  };

  // Rows are keyed by their place in the list, not by call: when a keystroke changes which calls are shown, the
  // drawn rows' elements are updated in place instead of being removed and built again.
  const drawn = [];
  for (let i = first; i < last; i++) {
    const row = rows[i];
    if (!row) continue;
    drawn.push(
      row.type === 'call' ? (
        <CallRow key={i} call={row.call} index={i} selected={row.call.id === store.selectedId} onSelect={onSelect} />
      ) : (
        <SeparatorRow key={`s${i}`} row={row} index={i} />
      ),
    );
  }

  // The focus stays on the grid; assistive technology follows the selected row, when it is drawn.
  const active = selectedIndex >= first && selectedIndex < last && store.selectedId !== null ? rowDomId(store.selectedId) : undefined;

  return (
    <div class="list-wrap">
      <div
        ref={ref}
        class="list"
        role="grid"
        aria-label="Coveo calls"
        aria-rowcount={rows.length + 1}
        aria-activedescendant={active}
        data-rowcount={rows.length}
        tabIndex={0}
        data-testid="call-list"
        onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
        onKeyDown={onKeyDown}
      >
        {/* Inside the scroller (sticky): the header shares the rows' width and columns, and names their cells. */}
        <div class="list-head" role="rowgroup">
          <div class="row list-header" role="row" aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <span key={c.cls} role="columnheader" class={c.cls} title={c.title}>
                {c.label}
              </span>
            ))}
          </div>
        </div>
        <div class="list-spacer" role="rowgroup" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
          {drawn}
        </div>
      </div>
    </div>
  );
}
