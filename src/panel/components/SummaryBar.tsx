import type { CoverageStatus, HubCoverage, Summary, Verdict } from '../../core/index';
import { VERDICTS } from '../../core/index';
import { PAGE_VERDICT_LABEL, VERDICT_LABEL, visible } from '../format';

/** One coverage state as the checklist shows it: a class (colour), a glyph for the eye, words for everyone. */
interface CheckState {
  state: 'ok' | 'no' | 'review' | 'todo' | 'pinned';
  glyph: string;
  words: string;
}

/**
 * The core's coverage status of one kind (`searchStatus`, `querySuggestStatus`) in the checklist's terms: red only
 * for `unenforced`, amber for `unverifiable` (an API key, a proxy: to review), neutral while not seen.
 */
export function statusCheck(status: CoverageStatus, pinned: boolean): CheckState {
  switch (status) {
    case 'enforced':
      return pinned ? { state: 'pinned', glyph: '📌', words: 'routing pinned by the token' } : { state: 'ok', glyph: '✓', words: 'enforced' };
    case 'unenforced':
      return { state: 'no', glyph: '✗', words: 'not enforced' };
    case 'unverifiable':
      return { state: 'review', glyph: '?', words: 'unverifiable, review' };
    default:
      return { state: 'todo', glyph: '…', words: 'not seen yet' };
  }
}

/**
 * "Both enforced" from the two statuses: no as soon as one is unenforced, yes when both are enforced, review when
 * one cannot be proven, and otherwise still waiting for the kind not seen.
 */
export function bothCheck(hub: HubCoverage): CheckState {
  const s = hub.searchStatus;
  const q = hub.querySuggestStatus;
  if (s === 'unenforced' || q === 'unenforced') return { state: 'no', glyph: '✗', words: 'both enforced: no' };
  if (s === 'enforced' && q === 'enforced') return { state: 'ok', glyph: '✓', words: 'both enforced: yes' };
  if (s === 'unverifiable' || q === 'unverifiable') return { state: 'review', glyph: '?', words: 'both enforced: cannot be proven, review' };
  const waiting = s === 'not-seen' && q === 'not-seen' ? 'a search and a query suggestion' : s === 'not-seen' ? 'a search' : 'a query suggestion';
  return { state: 'todo', glyph: '…', words: `both enforced: waiting for ${waiting}` };
}

/** The hub's overall state, for the folded checklist. */
function hubState(hub: HubCoverage): CheckState {
  const pinned = (hub.pinnedPipelines ?? []).length > 0;
  const both = bothCheck(hub);
  if (both.state === 'ok' && pinned) return statusCheck('enforced', true);
  return both;
}

function Check({ check, label, testId, status, hint }: { check: CheckState; label: string; testId: string; status?: CoverageStatus; hint?: string }) {
  return (
    <li class={`check check-${check.state}`} data-check={check.state} data-status={status} data-testid={testId}>
      <span class="check-glyph" aria-hidden="true">
        {check.glyph}
      </span>{' '}
      {label}
      {check.words}
      {hint && <span class="check-hint"> {hint}</span>}
    </li>
  );
}

const QUERY_SUGGEST_HINT = '(type in the page’s search box to send one)';

function HubChecks({ hub }: { hub: HubCoverage }) {
  const pinned = hub.pinnedPipelines ?? [];
  return (
    <ul class="checks">
      <Check check={statusCheck(hub.searchStatus, pinned.length > 0)} label="search: " testId="coverage-search" status={hub.searchStatus} />
      <Check
        check={statusCheck(hub.querySuggestStatus, pinned.length > 0)}
        label="query suggestions: "
        testId="coverage-query-suggest"
        status={hub.querySuggestStatus}
        hint={hub.querySuggestStatus === 'not-seen' ? QUERY_SUGGEST_HINT : undefined}
      />
      {pinned.length > 0 ? (
        // A token pipeline claim pins routing; the body's hub is not what is enforced, so never say "enforced" of it.
        <li class="check check-pinned" data-check="pinned" data-testid="coverage-pinned">
          <span aria-hidden="true">📌</span> routing pinned by token pipeline {pinned.map((p) => `"${visible(p)}"`).join(', ')}; the hub itself is only the
          request's
        </li>
      ) : (
        <Check check={bothCheck(hub)} label="" testId="coverage-both" />
      )}
    </ul>
  );
}

export interface SummaryBarProps {
  summary: Summary;
  /** The coverage checklist folded to one line. */
  collapsed?: boolean;
  onToggleCollapsed?: (collapsed: boolean) => void;
}

export function SummaryBar({ summary, collapsed = false, onToggleCollapsed }: SummaryBarProps) {
  const counts = summary.counts.verdicts;
  const empty = summary.verdict === 'empty';
  return (
    <section class={`summary verdict-${summary.verdict}`} data-testid="summary" data-verdict={summary.verdict} aria-label="Page summary">
      <div class="summary-head">
        <strong class="page-verdict" role="status">
          {PAGE_VERDICT_LABEL[summary.verdict]}
        </strong>
        {!empty && <span class="summary-reason">{visible(summary.reason)}</span>}
      </div>
      {!empty && (
        <div class="summary-counts">
          <span>{summary.calls} calls</span>
          {VERDICTS.map((v: Verdict) => {
            const n = counts[v] ?? 0;
            // A zero is no news: neutral, whatever its verdict's colour.
            return (
              <span key={v} class={`badge ${n === 0 ? 'badge-zero' : `badge-${v}`}`} data-count={v} data-value={n}>
                {VERDICT_LABEL[v]}: {n}
              </span>
            );
          })}
          {summary.hubs.length === 0 && <span class="hubs">No call named a search hub.</span>}
        </div>
      )}
      {summary.hubs.length > 0 && (
        <div class="coverage-wrap">
          <div class="coverage-head">
            <button
              type="button"
              class="coverage-toggle"
              data-testid="coverage-toggle"
              aria-expanded={!collapsed}
              aria-controls="chi-coverage"
              onClick={() => onToggleCollapsed?.(!collapsed)}
            >
              <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span> Coverage per hub ({summary.hubs.length})
            </button>
            {collapsed && (
              <span class="coverage-digest" data-testid="coverage-digest">
                {summary.hubs.map((hub, i) => {
                  const state = hubState(hub);
                  return (
                    <span key={hub.hub} class={`digest-hub check-${state.state}`} data-hub={hub.hub} data-check={state.state}>
                      {i > 0 ? ' · ' : ''}
                      <span aria-hidden="true">{state.glyph}</span> {visible(hub.hub)}
                      <span class="visually-hidden">: {state.words}</span>
                    </span>
                  );
                })}
              </span>
            )}
          </div>
          {!collapsed && (
            <ul class="coverage" id="chi-coverage" aria-label="Coverage per hub" data-testid="coverage-list">
              {summary.hubs.map((hub) => (
                <li key={hub.hub} class="coverage-hub" data-hub={hub.hub}>
                  <span class="coverage-name">{visible(hub.hub)}</span>
                  <HubChecks hub={hub} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
