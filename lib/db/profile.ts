import type { GuardDB } from './db';

const PROFILE_KEY = 'profileName';
/** Written in the log when nobody has set a name in the dashboard (and the CRM page gave none). */
export const DEFAULT_PROFILE_NAME = 'local-profile';

// Every logged event names the actor: the name is read once per database handle and kept (only
// the background writes it, through setProfileName), so that an append does not wait for a read
// of `meta` behind the log's own writes (benchmark #4).
const cache = new WeakMap<GuardDB, Promise<string | undefined>>();

export async function getProfileName(db: GuardDB): Promise<{ name: string; isDefault: boolean }> {
  let read = cache.get(db);
  if (!read) {
    read = db.meta.get(PROFILE_KEY).then((row) => (typeof row?.value === 'string' && row.value ? row.value : undefined));
    cache.set(db, read);
    read.catch(() => cache.delete(db));
  }
  const name = await read;
  return name ? { name, isDefault: false } : { name: DEFAULT_PROFILE_NAME, isDefault: true };
}

export async function setProfileName(db: GuardDB, name: string): Promise<void> {
  cache.delete(db);
  await db.meta.put({ key: PROFILE_KEY, value: name });
  cache.delete(db);
}
