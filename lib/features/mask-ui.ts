import { t, type Lang } from '@/lib/i18n/content';
import { shadowHost } from './shadow-host';

/**
 * What masking puts on the page, all plain DOM with text only (page labels go to textContent,
 * never to a parser), sizes in px (`rem` follows the page's root font size):
 * - the mask over a hidden value (open shadow root: it holds no secret, and tests can read it);
 * - the reason dialog: an extension-origin frame inside a closed shadow root, so the page's scripts
 *   can neither reach the element nor read or click into the frame (cross-origin);
 * - a status line (live region) for "copy blocked", "shown for 30 s", "masked again".
 */

const MASK_STYLE = `
:host { all: initial; position: absolute; z-index: 1; display: inline-block; }
:host([hidden]) { display: none; }
.m { display: inline-flex; align-items: center; gap: 6px; padding: 0 4px; border-radius: 4px; background: #e2e8f0;
  color: #1e293b; font: 400 13px/20px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; white-space: nowrap; }
.dots { letter-spacing: 2px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
button { font: 600 12px/16px inherit; font-family: inherit; color: #1e3a8a; background: #fff; border: 1px solid #1e40af;
  border-radius: 4px; padding: 0 6px; cursor: pointer; }
button:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 1px; }
`;

export interface MaskHost {
  host: HTMLElement;
  /** Shows the mask (value hidden) or hides it (value revealed). */
  setShown(shown: boolean): void;
  focusButton(): void;
}

/** The mask drawn over a hidden value: "{label}: value masked" for screen readers, dots, and a Show button. */
export function createMaskHost(doc: Document, lang: Lang, fieldKey: string, label: string, onReveal: (() => void) | null): MaskHost {
  const { host, root } = shadowHost(doc, 'span', { 'data-cpg': 'mask', 'data-cpg-field': fieldKey }, MASK_STYLE);
  const box = doc.createElement('span');
  box.className = 'm';
  const sr = doc.createElement('span');
  sr.className = 'sr';
  sr.textContent = t(lang, 'maskMasked', { label });
  const dots = doc.createElement('span');
  dots.className = 'dots';
  dots.setAttribute('aria-hidden', 'true');
  dots.textContent = '••••••';
  box.append(sr, dots);
  let button: HTMLButtonElement | null = null;
  if (onReveal) {
    button = doc.createElement('button');
    button.type = 'button';
    button.textContent = t(lang, 'maskReveal');
    button.setAttribute('aria-label', t(lang, 'maskRevealLabel', { label }));
    button.setAttribute('aria-haspopup', 'dialog');
    button.addEventListener('click', (event) => {
      event.stopPropagation(); // the CRM's own click handlers (inline edit) have nothing to do with it
      event.preventDefault();
      onReveal();
    });
    box.append(button);
  }
  root.append(box);
  return {
    host,
    setShown: (shown) => {
      host.hidden = !shown;
    },
    focusButton: () => button?.focus(),
  };
}

const DIALOG_STYLE = `
:host { all: initial; }
.backdrop { position: fixed; inset: 0; z-index: 2147483646; background: rgba(15, 23, 42, .35); }
.wrap { position: fixed; z-index: 2147483647; top: 50%; left: 50%; transform: translate(-50%, -50%); width: 420px;
  max-width: calc(100vw - 32px); height: 460px; max-height: calc(100vh - 32px); background: #fff; border: 1px solid #94a3b8;
  border-radius: 10px; box-shadow: 0 12px 32px rgba(15, 23, 42, .3); display: flex; flex-direction: column; overflow: hidden;
  font: 13px/18px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0f172a; }
.bar { display: flex; justify-content: space-between; align-items: center; padding: 6px 8px 6px 12px; background: #0f172a; color: #fff; }
.bar h2 { font: 600 13px/18px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; }
button { font: inherit; color: #fff; background: transparent; border: 1px solid #cbd5e1; border-radius: 6px; padding: 2px 8px; cursor: pointer; }
button:focus-visible { outline: 3px solid #93c5fd; outline-offset: 1px; }
iframe { flex: 1; border: 0; width: 100%; }
`;

export interface RevealDialog {
  host: HTMLElement;
  fieldKey: string;
  close(): void;
}

/**
 * The reason dialog: the extension page `reveal.html` framed inside a closed shadow root. The
 * frame talks to the background only; the page sees a host element and nothing else.
 */
export function openRevealDialog(
  doc: Document,
  lang: Lang,
  opts: { src: string; fieldKey: string; label: string; onClosed: () => void },
): RevealDialog {
  const { host, root } = shadowHost(doc, 'div', { 'data-cpg': 'reveal-dialog' }, DIALOG_STYLE, 'closed');
  const backdrop = doc.createElement('div');
  backdrop.className = 'backdrop';
  const wrap = doc.createElement('div');
  wrap.className = 'wrap';
  wrap.setAttribute('role', 'dialog');
  wrap.setAttribute('aria-modal', 'true');
  const title = t(lang, 'maskDialogTitle', { label: opts.label });
  wrap.setAttribute('aria-label', title);
  const bar = doc.createElement('div');
  bar.className = 'bar';
  const heading = doc.createElement('h2');
  heading.textContent = title;
  const closeButton = doc.createElement('button');
  closeButton.type = 'button';
  closeButton.textContent = '✕';
  closeButton.setAttribute('aria-label', t(lang, 'maskDialogClose'));
  bar.append(heading, closeButton);
  const frame = doc.createElement('iframe');
  frame.title = title;
  frame.src = opts.src;
  wrap.append(bar, frame);
  root.append(backdrop, wrap);

  let open = true;
  const close = (): void => {
    if (!open) return;
    open = false;
    host.remove();
    opts.onClosed();
  };
  closeButton.addEventListener('click', close);
  backdrop.addEventListener('click', close);
  // Keys typed inside the frame never reach this document; these are for the close button.
  wrap.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  (doc.body ?? doc.documentElement).append(host);
  frame.focus();
  return { host, fieldKey: opts.fieldKey, close };
}

const STATUS_STYLE = `
:host { all: initial; }
.s { position: fixed; z-index: 2147483645; left: 50%; bottom: 24px; transform: translateX(-50%); max-width: calc(100vw - 32px);
  padding: 8px 14px; border-radius: 8px; background: #0f172a; color: #fff; font: 500 13px/18px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.s:empty { display: none; }
`;

/** How long a status line just put on the page stays empty before its first message (see `say`). */
export const ANNOUNCE_DELAY_MS = 100;

export interface StatusLine {
  say(text: string): void;
  /** Takes the line off the page (if it was ever put there). */
  remove(): void;
}

/**
 * One polite live region per page for masking's short messages; each message fades after a few
 * seconds. Built at the first message, not when masking starts: most pages never show one, and
 * building a shadow host before the page's load event is work the CRM would wait for (benchmark #2).
 */
export function createStatusLine(doc: Document): StatusLine {
  let built: { host: HTMLElement; line: HTMLElement } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const build = (): { host: HTMLElement; line: HTMLElement } => {
    const { host, root } = shadowHost(doc, 'div', { 'data-cpg': 'mask-status' }, STATUS_STYLE);
    const line = doc.createElement('div');
    line.className = 's';
    line.setAttribute('role', 'status');
    line.setAttribute('aria-live', 'polite');
    root.append(line);
    return { host, line };
  };
  let shown: ReturnType<typeof setTimeout> | undefined;
  return {
    say(text) {
      built ??= build();
      const { host, line } = built;
      const show = (): void => {
        line.textContent = text;
        clearTimeout(timer);
        timer = setTimeout(() => {
          line.textContent = '';
        }, 4000);
      };
      clearTimeout(shown);
      if (host.isConnected) {
        show();
        return;
      }
      // A live region put on the page with its text already in it is often not read out: the empty
      // region goes first, the text a moment later.
      line.textContent = '';
      (doc.body ?? doc.documentElement).append(host);
      shown = setTimeout(show, ANNOUNCE_DELAY_MS);
    },
    remove() {
      clearTimeout(timer);
      clearTimeout(shown);
      built?.host.remove();
    },
  };
}
