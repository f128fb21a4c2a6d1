import { z } from 'zod';
import { ACCESS_ACTIONS, type AccessEvent } from '@/lib/db/schema';
import { ChainVerifier, GENESIS_HASH, type BreakKind } from './chain';
import { bothLangs, errorMessage, type ErrorKey, type ErrorParams } from '@/lib/i18n/error-text';

export const BUNDLE_FORMAT = 'crm-privacy-guard/evidence-bundle';
export const BUNDLE_VERSION = 1;
/** Larger files are refused before parsing (a log of about 200,000 events). */
export const MAX_BUNDLE_BYTES = 100 * 1024 * 1024;
export const MAX_BUNDLE_EVENTS = 250_000;

const hash = z.string().regex(/^[0-9a-f]{64}$/);
const short = (max: number) => z.string().max(max);

export const BundleEventSchema = z.strictObject({
  seq: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  action: z.enum(ACCESS_ACTIONS),
  actor: short(200),
  crm: short(40),
  org: short(200),
  object: short(200),
  recordId: short(200),
  recordKey: short(400),
  fields: z.array(short(200)).max(500),
  reason: short(1000),
  policyVersion: short(100),
  path: short(4096),
  detail: short(1000),
  eventId: short(200).optional(),
  prevHash: hash,
  hash,
});

export const CheckpointSchema = z.strictObject({
  id: z.number().int().optional(),
  count: z.number().int().nonnegative(),
  fromAt: z.number().int().nonnegative(),
  toAt: z.number().int().nonnegative(),
  lastHash: hash,
  lastSeq: z.number().int().nonnegative(),
  prunedAt: z.number().int().nonnegative(),
});

/** Everything but the events: what the bundle says about itself. */
export const BundleHeaderSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  exportedAt: z.number().int().nonnegative(),
  /** Who exported it and from which extension version: shown as the origin of an imported bundle. */
  origin: z.strictObject({ actor: short(200), extensionVersion: short(40) }),
  /** The pruned prefix, when the log was pruned before the export. */
  checkpoint: CheckpointSchema.nullable(),
  /** The chain head at the time of the export, and how many events follow the checkpoint. */
  head: z.strictObject({ hash, seq: z.number().int().nonnegative() }),
  count: z.number().int().nonnegative().max(MAX_BUNDLE_EVENTS),
});

export type BundleHeader = z.infer<typeof BundleHeaderSchema>;

/**
 * The bundle's JSON in pieces, so that an export streams: the header first (events last, so a cut
 * file is caught as truncated), then one piece per batch of events.
 */
export function bundleStart(header: BundleHeader): string {
  const head = JSON.stringify(header);
  return `${head.slice(0, -1)},"events":[`;
}

export function bundleEvents(events: readonly AccessEvent[], first: boolean): string {
  const body = events.map((e) => JSON.stringify(e)).join(',');
  return first || body === '' ? body : `,${body}`;
}

export const BUNDLE_END = ']}';

export type BundleCheck = 'size' | 'json' | 'format' | 'event' | 'count' | 'chain' | 'head' | 'checkpoint' | 'cancelled';

export type BundleResult =
  | { ok: true; header: BundleHeader; events: AccessEvent[] }
  | { ok: false; check: BundleCheck; message: string; key: ErrorKey; params?: ErrorParams; index?: number; seq?: number; kind?: BreakKind };

type Refusal = Extract<BundleResult, { ok: false }>;

/** A refusal: `message` in English (as before), `key` and `params` for errorText(lang, refusal) on the page. */
export function refusal(check: BundleCheck, key: ErrorKey, params?: ErrorParams, extra: Pick<Refusal, 'index' | 'seq' | 'kind'> = {}): Refusal {
  return { ok: false, check, ...extra, message: errorMessage('en', key, params), key, ...(params ? { params } : {}) };
}

const KIND_KEYS: Readonly<Record<BreakKind, ErrorKey>> = {
  changed: 'biKindChanged',
  removed: 'biKindRemoved',
  inserted: 'biKindInserted',
  reordered: 'biKindReordered',
  truncated: 'biKindTruncated',
  checkpoint: 'biKindCheckpoint',
};

/** A file over the size limit (also checked by the page before reading it). */
export function tooBig(bytes: number): Refusal {
  return refusal('size', 'biTooBig', { size: Math.ceil(bytes / 1_048_576), max: MAX_BUNDLE_BYTES / 1_048_576 });
}

export interface VerifyBundleOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  batch?: number;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Verifies a bundle from a colleague: size, JSON, format, every event's shape, the count, the
 * chain from the checkpoint (or the start) and the head. Nothing is kept on failure; on success
 * the events are returned to be shown read-only, never added to the local log.
 */
export async function verifyBundle(text: string, options: VerifyBundleOptions = {}): Promise<BundleResult> {
  const size = new TextEncoder().encode(text).length;
  if (size > MAX_BUNDLE_BYTES) {
    return tooBig(size);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return refusal('json', 'biNotJson', { detail: why });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return refusal('format', 'biNotBundle');
  }
  const { events: rawEvents, ...rest } = raw as Record<string, unknown>;
  const header = BundleHeaderSchema.safeParse(rest);
  if (!header.success) {
    const issue = header.error.issues[0];
    // zod words every issue: its message is the detail (English: a field of the file's own format).
    return refusal('format', 'biBadHeader', { at: issue?.path.join('.') || 'file', detail: issue?.message ?? '' });
  }
  if (!Array.isArray(rawEvents)) return refusal('format', 'biNoEvents');
  if (rawEvents.length > MAX_BUNDLE_EVENTS) {
    return refusal('size', 'biTooMany', { n: rawEvents.length, max: MAX_BUNDLE_EVENTS });
  }
  if (rawEvents.length !== header.data.count) {
    return refusal('count', 'biCount', { declared: header.data.count, held: rawEvents.length });
  }
  const { checkpoint } = header.data;
  const verifier = new ChainVerifier(checkpoint?.lastHash ?? GENESIS_HASH, checkpoint?.lastSeq);
  const batch = options.batch ?? 500;
  const events: AccessEvent[] = [];
  for (let i = 0; i < rawEvents.length; i += batch) {
    if (options.signal?.aborted) return refusal('cancelled', 'biCancelled');
    const slice: AccessEvent[] = [];
    for (let j = i; j < Math.min(i + batch, rawEvents.length); j++) {
      const parsed = BundleEventSchema.safeParse(rawEvents[j]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return refusal('event', 'biEventMalformed', { n: j + 1, at: issue?.path.join('.') || 'event', detail: issue?.message ?? 'invalid' }, { index: j });
      }
      slice.push(parsed.data as AccessEvent);
    }
    const failure = await verifier.feed(slice);
    if (failure) {
      const index = failure.firstBadSeq === undefined ? undefined : events.length + slice.findIndex((e) => e.seq === failure.firstBadSeq);
      return refusal(
        'chain',
        'biChainBreak',
        { seq: failure.firstBadSeq ?? '?', kind: bothLangs(KIND_KEYS[failure.kind]) },
        {
          kind: failure.kind,
          ...(failure.firstBadSeq !== undefined ? { seq: failure.firstBadSeq } : {}),
          ...(index !== undefined && index >= events.length ? { index } : {}),
        },
      );
    }
    events.push(...slice);
    options.onProgress?.(events.length, rawEvents.length);
    await tick();
  }
  const verdict = verifier.finish(header.data.head.hash);
  const last = events[events.length - 1];
  if (!verdict.ok || (last && last.seq !== header.data.head.seq)) {
    return refusal('head', 'biHead', undefined, { kind: 'truncated' });
  }
  // The checkpoint is outside the chain: a log-pruned event in the chain must vouch for its hash.
  if (checkpoint && !events.some((e) => e.action === 'log-pruned' && e.detail.includes(`lastHash=${checkpoint.lastHash}`))) {
    return refusal('checkpoint', 'biCheckpoint', undefined, { kind: 'checkpoint' });
  }
  return { ok: true, header: header.data, events };
}

