/** A credential of the selected call: its kind, fingerprint, token claims and times, and the explicit reveal. */
import { useState } from 'preact/hooks';
import type { CredentialInfo, RawCredential, TokenInfo } from '../../core/index';
import { TIME_CLAIMS, claimText, duration, expiryAtRequest, tokenTime, visible } from '../format';
import { copyText } from '../export';
import { Field } from './Field';

const ENFORCING_CLAIMS = new Set(['searchHub', 'pipeline', 'filter']);

function claimValue(name: string, value: unknown, now: number): string {
  if (TIME_CLAIMS.has(name)) {
    const time = tokenTime(value, now);
    if (time !== null) return time;
  }
  return claimText(value);
}

export function Token({ token, now }: { token: TokenInfo; now: number }) {
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

export function Credential({
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
export function rawFor(raw: RawCredential[], info: CredentialInfo, i: number): RawCredential | undefined {
  const same = raw[i];
  if (same && same.location === info.location) return same;
  return raw.find((r) => r.location === info.location);
}
