import { chainEvents, GENESIS_HASH } from '@/lib/audit/chain';
import { BUNDLE_END, BUNDLE_FORMAT, bundleEvents, bundleStart, MAX_BUNDLE_BYTES, tooBig, verifyBundle, type BundleHeader } from '@/lib/audit/bundle';
import { errorText } from '@/lib/i18n/error-text';
import type { AccessEvent } from '@/lib/db/schema';
import { newEvent } from './helpers';

async function makeBundle(n: number, startSeq = 1, checkpoint: BundleHeader['checkpoint'] = null, lastOver: Partial<AccessEvent> = {}): Promise<{ text: string; events: AccessEvent[]; header: BundleHeader }> {
  const chained = await chainEvents(checkpoint?.lastHash ?? GENESIS_HASH, Array.from({ length: n }, (_, i) => newEvent(i, { eventId: `id-${i}`, ...(i === n - 1 ? lastOver : {}) })));
  const events = chained.map((e, i) => ({ ...e, seq: startSeq + i }));
  const last = events[events.length - 1];
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: 1,
    exportedAt: 1,
    origin: { actor: 'Ana Ruiz', extensionVersion: '0.1.0' },
    checkpoint,
    head: { hash: last?.hash ?? checkpoint?.lastHash ?? GENESIS_HASH, seq: last?.seq ?? 0 },
    count: n,
  };
  // Streamed in two pieces, as the export writes it.
  const text = bundleStart(header) + bundleEvents(events.slice(0, 2), true) + bundleEvents(events.slice(2), false) + BUNDLE_END;
  return { text, events, header };
}

describe('evidence bundle', () => {
  test('a streamed bundle parses back and verifies, with progress', async () => {
    const { text, events } = await makeBundle(7);
    const progress: number[] = [];
    const result = await verifyBundle(text, { batch: 3, onProgress: (done) => progress.push(done) });
    expect(result).toMatchObject({ ok: true, header: { origin: { actor: 'Ana Ruiz' }, count: 7 } });
    if (result.ok) expect(result.events).toEqual(events);
    expect(progress).toEqual([3, 6, 7]);
  });

  test('a bundle of a pruned log verifies from its checkpoint, which a log-pruned event must vouch for', async () => {
    const checkpoint = { count: 10, fromAt: 1, toAt: 2, lastHash: 'a'.repeat(64), lastSeq: 10, prunedAt: 3 };
    const { text } = await makeBundle(3, 11, checkpoint, { action: 'log-pruned', detail: `pruned=10;lastHash=${'a'.repeat(64)}` });
    expect(await verifyBundle(text)).toMatchObject({ ok: true });
    const { text: unvouched } = await makeBundle(3, 11, checkpoint);
    expect(await verifyBundle(unvouched)).toMatchObject({ ok: false, check: 'checkpoint' });
  });

  test('tampered: an edited event is named', async () => {
    const { text } = await makeBundle(5);
    const tampered = text.replace('"actor":"rep","crm"', '"actor":"rap","crm"');
    expect(tampered).not.toBe(text);
    expect(await verifyBundle(tampered)).toMatchObject({ ok: false, check: 'chain', kind: 'changed', seq: 1, index: 0 });
  });

  test('truncated: a cut file, and events dropped from the end with the count fixed up', async () => {
    const { text, events, header } = await makeBundle(5);
    expect(await verifyBundle(text.slice(0, text.length - 40))).toMatchObject({ ok: false, check: 'json' });
    const short = bundleStart({ ...header, count: 4 }) + bundleEvents(events.slice(0, 4), true) + BUNDLE_END;
    expect(await verifyBundle(short)).toMatchObject({ ok: false, check: 'head', kind: 'truncated' });
    const lying = bundleStart(header) + bundleEvents(events.slice(0, 4), true) + BUNDLE_END;
    expect(await verifyBundle(lying)).toMatchObject({ ok: false, check: 'count' });
  });

  test('malformed: not a bundle, a bad event, an unknown field', async () => {
    expect(await verifyBundle('[1,2]')).toMatchObject({ ok: false, check: 'format' });
    expect(await verifyBundle('{"format":"something-else"}')).toMatchObject({ ok: false, check: 'format' });
    const { text } = await makeBundle(3);
    const bad = text.replace('"action":"view"', '"action":"delete-everything"');
    expect(await verifyBundle(bad)).toMatchObject({ ok: false, check: 'event', index: 0 });
    const extra = text.replace('"action":"view"', '"value":"jane@example.com","action":"view"');
    const r = await verifyBundle(extra);
    expect(r).toMatchObject({ ok: false, check: 'event', index: 0 });
    if (!r.ok) expect(r.message).toContain('Event 1');
  });

  test('every refusal carries its catalogue key: the English message as before, French on a French page', async () => {
    const { text, events, header } = await makeBundle(5);
    const tampered = await verifyBundle(text.replace('"actor":"rep","crm"', '"actor":"rap","crm"'));
    expect(tampered).toMatchObject({ ok: false, key: 'biChainBreak', message: 'The chain breaks at event #1 (changed): the bundle, or the log it was exported from, was altered.' });
    // The import cannot know when the chain was altered (before the export, in the log, or after it, in the file).
    expect(tampered).not.toMatchObject({ message: expect.stringContaining('after export') });
    expect(errorText('fr', tampered)).toBe('La chaîne est rompue à l’événement n° 1 (modifié) : le dossier, ou le journal dont il a été exporté, a été modifié.');
    const cut = await verifyBundle(text.slice(0, text.length - 40));
    expect(cut).toMatchObject({ ok: false, check: 'json', key: 'biNotJson' });
    expect(errorText('fr', cut)).toMatch(/^Le fichier n’est pas du JSON complet \(tronqué ou mal formé\) : /);
    const lying = await verifyBundle(bundleStart(header) + bundleEvents(events.slice(0, 4), true) + BUNDLE_END);
    expect(lying).toMatchObject({ key: 'biCount', message: 'The bundle says 5 events but holds 4: it was truncated or edited.' });
    expect(errorText('fr', lying)).toBe('Le dossier annonce 5 événements mais en contient 4 : il a été tronqué ou modifié.');
    const short = await verifyBundle(bundleStart({ ...header, count: 4 }) + bundleEvents(events.slice(0, 4), true) + BUNDLE_END);
    expect(errorText('fr', short)).toBe('Le dernier événement n’est pas la tête annoncée par le dossier : des événements ont été retirés à la fin.');
    expect(errorText('fr', await verifyBundle('[1,2]'))).toBe('Le fichier n’est pas un dossier de preuve CRM Privacy Guard.');
    expect(errorText('fr', tooBig(MAX_BUNDLE_BYTES + 1))).toBe('Le fichier fait 101 Mo ; les dossiers de plus de 100 Mo sont refusés.');
    expect(tooBig(MAX_BUNDLE_BYTES + 1).message).toBe('The file is 101 MB; bundles over 100 MB are refused.');
  });

  test('huge: refused before parsing', async () => {
    const huge = `{"pad":"${'x'.repeat(MAX_BUNDLE_BYTES)}"}`;
    expect(await verifyBundle(huge)).toMatchObject({ ok: false, check: 'size' });
  });

  test('cancelled: nothing comes back', async () => {
    const { text } = await makeBundle(6);
    const controller = new AbortController();
    const result = await verifyBundle(text, { batch: 2, signal: controller.signal, onProgress: () => controller.abort() });
    expect(result).toMatchObject({ ok: false, check: 'cancelled' });
  });
});
