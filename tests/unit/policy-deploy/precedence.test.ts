import { DEFAULT_POLICY } from '@/lib/policy/default';
import { choosePolicy, outrankedBy, type Candidate } from '@/lib/policy/precedence';

const cand = (source: Candidate['source'], version: string): Candidate => ({ source, policy: { ...DEFAULT_POLICY, policyVersion: version }, receivedAt: 1 });
const managed = cand('managed', 'm');
const url = cand('url', 'u');
const imported = cand('import', 'i');

describe('precedence: managed > url > import > default', () => {
  test.each([
    [{ managed, url, import: imported }, 'managed'],
    [{ url, import: imported }, 'url'],
    [{ import: imported }, 'import'],
    [{ managed, import: imported }, 'managed'],
  ] as const)('%o wins: %s', (candidates, winner) => {
    expect(choosePolicy(candidates, { importsLocked: false })?.source).toBe(winner);
  });

  test('no candidate: the built-in default (null)', () => {
    expect(choosePolicy({}, { importsLocked: false })).toBeNull();
  });

  test('while managed settings lock local edits, an import never wins', () => {
    expect(choosePolicy({ import: imported }, { importsLocked: true })).toBeNull();
    expect(choosePolicy({ url, import: imported }, { importsLocked: true })?.source).toBe('url');
  });

  test('what outranks a source', () => {
    expect(outrankedBy({ url, import: imported }, 'import')).toBe('url');
    expect(outrankedBy({ managed }, 'import')).toBe('managed');
    expect(outrankedBy({ import: imported }, 'import')).toBeNull();
    expect(outrankedBy({ managed, url }, 'managed')).toBeNull();
  });
});
