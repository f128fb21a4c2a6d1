// The do-nothing extension, #2's baseline (../shared/reference/toolchain.md): a content script that
// does nothing but one storage read, on the built extension's CRM hosts and at its run_at.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Writes the do-nothing extension for the built extension at `ourExt` (its chrome-mv3 folder) and
 * returns its folder. Experiments add to it: `extra` joins its content script's entry (e.g.
 * `{ css: ['crm.css'] }`), `before` lists content scripts of their own, `files` copies files in
 * (name → path), and `js` replaces the script's text.
 */
export function doNothingExtension(ourExt, { js = "chrome.storage.local.get('x');\n", extra = {}, before = [], files = {} } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cpg-noop-'));
  const manifest = JSON.parse(readFileSync(path.join(ourExt, 'manifest.json'), 'utf8'));
  const { matches, run_at } = manifest.content_scripts.find((c) => c.js?.includes('content-scripts/crm.js'));
  for (const [name, from] of Object.entries(files)) writeFileSync(path.join(dir, name), readFileSync(from));
  writeFileSync(path.join(dir, 'cs.js'), js);
  writeFileSync(path.join(dir, 'sw.js'), '');
  writeFileSync(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'do-nothing baseline',
      version: '1.0.0',
      permissions: ['storage'],
      host_permissions: manifest.host_permissions,
      background: { service_worker: 'sw.js' },
      content_scripts: [...before, { js: ['cs.js'], ...extra }].map((s) => ({ matches, run_at, ...s })),
    }),
  );
  return dir;
}
