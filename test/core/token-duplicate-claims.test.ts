// Issue 9 review #10, ambiguous evidence read as enforced: a token payload with the searchHub (or pipeline)
// claim twice. jose's JSON.parse keeps the last copy; a JWT library that keeps the first, or rejects duplicates,
// reads something else. The analysis already treats duplicated request keys as "whichever copy the parser keeps";
// the claims the verdict rests on deserve the same care.
import { describe, expect, it } from 'vitest';
import { ORG, T0 } from '../helpers/coveo';
import { BODY, call, json, raw, rawToken } from '../helpers/raw-entry';

const iat = Math.floor(T0 / 1000) - 60;
const base = `"v8":true,"organization":"${ORG}","roles":["queryExecutor"],"userIds":[{"name":"a@b.c","provider":"Email Security Provider","type":"User"}],"iat":${iat},"exp":${iat + 3600}`;
const bearer = (t: string) => [{ name: 'Authorization', value: `Bearer ${t}` }];

describe('duplicated claims are not proof', () => {
  it('{"searchHub":"","searchHub":"public"}', () => {
    const e = raw({ headers: bearer(rawToken(`{${base},"searchHub":"","searchHub":"public"}`)), postData: json(BODY) });
    expect(call(e).verdict).not.toBe('enforced');
  });

  it('{"pipeline":"","pipeline":"public-p"} beside a request pipeline', () => {
    const e = raw({ headers: bearer(rawToken(`{${base},"pipeline":"","pipeline":"public-p"}`)), postData: json({ ...BODY, pipeline: 'internal' }) });
    expect(call(e).verdict).not.toBe('enforced');
  });
});
