/**
 * A light-DOM host for injected UI: `data-cpg…` attributes on the host (the DOM contract, visible
 * without entering the root), its own stylesheet inside the shadow root so page CSS cannot restyle
 * it. Closed roots for what the page must not reach (dialogs) and for hosts that come by the
 * thousand (list-row markers: deep queries, ours and the page's, then skip them), open ones for what
 * QA tools read inside.
 *
 * The stylesheet is one constructable sheet per document and style text, adopted by every root
 * that uses it (5,000 row markers share one parsed sheet); where a browser cannot adopt sheets
 * here (jsdom, a content-script world that refuses), a `<style>` element in each root.
 */
export function shadowHost(
  doc: Document,
  tag: 'span' | 'div',
  attributes: Record<string, string>,
  css: string,
  mode: ShadowRootMode = 'open',
): { host: HTMLElement; root: ShadowRoot } {
  const host = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
  const root = host.attachShadow({ mode });
  styleRoot(doc, root, css);
  return { host, root };
}

/** Gives a shadow root its stylesheet: the document's shared sheet for `css`, else a `<style>` of its own. */
export function styleRoot(doc: Document, root: ShadowRoot, css: string): void {
  if (adoptSheet(doc, root, css)) return;
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
}

const sheets = new WeakMap<Document, Map<string, CSSStyleSheet | null>>();

/** The shared constructable sheet for `css` in `doc`; null when this environment has none. */
export function sheetFor(doc: Document, css: string): CSSStyleSheet | null {
  let byText = sheets.get(doc);
  if (!byText) {
    byText = new Map();
    sheets.set(doc, byText);
  }
  const known = byText.get(css);
  if (known !== undefined) return known;
  let sheet: CSSStyleSheet | null = null;
  try {
    const win = doc.defaultView;
    // jsdom has the constructor but no adoptedStyleSheets on shadow roots.
    if (win && 'adoptedStyleSheets' in win.ShadowRoot.prototype) {
      sheet = new win.CSSStyleSheet();
      sheet.replaceSync(css);
    }
  } catch {
    sheet = null;
  }
  byText.set(css, sheet);
  return sheet;
}

/** Per document: whether an adopted sheet was seen to take (checked once: reading it back is not free). */
const adoptionWorks = new WeakMap<Document, boolean>();

function adoptSheet(doc: Document, root: ShadowRoot, css: string): boolean {
  const sheet = sheetFor(doc, css);
  if (!sheet || adoptionWorks.get(doc) === false) return false;
  try {
    root.adoptedStyleSheets = [sheet];
    if (adoptionWorks.get(doc) === undefined) adoptionWorks.set(doc, root.adoptedStyleSheets.length === 1);
    return adoptionWorks.get(doc) === true;
  } catch {
    // Firefox content scripts may refuse a sheet from their own compartment: a <style> then.
    adoptionWorks.set(doc, false);
    return false;
  }
}
