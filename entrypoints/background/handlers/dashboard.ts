import { getProfileName, setProfileName } from '@/lib/db/profile';
import type { Handler } from '../deps';

export const eventsRecent: Handler<'events.recent'> = async (payload, _sender, deps) => {
  const events = await deps.db.events.orderBy('seq').reverse().limit(payload.limit).toArray();
  return { events, total: await deps.db.events.count() };
};

export const policyActive: Handler<'policy.active'> = async (_payload, _sender, deps) => {
  const row = await deps.policies.activeRow();
  return { policy: row.doc, source: row.source, activatedAt: row.activatedAt };
};

export const profileGet: Handler<'profile.get'> = async (_payload, _sender, deps) => getProfileName(deps.db);

export const profileSet: Handler<'profile.set'> = async (payload, _sender, deps) => {
  await setProfileName(deps.db, payload.name);
  return getProfileName(deps.db);
};

