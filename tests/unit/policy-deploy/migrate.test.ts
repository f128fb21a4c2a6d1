import { DEFAULT_POLICY } from '@/lib/policy/default';
import { migratePolicy } from '@/lib/policy/migrate';
import { acceptPolicyValue } from '@/lib/policy/sources';

/** A version 0 draft (the pilots' format): no format field, log retention nested, reveal seconds at the top. */
function draftV0(): Record<string, unknown> {
  const { format: _f, schemaVersion: _v, logRetentionDays, masking, ...rest } = structuredClone(DEFAULT_POLICY) as unknown as Record<string, unknown> & {
    logRetentionDays: number;
    masking: Record<string, unknown>;
  };
  const { revealSeconds, ...maskingRest } = masking;
  return { ...rest, masking: maskingRest, revealSeconds, log: { retentionDays: logRetentionDays } };
}

describe('policy schema migration', () => {
  test('a version 0 draft becomes a valid version 1 policy with the same settings', () => {
    const migrated = migratePolicy(draftV0());
    expect(migrated).toMatchObject({ ok: true, from: 0 });
    const accepted = acceptPolicyValue(draftV0());
    expect(accepted.ok).toBe(true);
    if (accepted.ok) {
      expect(accepted.migratedFrom).toBe(0);
      expect(accepted.policy).toEqual(DEFAULT_POLICY);
    }
  });

  test('the current version passes through untouched', () => {
    const migrated = migratePolicy(DEFAULT_POLICY);
    expect(migrated).toEqual({ ok: true, value: DEFAULT_POLICY, from: 1 });
  });

  test('an unknown (newer) version is refused, saying what to do', () => {
    const refused = acceptPolicyValue({ ...DEFAULT_POLICY, schemaVersion: 2 });
    expect(refused).toEqual({ ok: false, errors: [{ path: 'schemaVersion', message: expect.stringContaining('unknown version 2'), key: 'pvUnknownVersion', params: { version: 2, max: 1 } }] });
    if (!refused.ok) expect(refused.errors[0]?.message).toContain('update the extension');
  });

  test('nonsense versions are left to the schema, which refuses them with a path', () => {
    const refused = acceptPolicyValue({ ...DEFAULT_POLICY, schemaVersion: 'one' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]?.path).toBe('schemaVersion');
  });
});
