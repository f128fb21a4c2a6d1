/**
 * A light-DOM host for injected UI: `data-cpg…` attributes on the host (the DOM contract, visible
 * without entering the root), its own stylesheet inside the shadow root so page CSS cannot restyle
 * it. Closed roots for what the page must not reach (dialogs), open ones for what QA tools read.
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
  const style = doc.createElement('style');
  style.textContent = css;
  root.append(style);
  return { host, root };
}
