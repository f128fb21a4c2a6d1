import { CHANNEL_KEY, REQUEST_KIND_KEY } from '@/lib/consent/labels';
import { crmName } from '@/lib/crm/names';
import { LAWFUL_BASES } from '@/lib/law/bases';
import { t, type Lang, type MessageKey } from '@/lib/i18n/page';
import type { BadgeSummary } from '@/lib/messaging/protocol';
import { shadowHost } from './shadow-host';

/**
 * The record badge: a light-DOM host carrying the state in data attributes (the README's DOM
 * contract), with its button in an open shadow root so the page's CSS cannot restyle it. Text
 * only, and only our own strings: nothing from the page reaches an HTML parser. Sizes in px because `rem` follows the host
 * page's root font size.
 */
const STYLE = `
:host { all: initial; display: inline-block; margin: 4px 0 4px 8px; vertical-align: middle; }
button { font: 600 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; display: inline-flex;
  align-items: center; gap: 6px; padding: 3px 10px; border-radius: 999px; border: 1px solid; cursor: pointer; }
button:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
button[data-state="missing"] { background: #fef3c7; color: #78350f; border-color: #b45309; }
button[data-state="basis-logged"], button[data-state="consent-given"] { background: #dcfce7; color: #14532d; border-color: #15803d; }
button[data-state="consent-withdrawn"], button[data-state="restricted"] { background: #fee2e2; color: #7f1d1d; border-color: #b91c1c; }
.mark { font-size: 13px; }
`;

export interface BadgeHandle {
  host: HTMLElement;
  update(summary: BadgeSummary): void;
}

/** A YYYY-MM-DD date in the reader's language, without time zone shifts. */
export function formatDay(lang: Lang, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** The state in words. */
function stateText(lang: Lang, summary: BadgeSummary): string {
  switch (summary.state) {
    case 'missing':
      return t(lang, 'badgeMissing');
    case 'basis-logged': {
      const basis = summary.basis ? LAWFUL_BASES[summary.basis] : undefined;
      return basis ? t(lang, 'badgeBasis', { basis: `(${basis.letter}) ${basis.short[lang]}` }) : t(lang, 'badgeMissing');
    }
    case 'consent-given':
      return t(lang, 'badgeConsentGiven');
    case 'consent-withdrawn':
      return t(lang, 'badgeConsentWithdrawn');
    case 'restricted':
      return t(lang, 'badgeRestricted');
  }
}

/**
 * The badge's words: the state, where it comes from, what may no longer be done, the open
 * request and its due date, and a missing Art. 14 notice. Our own strings and ids only.
 */
export function badgeText(lang: Lang, summary: BadgeSummary): string {
  const parts = [stateText(lang, summary)];
  const crm = summary.source && summary.source !== 'log' ? crmName(summary.source) : undefined;
  if (crm && summary.state === 'basis-logged') parts[0] = `${parts[0]} (${t(lang, 'badgeFromCrm', { crm })})`;
  const flags = summary.crmFlags ?? [];
  const sourceName = crmName(summary.source ?? '') ?? 'Salesforce';
  if (flags.includes('dont-process')) parts.push(t(lang, 'badgeDontProcess', { crm: sourceName }));
  if (flags.includes('forget')) parts.push(t(lang, 'badgeForget', { crm: sourceName }));
  if (summary.state === 'restricted' && summary.source === 'log') parts.push(t(lang, 'badgeRestrictedByRequest'));
  const withdrawn = summary.withdrawn ?? [];
  if (withdrawn.length > 0) {
    const list = withdrawn
      .map((w) => t(lang, 'badgeWithdrawnItem', { purpose: w.label?.[lang] || w.purposeId, channel: t(lang, CHANNEL_KEY[w.channel]) }))
      .join(', ');
    parts.push(t(lang, 'badgeNoLonger', { list }));
  }
  if (flags.includes('dont-market')) parts.push(t(lang, 'badgeDontMarket', { crm: sourceName }));
  const request = summary.request;
  if (request) {
    const kindKey = (REQUEST_KIND_KEY as Record<string, MessageKey | undefined>)[request.kind];
    const kind = kindKey ? t(lang, kindKey) : request.kind;
    let text = request.dueDate ? t(lang, 'badgeRequest', { kind, due: formatDay(lang, request.dueDate) }) : t(lang, 'badgeRequestNoDue', { kind });
    if (request.open > 1) text = `${text} (${t(lang, 'badgeRequestMore', { n: request.open - 1 })})`;
    parts.push(text);
  }
  if (summary.noticeMissing) parts.push(t(lang, 'badgeNoticeMissing'));
  return parts.join(' · ');
}

export function createBadge(doc: Document, lang: Lang, onActivate: () => void): BadgeHandle {
  const { host, root } = shadowHost(doc, 'span', { 'data-cpg': 'badge', 'data-cpg-state': 'missing' }, STYLE);
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-haspopup', 'dialog');
  const mark = doc.createElement('span');
  mark.className = 'mark';
  mark.setAttribute('aria-hidden', 'true');
  // The label is a light-DOM text node slotted into the button: the host's textContent and
  // innerText carry the state for QA tools, and a bare text node gives page CSS nothing to target.
  const label = doc.createTextNode('');
  host.append(label);
  button.append(mark, doc.createElement('slot'));
  button.addEventListener('click', (event) => {
    event.stopPropagation(); // the CRM's own click handlers have nothing to do with our badge
    onActivate();
  });
  root.append(button);

  let shown = '';
  const update = (summary: BadgeSummary): void => {
    // The same summary again (a push after another tab's change) leaves the page's DOM alone.
    const text = badgeText(lang, summary);
    const signature = `${summary.state}|${summary.basis ?? ''}|${text}`;
    if (signature === shown) return;
    shown = signature;
    host.setAttribute('data-cpg-state', summary.state);
    if (summary.basis) host.setAttribute('data-cpg-basis', summary.basis);
    else host.removeAttribute('data-cpg-basis');
    button.dataset.state = summary.state;
    mark.textContent = summary.state === 'missing' ? '⚠' : summary.state === 'basis-logged' || summary.state === 'consent-given' ? '✓' : '⛔';
    label.data = text;
    button.title = t(lang, 'badgeOpenPanel');
  };
  update({ key: '', state: 'missing' });
  return { host, update };
}

/**
 * Places the badge `host` beside the title `anchor`, always in the document's light DOM (the
 * README's DOM contract: `document.querySelector` finds it without entering a shadow root):
 * - a title in the light DOM (synthetic shadow, F1): right after the title;
 * - a title in its own component's shadow root, that component in the document (F1b): right after
 *   the component, so that the badge renders (a light child of a shadow host shows only if slotted);
 * - a title nested deeper, with native shadow roots all the way up to a page template: after the
 *   template is below the whole record page (687–945 px under the title in the audit pages), so
 *   right before it instead, where a record page template starts with its header: right above the
 *   title. Never inside a host of the page (its framework owns its light children), and no layout
 *   is read: where the outermost host is a whole-app shell, the badge shows above the shell.
 */
export function placeBadgeHost(anchor: Element, host: HTMLElement): void {
  let outer: Element = anchor;
  let depth = 0;
  for (let root = outer.getRootNode(); root instanceof ShadowRoot; root = outer.getRootNode()) {
    outer = root.host;
    depth += 1;
  }
  if (depth < 2) {
    outer.after(host);
    return;
  }
  // Before our own retention warning too, when the badge comes back after the page removed it: the
  // warning stays right after the badge (README "The DOM contract").
  let next: Element = outer;
  while (next.previousElementSibling?.getAttribute('data-cpg') === 'retention') next = next.previousElementSibling;
  next.before(host);
}
