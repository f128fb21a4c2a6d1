import { recordKey } from '@/lib/crm/types';
test('recordKey', () => {
  expect(recordKey({ crm: 'hubspot', org: '1', object: '0-1', id: '5' })).toBe('hs:1:0-1:5');
});
