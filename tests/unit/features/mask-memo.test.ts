import type { MaskSettings } from '@/lib/features/mask';
import { DEFAULT_POLICY } from '@/lib/policy/default';
import { decideMask } from '@/lib/policy/decide';
import { loadFixture } from '../crm/shadow';
import { silentMasker } from './silent-masker';

// Masking asks the policy once per field while nothing about the field changes: the poll (every
// 1.5 s on a record page) and mutations elsewhere rescan the page all day (benchmark #2, README).

vi.mock('@/lib/policy/decide', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/policy/decide')>();
  return { ...actual, decideMask: vi.fn(actual.decideMask) };
});

const settings = (over: Partial<MaskSettings> = {}): MaskSettings => ({ policy: DEFAULT_POLICY, maskAll: false, restricted: false, unmasked: new Set(), ...over });

test('a rescan with nothing changed asks the policy nothing; a new value, or a new policy, asks again', () => {
  const doc = loadFixture('sf-lex-contact.html');
  const controller = new AbortController();
  const masker = silentMasker(doc, controller.signal);
  const asked = vi.mocked(decideMask);
  asked.mockClear();
  masker.configure(settings());
  const fields = asked.mock.calls.length;
  expect(fields).toBeGreaterThan(3);
  const birth = doc.querySelector('[data-target-selection-name="sfdc:RecordField.Contact.Birthdate"] [slot="outputField"]');
  expect(birth?.getAttribute('data-cpg-masked')).toBe('true');

  asked.mockClear();
  masker.scan();
  masker.scan();
  expect(asked).not.toHaveBeenCalled();
  expect(birth?.getAttribute('data-cpg-masked')).toBe('true');

  // A value that changes is judged again (a detector may now see an IBAN in it).
  const description = doc.querySelector('[data-target-selection-name="sfdc:RecordField.Contact.Description"] [slot="outputField"]');
  if (!description) throw new Error('fixture: Description');
  description.textContent = 'FR76 3000 6000 0112 3456 7890 189';
  masker.scan();
  expect(asked.mock.calls.map(([, field]) => field.key)).toEqual(['sfdc:RecordField.Contact.Description']);
  expect(description.getAttribute('data-cpg-masked')).toBe('true');

  // A new policy: every field again. Mask-all: the policy is not asked at all.
  asked.mockClear();
  masker.configure(settings({ policy: { ...DEFAULT_POLICY } }));
  expect(asked.mock.calls.length).toBe(fields);
  asked.mockClear();
  masker.configure(settings({ maskAll: true }));
  expect(asked).not.toHaveBeenCalled();
  controller.abort();
});
