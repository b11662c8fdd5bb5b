import { expect, it } from 'vitest';
import { API_KEY, entry, QS_URL, SEARCH_URL, searchToken } from '../../helpers/coveo';
import { pageFindings } from '../../helpers/rules';

const RULE = 'suggestions-not-enforced';
const enforced = searchToken({ searchHub: 'ACMEPublic' });

it('fires when search is enforced for a hub but its suggestions are not, naming the calls', () => {
  const found = pageFindings(RULE, [
    entry(SEARCH_URL, { bearer: enforced, json: {} }),
    entry(QS_URL, { bearer: API_KEY, json: { searchHub: 'ACMEPublic', q: 'a' } }),
  ]);
  expect(found).toHaveLength(1);
  expect(found[0]?.message).toContain('"ACMEPublic"');
  expect(found[0]?.callIds).toEqual(['c1']);
});

it('stays silent when both are enforced, or suggestions were not seen', () => {
  expect(pageFindings(RULE, [entry(SEARCH_URL, { bearer: enforced, json: {} }), entry(QS_URL, { bearer: enforced, json: {} })])).toHaveLength(0);
  expect(pageFindings(RULE, [entry(SEARCH_URL, { bearer: enforced, json: {} })])).toHaveLength(0);
});
