import * as policy from '@/lib/policy';

describe('lib/policy entry point', () => {
  test('re-exports the schema, validation, default, detectors and decisions', () => {
    for (const name of [
      'PolicySchema',
      'parsePolicyJson',
      'validatePolicy',
      'DEFAULT_POLICY',
      'isValidIban',
      'isLuhnCardNumber',
      'isValidNir',
      'looksLikeEmail',
      'looksLikePhone',
      'detectSensitiveValue',
      'decideMask',
      'pickRetentionRule',
      'decideRetention',
      'findJsonSyntaxError',
    ]) {
      expect(policy).toHaveProperty(name);
    }
    expect(policy.validatePolicy(policy.DEFAULT_POLICY).ok).toBe(true);
  });
});
