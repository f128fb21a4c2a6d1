import { send } from '@/lib/messaging/client';
import type { PolicyStatus } from '@/lib/policy/status';

/** Stable loader for the popup's policy line (a new function each render would reload forever). */
export const loadPolicyStatus = (): Promise<PolicyStatus> => send('policy.status', {});
