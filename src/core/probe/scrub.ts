/** Keeps the probed credential out of the probe's report, even when an answer or an error message echoes it. */
import { extractRawCredentials } from '../credentials';
import type { HarEntryLike } from '../types';
import { fingerprint, redactSecrets } from '../redact';

/** A function replacing the entry's credential values (plain or URL-encoded) by their fingerprints. */
export function secretScrubber(entry: HarEntryLike): (text: string) => string {
  const secrets = [
    ...new Set(
      extractRawCredentials(entry)
        .map((c) => c.value)
        .filter((v) => v.length >= 6),
    ),
  ];
  return (text: string): string => {
    let out = text;
    for (const secret of secrets) {
      const label = fingerprint(secret);
      out = out.split(secret).join(label);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) out = out.split(encoded).join(label);
    }
    return redactSecrets(out);
  };
}
