import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallReport, CredentialInfo, Finding, RawCredential, TokenInfo } from '../../core/index';
import { renderCallMarkdown, renderFindingMarkdown } from '../../core/report/index';
import { TIME_CLAIMS, VERDICT_LABEL, claimText, duration, expiryAtRequest, hubOrigin, isSafeDocsLink, tokenTime, visible } from '../format';
import { copyText } from '../export';

const ENFORCING_CLAIMS = new Set(['searchHub', 'pipeline', 'filter']);

function Field({ label, value }: { label: string; value: string | number | null | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value === null || value === undefined || value === '' ? '—' : visible(String(value))}</dd>
    </>
  );
}

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
function claimValue(name: string, value: unknown, now: number): string {
  if (TIME_CLAIMS.has(name)) {
    const time = tokenTime(value, now);
    if (time !== null) return time;
  }
  return claimText(value);
}

function Token({ token, now }: { token: TokenInfo; now: number }) {
  const expiry = expiryAtRequest(token.secondsToExpiryAtRequest);
  const nbf = tokenTime(token.claims.nbf, now);
  return (
    <section class="token" aria-label="Search token">
      <h3>Search token</h3>
      <ul class="token-times" data-testid="token-times">
        <li data-time="iat">issued {tokenTime(token.issuedAt, now) ?? 'unknown'}</li>
        {nbf !== null && <li data-time="nbf">not valid before {nbf}</li>}
        <li data-time="exp">expires {tokenTime(token.expiresAt, now) ?? 'unknown'}</li>
        {token.lifetimeSeconds !== null && <li>valid for {duration(token.lifetimeSeconds)}</li>}
        {expiry && <li class={token.secondsToExpiryAtRequest !== null && token.secondsToExpiryAtRequest < 0 ? 'bad' : ''}>{expiry}</li>}
      </ul>
      <h4>Header</h4>
      <dl class="claims">
        {Object.entries(token.header).map(([k, v]) => (
          <Field key={k} label={visible(k)} value={claimText(v)} />
        ))}
      </dl>
      <h4>Claims</h4>
      <dl class="claims">
        {Object.entries(token.claims).map(([k, v]) => (
          <div key={k} class={ENFORCING_CLAIMS.has(k) ? 'claim claim-enforcing' : 'claim'} data-claim={k}>
            <dt>
              {visible(k)}
              {ENFORCING_CLAIMS.has(k) && <span class="tag"> enforced by the token</span>}
            </dt>
            <dd>{claimValue(k, v, now)}</dd>
          </div>
        ))}
        {!('searchHub' in token.claims) && (
          <div class="claim claim-missing" data-claim="searchHub">
            <dt>searchHub</dt>
            <dd>absent: the token does not enforce a hub</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function Credential({
  info,
  raw,
  shown,
  onReveal,
  onHide,
}: {
  info: CredentialInfo;
  raw: RawCredential | undefined;
  shown: boolean;
  onReveal: () => void;
  onHide: () => void;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <li class="credential">
      <span>
        {info.type}
        {info.scheme ? ` (${visible(info.scheme)})` : ''} in {info.location ?? 'nowhere'}: <code>{visible(info.fingerprint ?? '—')}</code>
      </span>
      {info.note && <span class="muted"> {visible(info.note)}</span>}
      {raw && !shown && (
        <button
          type="button"
          data-testid="reveal-button"
          aria-label={`Reveal the full ${info.type}`}
          onClick={() => {
            setCopied(null);
            onReveal();
          }}
        >
          Reveal
        </button>
      )}
      {raw && shown && (
        <div class="revealed">
          <code data-testid="revealed-credential" class="secret">
            {raw.value}
          </code>
          <button
            type="button"
            data-testid="copy-credential"
            onClick={async () => setCopied((await copyText(raw.value)) !== 'refused' ? 'Copied.' : 'Copying was refused: select the text above and copy it.')}
          >
            Copy
          </button>
          <button type="button" onClick={onHide}>
            Hide
          </button>
          {copied && <span class="muted"> {copied}</span>}
        </div>
      )}
    </li>
  );
}

/** The raw value behind credential `i` of a call: same order as the analysis found them, else the first at its location. */
function rawFor(raw: RawCredential[], info: CredentialInfo, i: number): RawCredential | undefined {
  const same = raw[i];
  if (same && same.location === info.location) return same;
  return raw.find((r) => r.location === info.location);
}

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
