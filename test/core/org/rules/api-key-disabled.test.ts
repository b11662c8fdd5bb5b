import { describe, expect, it } from 'vitest';
import { hits, key, org } from '../../../helpers/org';

describe('api-key-disabled', () => {
  it('flags disabled, expired and Coveo-disabled keys', () => {
    const keys = [
      key('off', { enabled: false }),
      key('expired', { status: 'EXPIRED' }),
      key('inactive', { status: 'DISABLED_FOR_INACTIVITY' }),
      key('on'),
      key('soon', { status: 'SOON_TO_BE_EXPIRED' }),
    ];
    expect(hits('api-key-disabled', org({ apiKeys: keys })).map((x) => x.subject.id)).toEqual(['off', 'expired', 'inactive']);
  });
});
