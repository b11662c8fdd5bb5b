import { expect, it } from 'vitest';
import { entry, QS_URL, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { pageFindings } from '../../helpers/rules';

const RULE = 'suggestions-not-observed';
const token = searchToken({ searchHub: 'ACMEPublic' });

it('tells, per hub, that no query suggestions were seen', () => {
  const [f] = pageFindings(RULE, [entry(SEARCH_URL, { bearer: token, json: {} })]);
  expect(f).toMatchObject({ severity: 'info', message: expect.stringContaining('"ACMEPublic"'), callIds: ['c0'] });
});

it('stays silent once suggestions of that hub were seen', () => {
  expect(pageFindings(RULE, [entry(SEARCH_URL, { bearer: token, json: {} }), entry(QS_URL, { bearer: token, json: {} })])).toHaveLength(0);
});
