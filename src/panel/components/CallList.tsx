import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CallReport } from '../../core/index';
import { VERDICT_LABEL, clockTime, hubCell, visible } from '../format';
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

function CallRow({ call, index, selected, onSelect }: { call: CallReport; index: number; selected: boolean; onSelect: (id: string, open: boolean) => void }) {
  const status = call.response.status;
  return (
    <div
      class={`row call-row${selected ? ' selected' : ''}`}
      role="row"
      aria-selected={selected}
      data-testid="call-row"
      data-kind={call.kind}
      data-verdict={call.verdict}
      data-id={call.id}
      style={{ top: `${index * ROW_HEIGHT}px` }}
      onClick={() => onSelect(call.id, true)}
    >
      <span role="gridcell" class="col-time">{clockTime(call.startedDateTime)}</span>
      <span role="gridcell" class="col-kind">{call.kind}</span>
      <span role="gridcell" class="col-org">{visible(call.organizationId ?? '—')}</span>
      <span role="gridcell" class="col-hub" title={hubCell(call)}>{hubCell(call)}</span>
      <span role="gridcell" class="col-cred" title={call.credential.fingerprint ?? ''}>
        {call.credential.type}
        {call.credential.fingerprint ? ` ${visible(call.credential.fingerprint)}` : ''}
      </span>
      <span role="gridcell" class="col-verdict">
        <span class={`badge badge-${call.verdict}`}>{VERDICT_LABEL[call.verdict]}</span>
      </span>
      <span role="gridcell" class="col-status">{status === null ? '' : String(status)}</span>
    </div>
  );
}

function SeparatorRow({ row, index }: { row: Extract<Row, { type: 'separator' }>; index: number }) {
  return (
    <div class="row separator-row" role="row" data-testid="separator-row" style={{ top: `${index * ROW_HEIGHT}px` }}>
      <span role="gridcell">
        Navigated to {visible(row.url || 'a new page')} at {clockTime(row.at)}
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
    const measure = (): void => setViewport(el.clientHeight);
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
    ref.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      store.moveSelection(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      store.openDetail();
    }
  };

  const drawn = [];
  for (let i = first; i < last; i++) {
    const row = rows[i];
    if (!row) continue;
    drawn.push(
      row.type === 'call' ? (
        <CallRow key={row.call.id} call={row.call} index={i} selected={row.call.id === store.selectedId} onSelect={onSelect} />
      ) : (
        <SeparatorRow key={row.id} row={row} index={i} />
      ),
    );
  }

  return (
    <div class="list-wrap">
      <div class="row list-header" role="row" aria-hidden="true">
        <span class="col-time">Time</span>
        <span class="col-kind">Kind</span>
        <span class="col-org">Organization</span>
        <span class="col-hub">Hub (request → effective)</span>
        <span class="col-cred">Credential</span>
        <span class="col-verdict">Verdict</span>
        <span class="col-status">Status</span>
      </div>
      <div
        ref={ref}
        class="list"
        role="grid"
        aria-label="Coveo calls"
        aria-rowcount={rows.length}
        tabIndex={0}
        data-testid="call-list"
        onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
        onKeyDown={onKeyDown}
      >
        <div class="list-spacer" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
          {drawn}
        </div>
      </div>
    </div>
  );
}
