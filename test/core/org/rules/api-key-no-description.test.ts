import { describe, expect, it } from 'vitest';
import { hits, key, org } from '../../../helpers/org';

describe('api-key-no-description', () => {
  it('flags a missing or blank description', () => {
    const keys = [key('none', { description: undefined }), key('blank', { description: ' \n ' }), key('ok')];
    expect(hits('api-key-no-description', org({ apiKeys: keys })).map((x) => x.subject.id)).toEqual(['none', 'blank']);
  });
});
