import type { GuardDB } from './db';

const PROFILE_KEY = 'profileName';
/** Written in the log when nobody has set a name in the dashboard (and the CRM page gave none). */
export const DEFAULT_PROFILE_NAME = 'local-profile';

export async function getProfileName(db: GuardDB): Promise<{ name: string; isDefault: boolean }> {
  const row = await db.meta.get(PROFILE_KEY);
  return typeof row?.value === 'string' && row.value
    ? { name: row.value, isDefault: false }
    : { name: DEFAULT_PROFILE_NAME, isDefault: true };
}

export async function setProfileName(db: GuardDB, name: string): Promise<void> {
  await db.meta.put({ key: PROFILE_KEY, value: name });
}
