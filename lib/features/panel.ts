import { t, type Lang } from '@/lib/i18n/page';

/**
 * The in-page record panel: the popup page in an extension-origin iframe, inside a closed shadow
 * root. The CRM page's scripts can neither read the frame (cross-origin) nor reach the element
 * (closed root), so they cannot read or drive the form.
 */
const STYLE = `
:host { all: initial; }
.wrap { position: fixed; top: 64px; right: 16px; z-index: 2147483646; width: 380px; max-width: calc(100vw - 32px);
  height: 560px; max-height: calc(100vh - 80px); background: #fff; border: 1px solid #94a3b8; border-radius: 10px;
  box-shadow: 0 12px 32px rgba(15, 23, 42, .25); display: flex; flex-direction: column; overflow: hidden;
  font: 13px/18px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #0f172a; }
.bar { display: flex; justify-content: space-between; align-items: center; padding: 6px 8px 6px 12px; background: #0f172a; color: #fff; }
.bar h2 { font: 600 13px/18px inherit; margin: 0; }
button { font: inherit; color: #fff; background: transparent; border: 1px solid #cbd5e1; border-radius: 6px; padding: 2px 8px; cursor: pointer; }
button:focus-visible { outline: 3px solid #93c5fd; outline-offset: 1px; }
iframe { flex: 1; border: 0; width: 100%; }
`;

export interface PanelHandle {
  host: HTMLElement;
  isOpen(): boolean;
  open(src: string): void;
  close(): void;
  destroy(): void;
}

export function createPanel(doc: Document, lang: Lang, onClosed: () => void): PanelHandle {
  const host = doc.createElement('div');
  host.setAttribute('data-cpg', 'panel');
  const root = host.attachShadow({ mode: 'closed' });
  let wrap: HTMLElement | null = null;

  const close = (): void => {
    if (!wrap) return;
    wrap.remove();
    wrap = null;
    host.remove();
    onClosed();
  };

  const open = (src: string): void => {
    if (wrap) return;
    wrap = doc.createElement('div');
    wrap.className = 'wrap';
    wrap.setAttribute('role', 'dialog');
    wrap.setAttribute('aria-label', t(lang, 'panelTitle'));
    const bar = doc.createElement('div');
    bar.className = 'bar';
    const title = doc.createElement('h2');
    title.textContent = t(lang, 'appName');
    const closeButton = doc.createElement('button');
    closeButton.type = 'button';
    closeButton.textContent = '✕';
    closeButton.setAttribute('aria-label', t(lang, 'panelClose'));
    closeButton.addEventListener('click', close);
    bar.append(title, closeButton);
    const frame = doc.createElement('iframe');
    frame.title = t(lang, 'panelTitle');
    frame.src = src;
    wrap.append(bar, frame);
    wrap.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
    });
    const style = doc.createElement('style');
    style.textContent = STYLE;
    root.replaceChildren(style, wrap);
    // Focus goes into the panel once its page is there: focusing the frame before it loads leaves
    // the loaded document without focus, and the next Tab goes back to the CRM page. The panel's
    // page then focuses its first control (entrypoints/popup/App.tsx). Not when the user has gone
    // elsewhere in the page meanwhile.
    const opener = doc.activeElement;
    const shown = wrap;
    frame.addEventListener(
      'load',
      () => {
        const active = doc.activeElement;
        if (wrap === shown && (!active || active === opener || active === doc.body || active === host)) frame.focus();
      },
      { once: true },
    );
    (doc.body ?? doc.documentElement).append(host);
  };

  return {
    host,
    isOpen: () => wrap !== null,
    open,
    close,
    destroy: () => {
      wrap = null;
      host.remove();
    },
  };
}
