import { salesforce } from '@/lib/crm/salesforce';
import { createMasker, type Masker } from '@/lib/features/mask';

/** A masker on a Salesforce Contact page that reports to nobody: for tests that look at the page only. */
export function silentMasker(doc: Document, signal: AbortSignal): Masker {
  return createMasker({
    doc,
    win: window,
    lang: 'en',
    adapter: salesforce,
    object: 'Contact',
    canReveal: true,
    signal,
    onRevealRequest: () => undefined,
    onReport: () => undefined,
    onCopied: () => undefined,
  });
}
