import { t } from '@/lib/i18n/page';
import type { Feature, PageContext } from './types';
import { shadowHost } from './shadow-host';

/**
 * "This CRM instance is not approved by your organisation": a banner at the top of the page when
 * the policy lists approved instances and this one is not among them. The background decides (from
 * the URL) and logs it once per instance and day. Light-DOM host `[data-cpg="banner"]`, text in an
 * open shadow root, our own strings only; px sizes because `rem` follows the page.
 */
const STYLE = `
:host { all: initial; display: block; }
div { font: 14px/20px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; display: flex; align-items: center; gap: 12px;
  padding: 8px 16px; background: #fef2f2; color: #7f1d1d; border-bottom: 2px solid #b91c1c; }
strong { font-weight: 700; }
span { flex: 1; }
button { font: 600 13px/18px system-ui, sans-serif; padding: 4px 10px; border-radius: 4px; border: 1px solid #7f1d1d;
  background: #ffffff; color: #7f1d1d; cursor: pointer; }
button:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
`;

export function createBanner(doc: Document, lang: PageContext['lang']): HTMLElement {
  const { host, root } = shadowHost(doc, 'div', { 'data-cpg': 'banner', 'data-cpg-state': 'not-approved' }, STYLE);
  const box = doc.createElement('div');
  box.setAttribute('role', 'alert');
  const title = doc.createElement('strong');
  title.textContent = t(lang, 'polBanner');
  const detail = doc.createElement('span');
  detail.textContent = t(lang, 'polBannerDetail');
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', t(lang, 'polBannerDismiss'));
  close.addEventListener('click', () => host.remove());
  box.append(title, detail, close);
  root.append(box);
  return host;
}

/** Waits for <body> (the content script runs at document_start). */
function whenBody(doc: Document, signal: AbortSignal): Promise<HTMLElement | null> {
  if (doc.body) return Promise.resolve(doc.body);
  return new Promise((resolve) => {
    const done = () => resolve(doc.body);
    doc.addEventListener('DOMContentLoaded', done, { once: true, signal });
    signal.addEventListener('abort', () => resolve(null), { once: true });
  });
}

export const instanceBanner: Feature = {
  id: 'instance-banner',
  include: ['record', 'list', 'other'],
  async init(ctx, checked) {
    // Its stand-in (lib/features/index.ts) asked first: a yes there is the same answer here.
    const notApproved = checked === true || (await ctx.send('instance.check', { url: ctx.url })).verdict === 'not-approved';
    if (!notApproved || ctx.signal.aborted) return;
    const body = await whenBody(ctx.doc, ctx.signal);
    if (!body || ctx.signal.aborted) return;
    // One banner per page, whatever navigations happened meanwhile.
    ctx.doc.querySelectorAll('[data-cpg="banner"]').forEach((el) => el.remove());
    const host = createBanner(ctx.doc, ctx.lang);
    body.prepend(host);
    ctx.signal.addEventListener('abort', () => host.remove(), { once: true });
  },
};
