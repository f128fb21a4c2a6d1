import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * jsdom does not parse declarative shadow DOM: this turns every `<template shadowrootmode="open">`
 * (what Chrome parses natively) and `<template data-shadow>` into a real open shadow root on the
 * template's parent, nested templates included. Returns how many roots it attached.
 */
export function attachDeclarativeShadowRoots(root: ParentNode): number {
  let attached = 0;
  const templates = Array.from(
    root.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode="open"], template[data-shadow]'),
  );
  for (const template of templates) {
    const host = template.parentElement;
    if (!host || host.shadowRoot) continue;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.append(template.content);
    template.remove();
    attached += 1 + attachDeclarativeShadowRoots(shadow);
  }
  return attached;
}

// import.meta.dirname, not URL: in the jsdom environment the global URL is jsdom's, which node:url rejects.
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

export function readFixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** A fixture parsed into its own document (same window, so `ShadowRoot` etc. are this realm's), shadow roots attached. */
export function loadFixture(name: string): Document {
  const doc = new DOMParser().parseFromString(readFixture(name), 'text/html');
  attachDeclarativeShadowRoots(doc);
  return doc;
}

/** Markup parsed into a fresh document (same window), shadow roots attached. */
export function parseHtml(markup: string): Document {
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><html><head><title>t</title></head><body>${markup}</body></html>`, 'text/html');
  attachDeclarativeShadowRoots(doc);
  return doc;
}
