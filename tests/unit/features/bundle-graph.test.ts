import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { FEATURES } from '@/lib/features';
import { LAZY_FEATURES } from '@/lib/features/lazy-features';

// Size budget (benchmark #8, README § Performance): what runs on every CRM page is
// content-scripts/crm.js, built from entrypoints/crm.content. These tests walk its static import
// graph (type-only imports excluded, as the bundler drops them) and fail when it reaches strings of
// another surface or a feature that is loaded on demand, so the budget cannot regress silently.

const root = path.resolve(__dirname, '../../..');

/** Runtime imports of one file: `import type`, all-`type` specifier lists and type re-exports do not count. */
function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      const named = clause?.namedBindings;
      const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
      if (!onlyTypes) out.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      if (statement.isTypeOnly) continue;
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly)) continue;
      out.push(statement.moduleSpecifier.text);
    }
  }
  return out;
}

function resolve(specifier: string, from: string): string | null {
  const bare = specifier.replace(/\?.*$/, '');
  let base: string;
  if (bare.startsWith('@/')) base = path.join(root, bare.slice(2));
  else if (bare.startsWith('.')) base = path.resolve(path.dirname(from), bare);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && !candidate.endsWith('/') && path.extname(candidate)) return candidate;
  }
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

/** Every project file and package the entry reaches at run time (project files relative to the root). */
function graph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [path.join(root, entry)];
  while (todo.length > 0) {
    const file = todo.pop()!;
    const rel = path.relative(root, file);
    if (files.has(rel)) continue;
    files.add(rel);
    if (!/\.tsx?$/.test(file)) continue;
    for (const specifier of runtimeSpecifiers(file)) {
      const target = resolve(specifier, file);
      if (target) todo.push(target);
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  }
  return { files, packages };
}

const CORE = graph('entrypoints/crm.content/index.ts');
const LAZY = graph('entrypoints/crm-lazy.ts');

/** Modules of the features loaded on demand: never in the script on every page. */
const ON_DEMAND_MODULES = [
  'lib/features/lazy-features.ts',
  'lib/features/record-badge.ts',
  'lib/features/badge-ui.ts',
  'lib/features/panel.ts',
  'lib/features/record-export.ts',
  'lib/features/retention.ts',
  'lib/features/list-rows.ts',
  'lib/features/instance-banner.ts',
  'lib/crm/page-retention.ts',
  'lib/crm/dates.ts',
  'lib/law/bases.ts',
];

describe('what loads on every CRM page (content-scripts/crm.js)', () => {
  test('the graph walk sees the modules it must (the test can fail)', () => {
    for (const file of ['lib/features/runner.ts', 'lib/features/mask.ts', 'lib/features/lazy.ts', 'lib/crm/registry.ts', 'lib/i18n/content.ts', 'lib/i18n/messages/mask-page.ts', 'lib/features/mask-prehide.css']) {
      expect(CORE.files, file).toContain(file);
    }
    expect(LAZY.files).toContain('lib/features/retention.ts');
    expect(LAZY.files).toContain('lib/i18n/messages/badge.ts');
  });

  test('strings: only the masking strings shown on the page, never lib/i18n (every surface) or another message file', () => {
    const i18n = [...CORE.files].filter((f) => f.startsWith('lib/i18n/')).sort();
    expect(i18n).toEqual(['lib/i18n/content.ts', 'lib/i18n/messages/mask-page.ts', 'lib/i18n/translate.ts']);
  });

  test('no feature that is loaded on demand, and no package of the extension pages or the background', () => {
    for (const file of ON_DEMAND_MODULES) expect(CORE.files, file).not.toContain(file);
    for (const pkg of ['zod', 'react', 'react-dom', 'dexie', 'recharts', 'zustand', 'webextension-polyfill', '@wxt-dev/webextension-polyfill']) {
      expect(CORE.packages, pkg).not.toContain(pkg);
    }
    expect([...CORE.files].filter((f) => /^(components|entrypoints\/(popup|dashboard|background|reveal))\//.test(f))).toEqual([]);
  });
});

describe('what loads on demand (crm-lazy.js)', () => {
  test('strings of the CRM page only: no popup, dashboard, policy, log or consent message file', () => {
    const i18n = [...LAZY.files].filter((f) => f.startsWith('lib/i18n/')).sort();
    expect(i18n).toEqual(['lib/i18n/messages/badge.ts', 'lib/i18n/messages/pages.ts', 'lib/i18n/page.ts', 'lib/i18n/translate.ts']);
    for (const pkg of ['zod', 'react', 'dexie', 'recharts', 'webextension-polyfill']) expect(LAZY.packages, pkg).not.toContain(pkg);
  });

  test('every stand-in in FEATURES has its feature in crm-lazy.js with the same page kinds, and the reverse', () => {
    const standIns = FEATURES.filter((f) => f.onDemand).map((f) => ({ id: f.id, include: [...f.include] }));
    const lazy = LAZY_FEATURES.map((f) => ({ id: f.id, include: [...f.include] }));
    expect(standIns.sort((a, b) => a.id.localeCompare(b.id))).toEqual(lazy.sort((a, b) => a.id.localeCompare(b.id)));
    expect(LAZY_FEATURES.some((f) => f.onDemand)).toBe(false);
    // Always loaded: masking (before paint) and the page report.
    expect(FEATURES.filter((f) => !f.onDemand).map((f) => f.id)).toEqual(['field-mask', 'page-report']);
  });
});
