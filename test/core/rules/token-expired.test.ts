import { expect, it } from 'vitest';
import { entry, SEARCH_URL, searchToken, T0 } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'token-expired';

it("judges expiry at the request's start time, not now", () => {
  const token = searchToken({ searchHub: 'A' }, T0); // valid 24 h from T0 - 60 s
  expect(findings(RULE, entry(SEARCH_URL, { bearer: token, json: {}, started: T0 }))).toHaveLength(0);
  const [late] = findings(RULE, entry(SEARCH_URL, { bearer: token, json: {}, started: T0 + 27 * 3600 * 1000 }));
  expect(late).toMatchObject({ severity: 'warning', message: expect.stringContaining('expired 3 h 1 min before this request') });
});

it('stays silent without a usable startedDateTime or exp', () => {
  const token = searchToken({ searchHub: 'A', exp: 1 });
  expect(findings(RULE, entry(SEARCH_URL, { bearer: token, json: {}, started: 'not a date' }))).toHaveLength(0);
  const noExp = searchToken({ searchHub: 'A', exp: undefined });
  expect(findings(RULE, entry(SEARCH_URL, { bearer: noExp, json: {} }))).toHaveLength(0);
});
