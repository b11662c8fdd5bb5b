import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decoder, decodeBase64Text } from '../../src/core/base64';

/** The reference every path must equal: atob then TextDecoder (what the core did before), null when atob throws. */
function reference(text: string): string | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

const PATHS = ['buffer', 'fromBase64', 'atob', 'pure'] as const;
const available = PATHS.filter((p) => p !== 'fromBase64' || typeof (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64 === 'function');

describe('decodeBase64Text', () => {
  it('uses the platform decoder here (Node: Buffer)', () => {
    expect(base64Decoder()).toBe('buffer');
  });

  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const cases: [string, string][] = [
    ['plain', b64(new TextEncoder().encode('{"q":"hello"}'))],
    ['unicode', b64(new TextEncoder().encode('héllo 😀 ✓'))],
    ['BOM', b64(new TextEncoder().encode('\ufeff{"a":1}'))],
    ['two BOMs', b64(new TextEncoder().encode('\ufeff\ufeffx'))],
    ['invalid UTF-8', b64(new Uint8Array([0x7b, 0xff, 0xc3, 0x28, 0xe2, 0x82]))],
    ['no padding', 'eyJhIjoxfQ'],
    ['white space inside', 'eyJh\nIjox fQ=='],
    ['bad character', 'eyJh*Ijox'],
    ['url alphabet', 'eyJh-Ijo_'],
    ['length 1 mod 4', 'eyJhI'],
    ['padding inside', 'ey==Jh'],
    ['three =', 'eyJ==='],
    ['only padding', '=='],
    ['empty', ''],
    ['leftover bits', 'eyJhIj'],
  ];
  for (const path of available) {
    it.each(cases)(`${path}: %s decodes as atob + TextDecoder would`, (_name, text) => {
      expect(decodeBase64Text(text, path)).toBe(reference(text));
    });
    it(`${path}: any bytes, any text (property)`, () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.uint8Array({ maxLength: 64 }).map(b64), fc.string({ maxLength: 24 }), fc.stringMatching(/^[A-Za-z0-9+/= \n]{0,24}$/)),
          (text) => {
            expect(decodeBase64Text(text, path)).toBe(reference(text));
          },
        ),
        { numRuns: 400 },
      );
    });
  }
});
