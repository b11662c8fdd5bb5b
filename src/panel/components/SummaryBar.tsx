import type { Summary, Verdict } from '../../core/index';
import { VERDICTS } from '../../core/index';
import { PAGE_VERDICT_LABEL, VERDICT_LABEL, visible } from '../format';

/** ✓/✗ and colour for the eye; the words "yes"/"no" for assistive technology ("both enforced: no"). */
function Check({ ok, label }: { ok: boolean; label: string }) {
  return (
    <li class={ok ? 'check check-ok' : 'check check-no'} data-check={ok ? 'yes' : 'no'}>
      <span aria-hidden="true">{ok ? '✓' : '✗'}</span> {label}
      <span class="visually-hidden">: {ok ? 'yes' : 'no'}</span>
    </li>
  );
}

/** ✓ when search and suggestions were both seen enforced, ✗ as soon as a seen one is not, else still unknown. */
function BothEnforced({ hub }: { hub: Summary['hubs'][number] }) {
  const pinned = hub.pinnedPipelines ?? [];
  if (pinned.length > 0) {
    // A token pipeline claim pins routing; the body's hub is not what is enforced, so never say "enforced" of it.
    return (
      <li class="check check-pinned" data-check="pinned" data-testid="coverage-pinned">
        <span aria-hidden="true">📌</span> routing pinned by token pipeline {pinned.map((p) => `"${visible(p)}"`).join(', ')}; the hub
        itself is only the request's
      </li>
    );
  }
  const failed = (hub.searchSeen && !hub.searchEnforced) || (hub.querySuggestSeen && !hub.querySuggestEnforced);
  if (failed || (hub.searchSeen && hub.querySuggestSeen)) return <Check ok={!failed} label="both enforced" />;
  return <li class="check check-todo">… both enforced: not known until search and suggestions are both seen</li>;
}

export function SummaryBar({ summary }: { summary: Summary }) {
  const counts = summary.counts.verdicts;
  return (
    <section class={`summary verdict-${summary.verdict}`} data-testid="summary" data-verdict={summary.verdict} aria-label="Page summary">
      <div class="summary-head">
        <strong class="page-verdict" role="status">
          {PAGE_VERDICT_LABEL[summary.verdict]}
        </strong>
        {summary.verdict !== 'empty' && <span class="summary-reason">{visible(summary.reason)}</span>}
      </div>
      <div class="summary-counts">
        <span>{summary.calls} calls</span>
        {VERDICTS.map((v: Verdict) => (
          <span key={v} class={`badge badge-${v}`} data-count={v}>
            {VERDICT_LABEL[v]}: {counts[v] ?? 0}
          </span>
        ))}
        <span class="hubs">
          Hubs: {summary.hubs.length === 0 ? 'none seen' : summary.hubs.map((h) => visible(h.hub)).join(', ')}
        </span>
      </div>
      {summary.hubs.length > 0 && (
        <ul class="coverage" aria-label="Coverage per hub">
          {summary.hubs.map((hub) => (
            <li key={hub.hub} class="coverage-hub" data-hub={hub.hub}>
              <span class="coverage-name">{visible(hub.hub)}</span>
              <ul class="checks">
                <Check ok={hub.searchSeen} label="search seen" />
                {hub.querySuggestSeen ? (
                  <Check ok label="query suggestions seen" />
                ) : (
                  <li class="check check-todo">… no query suggestions yet: type in the search box to trigger suggestions</li>
                )}
                <BothEnforced hub={hub} />
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
