import { send } from '@/lib/messaging/client';
import type { Answers } from '@/lib/messaging/protocol';

/** Everything the dashboard asks of the background; a fake stands in for it in component tests. */
export interface DashboardApi {
  activePolicy(): Promise<Answers['policy.active']>;
  recentEvents(limit: number): Promise<Answers['events.recent']>;
  getProfile(): Promise<Answers['profile.get']>;
  setProfile(name: string): Promise<Answers['profile.set']>;
}

export const browserDashboardApi: DashboardApi = {
  activePolicy: () => send('policy.active', {}),
  recentEvents: (limit) => send('events.recent', { limit }),
  getProfile: () => send('profile.get', {}),
  setProfile: (name) => send('profile.set', { name }),
};
