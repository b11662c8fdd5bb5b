/**
 * Base64 bodies as UTF-8 text, with the platform's own decoder where there is one: `atob` with Node's `Buffer` for
 * UTF-8 (reached through `globalThis`, so the core imports nothing from Node), else `atob` with `TextDecoder`, else
 * `Uint8Array.fromBase64`, else a small pure decoder. Every path accepts exactly what `atob` accepts (the "forgiving base64" of the HTML standard: ASCII
 * white space ignored, padding optional) and decodes like `new TextDecoder().decode` (invalid UTF-8 becomes U+FFFD,
 * a leading byte-order mark is dropped), so the result never depends on where the core runs.
 */

interface BufferLike {
  from(text: string, encoding: 'latin1'): { toString(encoding: 'utf8'): string };
}

const platformBuffer: BufferLike | null = (() => {
  const b = (globalThis as { Buffer?: unknown }).Buffer as BufferLike | undefined;
  return b && typeof b.from === 'function' ? b : null;
})();

const fromBase64 = (Uint8Array as unknown as { fromBase64?: (this: unknown, text: string) => Uint8Array }).fromBase64;

/** ASCII white space as `atob` strips it (tab, LF, FF, CR, space). */
const ASCII_SPACE = /[\t\n\f\r ]/g;
/** What `atob` accepts once white space is gone: the alphabet, then at most two `=` (checked with the length). */
const FORGIVING = /^[A-Za-z0-9+/]*={0,2}$/;
const NON_ASCII = /[\x80-\xff]/;

let utf8: TextDecoder | null = null;
const decodeUtf8 = (bytes: Uint8Array): string => {
  utf8 ??= new TextDecoder();
  return utf8.decode(bytes);
};

/** `atob`'s acceptance rule; returns the text without white space and padding, or null when atob would throw. */
function forgiving(text: string): string | null {
  let t = text.search(ASCII_SPACE) >= 0 ? text.replace(ASCII_SPACE, '') : text;
  if (!FORGIVING.test(t)) return null;
  if (t.length % 4 === 0) {
    if (t.endsWith('==')) t = t.slice(0, -2);
    else if (t.endsWith('=')) t = t.slice(0, -1);
  }
  if (t.length % 4 === 1 || t.includes('=')) return null;
  return t;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
let table: Int16Array | null = null;

/** The pure fallback: `t` is already checked by `forgiving` (alphabet only, no padding). */
function pureDecode(t: string): Uint8Array {
  if (table === null) {
    table = new Int16Array(128).fill(-1);
    for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  }
  const out = new Uint8Array(Math.floor((t.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < t.length; i++) {
    acc = (acc << 6) | (table[t.charCodeAt(i)] as number);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/**
 * The implementation in use, for tests and the bench: `buffer` (atob, then Buffer for UTF-8 beyond ASCII),
 * `atob` (then TextDecoder), `fromBase64` or `pure`.
 */
export function base64Decoder(): 'buffer' | 'fromBase64' | 'atob' | 'pure' {
  if (platformBuffer && typeof atob === 'function') return 'buffer';
  if (typeof fromBase64 === 'function') return 'fromBase64';
  return typeof atob === 'function' ? 'atob' : 'pure';
}

/**
 * A base64 text as UTF-8; null when it is not base64 (what `atob` refuses). `decoder` forces one path (tests and
 * the bench compare them); by default the fastest the platform has. `atob` is the validator and decoder where it
 * exists (native, and exactly the rule): its result is the text itself when it is ASCII, the common case for JSON;
 * otherwise its bytes go through `Buffer` (Node) or `TextDecoder`.
 */
export function decodeBase64Text(text: string, decoder: ReturnType<typeof base64Decoder> = base64Decoder()): string | null {
  if ((decoder === 'buffer' || decoder === 'atob') && typeof atob === 'function') {
    let binary: string;
    try {
      binary = atob(text);
    } catch {
      return null;
    }
    if (!NON_ASCII.test(binary)) return binary;
    if (decoder === 'buffer' && platformBuffer) {
      const out = platformBuffer.from(binary, 'latin1').toString('utf8');
      // TextDecoder drops a leading byte-order mark, Buffer keeps it: drop it here too.
      return out.charCodeAt(0) === 0xfeff ? out.slice(1) : out;
    }
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return decodeUtf8(bytes);
  }
  const t = forgiving(text);
  if (t === null) return null;
  if (decoder === 'fromBase64' && typeof fromBase64 === 'function') return decodeUtf8(fromBase64.call(Uint8Array, t));
  return decodeUtf8(pureDecode(t));
}
