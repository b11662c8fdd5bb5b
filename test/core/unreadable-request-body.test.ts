// Issue 9 review #7, false enforced/pass: a multipart/form-data body is neither JSON nor urlencoded; Chrome
// lists its fields in postData.params (then the pipeline is found), Playwright does not (params only for exactly
// application/x-www-form-urlencoded). The body is then not read at all and the call is `enforced`. Whether Coveo
// reads multipart fields is not settled by the reference: a body the analysis cannot read proves no absence.
import { describe, expect, it } from 'vitest';
import { call, page, raw } from '../helpers/raw-entry';

const B = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
const part = (name: string, value: string) => `--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const text = `${part('q', 'x')}${part('searchHub', 'public')}${part('pipeline', 'internal')}--${B}--\r\n`;

describe('a multipart body without params is not read as "no pipeline"', () => {
  it('Playwright shape: multipart text, empty params', () => {
    const e = raw({ postData: { mimeType: `multipart/form-data; boundary=${B}`, text, params: [] } });
    expect(call(e).verdict).not.toBe('enforced');
    expect(page([e]).summary.verdict).not.toBe('pass');
  });
});
