import { expect, it } from 'vitest';
import { entry, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { findings } from '../../helpers/rules';

const RULE = 'token-pipeline-only';

it('is an info finding when only a pipeline claim pins routing', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ pipeline: 'public' }), json: {} }))[0]).toMatchObject({
    severity: 'info',
    message: expect.stringContaining('"public"'),
  });
});

it('stays silent when a searchHub claim is present', () => {
  expect(findings(RULE, entry(SEARCH_URL, { bearer: searchToken({ pipeline: 'p', searchHub: 'A' }), json: {} }))).toHaveLength(0);
});
