/**
 * Policy problems carry a catalogue key and params next to their English message, so that the
 * dashboard shows them in its language (errorText): the generic zod issues, the schema's own
 * messages, the structural checks, the file, the regex-safety check, versions and signed bundles.
 */
import { errorText } from '@/lib/i18n/error-text';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { parseBundle } from '@/lib/policy/signing';
import { acceptBundleValue, acceptPolicyText, parseJsonText } from '@/lib/policy/sources';
import { parsePolicyJson, validatePolicy, type PolicyError } from '@/lib/policy/validate';
import { samplePolicy, setAt, worded } from './helpers';

function refused(result: { ok: boolean; errors?: PolicyError[] }): PolicyError[] {
  if (result.ok || !result.errors) throw new Error('expected a refusal');
  result.errors.forEach(worded); // each has a key whose English wording is its message
  return result.errors;
}

const fr = (errors: PolicyError[]) => errors.map((e) => `${e.path}: ${errorText('fr', e)}`);

describe('policy problems carry catalogue keys', () => {
  test('generic issues: missing, wrong type (with what was given), enum, too long, unknown field', () => {
    const doc = samplePolicy() as unknown as Record<string, unknown>;
    delete doc['effectiveDate'];
    setAt(doc, ['logRetentionDays'], 'un an');
    setAt(doc, ['retention', 0, 'action'], 'burn');
    setAt(doc, ['name'], 'x'.repeat(201));
    doc['nmae'] = 'x';
    const errors = refused(validatePolicy(doc));
    expect(errors.map((e) => e.key)).toEqual(expect.arrayContaining(['pvMissing', 'pvDaysRange', 'pvExpectedOneOf', 'pvTooLongChars', 'pvUnknownFieldDidYouMean']));
    expect(fr(errors)).toEqual(
      expect.arrayContaining([
        'effectiveDate: champ obligatoire manquant',
        'logRetentionDays: nombre entier de jours attendu, entre 1 et 3650',
        'name: est trop long : 200 caractères au plus',
        'nmae: champ inconnu ; vouliez-vous dire « name » ?',
      ]),
    );
    const action = errors.find((e) => e.path === 'retention[0].action')!;
    expect(errorText('fr', action)).toMatch(/^valeur attendue parmi : "[a-z-]+"(, "[a-z-]+")+ ; reçu le texte "burn"$/);
    expect(action.message).toMatch(/^expected one of: "[a-z-]+"(, "[a-z-]+")+, got the text "burn"$/);
  });

  test('the schema’s own refinements and the structural checks', () => {
    const dup = samplePolicy();
    dup.purposes.push({ ...dup.purposes[0]! });
    const [dupError] = refused(validatePolicy(dup));
    expect(dupError).toMatchObject({ key: 'pvDuplicateId', params: { id: dup.purposes[0]!.id, other: 'purposes[0]' } });
    expect(errorText('fr', dupError)).toBe(`identifiant « ${dup.purposes[0]!.id} » en double : déjà utilisé par purposes[0]`);

    const both = samplePolicy() as unknown as { retention: Record<string, unknown>[] };
    both.retention[0]!['maxAgeDays'] = 30;
    expect(fr(refused(validatePolicy(both)))).toContain('retention[0].maxAgeMonths: indiquez soit maxAgeDays, soit maxAgeMonths, pas les deux');

    const proto = JSON.parse('{"__proto__": 1}') as unknown;
    expect(fr(refused(validatePolicy(proto)))).toEqual(['__proto__: « __proto__ » n’est pas autorisé comme nom de champ']);
  });

  test('the file: empty, too large, not JSON (located), not a policy', () => {
    expect(fr(refused(parsePolicyJson('  ')))).toEqual(['(file): le fichier est vide']);
    expect(fr(refused(parseJsonText('{"a": 1,}')))[0]).toMatch(/^\(file\): JSON non valide à la ligne 1, colonne \d+ : /);
    const big = refused(parsePolicyJson(' '.repeat(600 * 1024)));
    expect(big[0]!.message).toBe('the file is too large (600 KB); a policy may be at most 512 KB');
    expect(errorText('fr', big[0])).toBe('le fichier est trop volumineux (600 Ko) ; une politique fait au plus 512 Ko');
    expect(fr(refused(validatePolicy({ ...DEFAULT_POLICY, format: 'other' })))).toEqual(['format: "crm-privacy-guard/policy" attendu : ce fichier n’est pas une politique CRM Privacy Guard']);
  });

  test('unsafe patterns, a newer schema version, a backdated policy', () => {
    const pattern = samplePolicy() as unknown as Record<string, unknown>;
    pattern['approvedInstances'] = [{ crm: 'salesforce', orgPattern: '^(a+)+$', region: 'eu', dpaRef: 'DPA-1', reviewDate: '2027-01-01' }];
    const patternErrors = refused(acceptPolicyText(JSON.stringify(pattern)));
    const nested = patternErrors.find((e) => e.key === 'pvRxNested');
    expect(nested?.path).toBe('approvedInstances[0].orgPattern');
    expect(errorText('fr', nested)).toMatch(/^risque de retour arrière catastrophique : /);

    const newer = refused(acceptPolicyText(JSON.stringify({ ...DEFAULT_POLICY, schemaVersion: 2 })));
    expect(newer[0]).toMatchObject({ key: 'pvUnknownVersion', params: { version: 2, max: 1 } });
    expect(errorText('fr', newer[0])).toMatch(/^version 2 inconnue : cette version de CRM Privacy Guard lit les versions du schéma de politique jusqu’à 1 ;/);

    const predecessor = { policyVersion: '2026.5.0', effectiveDate: '2026-05-01' };
    const backdated = refused(acceptPolicyText(JSON.stringify({ ...DEFAULT_POLICY, effectiveDate: '2026-01-01' }), { predecessor } as never));
    expect(errorText('fr', backdated[0])).toBe(
      '2026-01-01 précède la date d’effet de la politique en vigueur (2026.5.0, 2026-05-01) ; une nouvelle politique ne peut pas être antidatée : utilisez le 2026-05-01 ou une date ultérieure',
    );
  });

  test('a generic adapter’s URL pattern that could backtrack: the reason and the advice in French', () => {
    const doc = samplePolicy() as unknown as Record<string, unknown>;
    doc['sites'] = {
      adapters: [
        {
          id: 'acme-crm',
          name: 'Acme CRM',
          hosts: ['crm.acme.example'],
          record: [{ path: '/^\\/(?<id>(a+)+)$/' }],
          list: [{ path: '/records/{object}' }],
          selectors: { title: 'h1', field: '.field', fieldKey: { attr: 'data-field' }, fieldLabel: '.label', fieldValue: '.value', row: 'tr', rowKey: { attr: 'data-record' } },
        },
      ],
    };
    const errors = refused(validatePolicy(doc));
    const pattern = errors.find((e) => e.key === 'pvPatternAdvice');
    expect(pattern?.path).toBe('sites.adapters[0].record[0].path');
    expect(pattern?.message).toBe('a group may not be repeated (use (…)? or repeat a character class instead); write a plain label such as "/records/{object}/{id}" or a simpler pattern');
    expect(errorText('fr', pattern)).toBe(
      'un groupe ne peut pas être répété (utilisez (…)? ou répétez plutôt une classe de caractères) ; écrivez un libellé simple comme "/records/{object}/{id}" ou un motif plus simple',
    );
  });

  test('signed bundles: the envelope, a signature that does not verify, the policy inside (path prefixed, key kept)', async () => {
    const envelope = parseBundle({ format: 'crm-privacy-guard/signed-policy', policy: '{}', signature: 'AAAA', extra: 1 });
    expect(envelope).toMatchObject({ ok: false, path: 'extra', key: 'pvBundleUnknownField', message: 'unknown field in a signed bundle' });
    if (!envelope.ok) expect(errorText('fr', envelope)).toBe('champ inconnu dans un paquet signé');
    const bad = await acceptBundleValue({ format: 'crm-privacy-guard/signed-policy', policy: '{}', signature: 'AAAA' }, 'AAAA');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatchObject({ path: 'signature', key: 'pvSignatureFails' });
  });
});
