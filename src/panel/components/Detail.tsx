import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallReport, Finding, RawCredential } from '../../core/index';
import { renderCallMarkdown, renderFindingMarkdown } from '../../core/report/index';
import { VERDICT_LABEL, hubOrigin, isSafeDocsLink, visible } from '../format';
import { copyText } from '../export';
import { Credential, Token, rawFor } from './Credential';
import { Field } from './Field';

function Findings({ call, onCopy }: { call: CallReport; onCopy: (finding: Finding) => void }) {
  if (call.findings.length === 0) return <p class="muted">No findings for this call.</p>;
  return (
    <ul class="findings">
      {call.findings.map((f, i) => (
        <li key={`${f.rule}-${i}`} class={`finding severity-${f.severity}`} data-testid="finding" data-rule={f.rule}>
          <div class="finding-head">
            <span class={`sev sev-${f.severity}`}>{f.severity}</span> <code class="rule-id">{f.rule}</code>{' '}
            <button
              type="button"
              class="small copy-finding"
              data-testid="copy-finding"
              aria-label={`Copy the finding ${f.rule} as Markdown`}
              onClick={() => onCopy(f)}
            >
              Copy finding
            </button>
          </div>
          <p class="finding-message">
            <strong>{visible(f.message)}</strong>
          </p>
          <p>
            <em>Why:</em> {f.why}
          </p>
          <p>
            <em>What to do:</em> {f.fix}
          </p>
          {f.docs && isSafeDocsLink(f.docs) && (
            <a href={f.docs} target="_blank" rel="noreferrer">
              Documentation
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A claim's value as the detail shows it: JWT times (`iat`, `exp`, `nbf`) as dates with relative times, never raw epoch numbers. */
/** What the last copy gave: a short message, and the text to copy by hand when the browser refused. */
interface CopyState {
  ok: boolean;
  message: string;
  text?: string;
}

export interface DetailProps {
  call: CallReport;
  raw: RawCredential[];
  onClose: () => void;
  probe?: ComponentChildren;
  /** The clock for relative token times (ms since the epoch); injected by tests. */
  now?: () => number;
}

export function Detail({ call, raw, onClose, probe, now = Date.now }: DetailProps) {
  const credentials = call.credentials.length > 0 ? call.credentials : call.credential.type === 'none' ? [] : [call.credential];
  // One credential revealed at a time: revealing one hides the other.
  const [revealed, setRevealed] = useState<number | null>(null);
  const [copy, setCopy] = useState<CopyState | null>(null);
  const fallbackRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (copy?.text === undefined) return;
    fallbackRef.current?.focus({ preventScroll: true });
    fallbackRef.current?.select();
  }, [copy]);
  const hub = hubOrigin(call);

  const doCopy = async (what: string, text: () => string): Promise<void> => {
    let value: string;
    try {
      value = text();
    } catch (error) {
      setCopy({ ok: false, message: `Could not write the ${what}: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    const result = await copyText(value);
    if (result === 'refused')
      setCopy({ ok: false, message: `Copying was refused by the browser: the ${what} is selected below, press Ctrl+C (⌘C on Mac).`, text: value });
    else setCopy({ ok: true, message: `Copied the ${what}.` });
  };
  const copyCall = (): void => void doCopy('call as Markdown', () => renderCallMarkdown(call));
  const copyFinding = (finding: Finding): void => void doCopy(`finding ${finding.rule}`, () => renderFindingMarkdown(finding, call));

  return (
    <aside class="detail" data-testid="detail" aria-label="Call detail">
      <div class="detail-head">
        <h2>
          {call.kind} <span class={`badge badge-${call.verdict}`}>{VERDICT_LABEL[call.verdict]}</span>
        </h2>
        <span class="detail-actions">
          <button
            type="button"
            class="small"
            data-testid="copy-call-markdown"
            onClick={copyCall}
            title="This call and its findings, redacted: fingerprints only, no personal data"
          >
            Copy as Markdown
          </button>
          <button type="button" aria-label="Close the detail" onClick={onClose}>
            ✕
          </button>
        </span>
      </div>
      {copy && (
        <div class={`copy-status ${copy.ok ? 'copy-ok' : 'copy-refused'}`}>
          <p role="status" data-testid="copy-status" data-ok={copy.ok ? 'true' : 'false'}>
            {copy.message}{' '}
            <button type="button" class="small" aria-label="Dismiss" onClick={() => setCopy(null)}>
              ✕
            </button>
          </p>
          {copy.text !== undefined && (
            <textarea ref={fallbackRef} data-testid="detail-copy-fallback" readOnly value={copy.text} aria-label="Text to copy" rows={6} />
          )}
        </div>
      )}
      <p class="verdict-reason">{visible(call.verdictReason)}</p>
      {call.notes.length > 0 && (
        <section class="call-notes" aria-label="Analysis notes">
          <h3>Notes</h3>
          <ul data-testid="call-notes">
            {call.notes.map((n, i) => (
              <li key={i}>{visible(n)}</li>
            ))}
          </ul>
        </section>
      )}
      <h3>Findings</h3>
      <Findings call={call} onCopy={copyFinding} />
      {probe}
      <h3>Request</h3>
      <dl>
        <Field label="Method" value={call.method} />
        <Field label="URL" value={call.url} />
        <Field label="Organization" value={call.organizationId} />
        <Field label="Routing" value={call.routing === 'proxy' ? `through a proxy (${call.host})` : call.host} />
        <dt>Hub comes from</dt>
        <dd data-testid="detail-hub-source" data-hub-source={hub.kind} class={hub.conflict ? 'hub-conflict' : undefined}>
          <span class={`hub-src hub-src-${hub.kind}${hub.conflict ? ' hub-src-conflict' : ''}`}>
            <span aria-hidden="true">{hub.glyph}</span>{' '}
            {hub.kind === 'token'
              ? hub.conflict
                ? 'token claim, request conflicts'
                : 'token claim'
              : hub.kind === 'request'
                ? `request ${hub.word} only`
                : 'none'}
          </span>
          : {hub.sentence}
        </dd>
        <Field
          label="Hub in the request"
          value={call.searchHub.request === null ? null : `${call.searchHub.request} (${call.searchHub.requestSource ?? '?'})`}
        />
        <Field label="Hub in the token" value={call.searchHub.token} />
        <Field label="Effective hub" value={call.searchHub.effective} />
        <Field label="Pipeline in the request" value={call.pipeline.request} />
        <Field label="Pipeline in the token" value={call.pipeline.token} />
        <Field label="Tab" value={call.tab} />
        <Field label="Query" value={call.query} />
      </dl>
      <h3>Response</h3>
      <dl>
        <Field label="HTTP status" value={call.response.status} />
        {call.response.bodyStatus !== null && call.response.bodyStatus !== undefined && (
          <Field label="Status in the body" value={`${call.response.bodyStatus} (errorsAsSuccess)`} />
        )}
        {call.response.outcome && call.response.outcome !== 'success' && call.response.outcome !== 'unknown' && (
          <Field label="Outcome" value={call.response.outcome} />
        )}
        <Field label="Pipeline" value={call.response.pipeline} />
        <Field label="Search UID" value={call.response.searchUid} />
        <Field label="Results" value={call.response.totalCount} />
        {call.response.errors.length > 0 && <Field label="Errors" value={call.response.errors.join('; ')} />}
      </dl>
      <h3>Credentials</h3>
      {credentials.length === 0 ? (
        <p class="muted">No credential in the request.</p>
      ) : (
        <ul class="credentials">
          {credentials.map((info, i) => (
            <Credential
              key={`${call.id}-${i}`}
              info={info}
              raw={rawFor(raw, info, i)}
              shown={revealed === i}
              onReveal={() => setRevealed(i)}
              onHide={() => setRevealed(null)}
            />
          ))}
        </ul>
      )}
      {call.token && <Token token={call.token} now={now()} />}
    </aside>
  );
}
