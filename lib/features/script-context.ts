/**
 * What `content-scripts/crm.js` gets in place of WXT's `ContentScriptContext` (wxt.config.ts aliases
 * `wxt/utils/content-script-context` to this file for the content-script builds; WXT's wrapper
 * constructs one and hands it to `main`).
 *
 * WXT's context ends when a document event named `<extension id>:crm:wxt:content-script-started`
 * announces a newer copy of the script, and dispatches that event itself at start-up. The CRM page's
 * own scripts hear the event (its name carries the extension's id) and can forge it. A newer copy
 * never starts in a document that already runs one: the browser injects the manifest's content
 * scripts on navigation only, not into open pages when the extension reloads or updates. A copy left
 * behind then keeps its masks (values stay hidden) until the page reloads with the new one. So
 * nothing here listens or announces, and the page hears nothing at start-up. It also keeps ~2 KB and
 * the context's set-up out of the script that loads on every CRM page (benchmark #8).
 */
export class ContentScriptContext {
  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}
}
