import { detectSensitiveValue, isLuhnCardNumber, isValidIban, isValidNir, looksLikeEmail, looksLikePhone } from '@/lib/policy/detectors';

/** NIR key computed independently, with BigInt: 97 − (N mod 97), Corsica 2A → 19, 2B → 18. */
function nirKey(base13: string): string {
  const numeric = base13.slice(0, 5) + base13.slice(5, 7).replace('2A', '19').replace('2B', '18') + base13.slice(7);
  return String(97n - (BigInt(numeric) % 97n)).padStart(2, '0');
}

const ALL_ON = { iban: true, paymentCard: true, nir: true, email: true, phone: true };
const ALL_OFF = { iban: false, paymentCard: false, nir: false, email: false, phone: false };

describe('IBAN (ISO 13616 mod 97)', () => {
  test.each(['GB82WEST12345698765432', 'GB82 WEST 1234 5698 7654 32', 'FR1420041010050500013M02606', 'FR14 2004 1010 0505 0001 3M02 606', 'DE89370400440532013000', 'gb82west12345698765432', 'BE68539007547034', 'NO9386011117947'])(
    'valid: %s',
    (iban) => expect(isValidIban(iban)).toBe(true),
  );

  test.each([
    ['GB82WEST12345698765433', 'checksum'],
    ['GB82WEST12345698765423', 'transposed digits'],
    ['FR1420041010050500013M0260', 'FR needs 27 characters'],
    ['GB82WEST1234569876543', 'GB needs 22 characters'],
    ['FR1420041010050500013M026060', 'too long for FR'],
    ['GB00WEST12345698765432', 'check digits 00'],
    ['1234567890123456', 'no country'],
    ['GB82-WEST-1234-5698-7654-32', 'dashes are not IBAN grouping'],
    ['', 'empty'],
  ])('invalid: %s (%s)', (iban) => expect(isValidIban(iban)).toBe(false));
});

describe('payment cards (Luhn)', () => {
  test.each(['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '5555555555554444', '378282246310005', '6011111111111117', '4222222222222'])('valid: %s', (n) =>
    expect(isLuhnCardNumber(n)).toBe(true),
  );

  test.each([
    ['4111111111111112', 'checksum'],
    ['411111111111', '12 digits'],
    ['41111111111111111118', '20 digits'],
    ['0000000000000000', 'all zeros'],
    ['4111  1111 1111 1111', 'double separator'],
    ['4111.1111.1111.1111', 'dots'],
    ['4111 1111 1111 111a', 'letter'],
  ])('invalid: %s (%s)', (n) => expect(isLuhnCardNumber(n)).toBe(false));
});

describe('French NIR', () => {
  const mainland = '1850578006084';
  const corsicaA = '290122A004123';
  const corsicaB = '178052B012345';

  test('the key vectors are consistent', () => {
    // 1850578006084 = 97 × 19078123774 + 6, so the key is 97 − 6 = 91.
    expect(nirKey(mainland)).toBe('91');
  });

  test.each([mainland, corsicaA, corsicaB])('valid with its key: %s', (base) => {
    expect(isValidNir(base + nirKey(base))).toBe(true);
  });

  test('spaces as usually printed are allowed', () => {
    expect(isValidNir(`1 85 05 78 006 084 ${nirKey(mainland)}`)).toBe(true);
  });

  test('a wrong key, a wrong length or a bad first digit is not flagged', () => {
    const key = Number(nirKey(mainland));
    const wrong = String(key === 97 ? 1 : key + 1).padStart(2, '0');
    expect(isValidNir(mainland + wrong)).toBe(false);
    expect(isValidNir(mainland + nirKey(mainland).slice(0, 1))).toBe(false);
    expect(isValidNir(`5${mainland.slice(1)}${nirKey(`5${mainland.slice(1)}`)}`)).toBe(false);
  });

  test('Corsica counts 2A as 19 and 2B as 18, not as the digits 20', () => {
    const naive = String(97n - (BigInt(corsicaA.replace('2A', '20')) % 97n)).padStart(2, '0');
    expect(naive).not.toBe(nirKey(corsicaA));
    expect(isValidNir(corsicaA + naive)).toBe(false);
  });
});

describe('email and phone shapes', () => {
  test.each(['jane.doe@example.com', 'j+tag@sub.example.fr', ' JANE@EXAMPLE.ORG '])('email: %s', (v) => expect(looksLikeEmail(v)).toBe(true));
  test.each(['jane@', '@example.com', 'jane@example', 'jane doe@example.com', 'a@b@c.com', 'jane@example..com', ''])('not email: %j', (v) =>
    expect(looksLikeEmail(v)).toBe(false),
  );
  test.each(['+33 6 12 34 56 78', '+33612345678', '06 12 34 56 78', '06.12.34.56.78', '+44 (0)20 7946 0958', '07700 900123', '(555) 123-4567', '0033 6 12 34 56 78'])('phone: %s', (v) =>
    expect(looksLikePhone(v)).toBe(true),
  );
  test.each(['12345', '2026-11-01', 'call me', '+0 123 456 789', '123-45-6789-00-11-22-33', ''])('not phone: %j', (v) => expect(looksLikePhone(v)).toBe(false));
});

describe('detectSensitiveValue', () => {
  test('reports the detector that recognises the value', () => {
    expect(detectSensitiveValue('FR14 2004 1010 0505 0001 3M02 606', ALL_ON)).toBe('iban');
    expect(detectSensitiveValue('4111 1111 1111 1111', ALL_ON)).toBe('paymentCard');
    expect(detectSensitiveValue(mainlandNir(), ALL_ON)).toBe('nir');
    expect(detectSensitiveValue('jane@example.com', ALL_ON)).toBe('email');
    expect(detectSensitiveValue('+33 6 12 34 56 78', ALL_ON)).toBe('phone');
  });

  test('a disabled detector or a failed checksum flags nothing', () => {
    expect(detectSensitiveValue('4111 1111 1111 1111', ALL_OFF)).toBeNull();
    expect(detectSensitiveValue('4111 1111 1111 1111', { ...ALL_OFF, iban: true })).toBeNull();
    expect(detectSensitiveValue('4111 1111 1111 1112', ALL_ON)).toBeNull();
    expect(detectSensitiveValue('GB82WEST12345698765433', { ...ALL_ON, phone: false })).toBeNull();
    expect(detectSensitiveValue('', ALL_ON)).toBeNull();
    // Free text is scanned up to 4,000 characters: past that, nothing (bounded work per field).
    expect(detectSensitiveValue(`4111111111111111 ${'x'.repeat(4000)}`, ALL_ON)).toBeNull();
  });

  test('a checksummed number typed inside free text is found: IBAN, NIR, card with an issuer prefix', () => {
    const iban = 'Refund approved: transfer to IBAN DE89 3704 0044 0532 0130 00 (account holder Tobias Renner).';
    expect(detectSensitiveValue(iban, ALL_ON)).toBe('iban');
    expect(detectSensitiveValue('pay to fr1420041010050500013m02606 and call back', ALL_ON)).toBe('iban');
    // The IBAN is followed by a word that could pass for one more group: the shorter reading wins.
    expect(detectSensitiveValue('IBAN FR14 2004 1010 0505 0001 3M02 606 ABCD then', ALL_ON)).toBe('iban');
    expect(detectSensitiveValue(`Carte vitale ${mainlandNir()} vue le 3/2`, ALL_ON)).toBe('nir');
    expect(detectSensitiveValue('Card 4111-1111-1111-1111 exp 12/29', ALL_ON)).toBe('paymentCard');
    expect(detectSensitiveValue('paid with 4111111111111111 today', ALL_ON)).toBe('paymentCard');
    expect(detectSensitiveValue(iban, { ...ALL_ON, iban: false })).toBeNull();
  });

  test('no false positives in free text: failed checksums, order numbers, numbers without a card issuer prefix', () => {
    expect(detectSensitiveValue('Overpaid invoice INV-2026-0412 twice, order 2026041200017 shipped', ALL_ON)).toBeNull();
    expect(detectSensitiveValue('transfer to IBAN DE89 3704 0044 0532 0130 01 please', ALL_ON)).toBeNull();
    expect(detectSensitiveValue('card 4111 1111 1111 1112 declined', ALL_ON)).toBeNull();
    // 16 digits that pass Luhn but start with no network's prefix: a reference, not a card.
    expect(detectSensitiveValue('tracking 1000000000000008 sent', ALL_ON)).toBeNull();
    // Email and phone stay whole-value detectors.
    expect(detectSensitiveValue('write to jane@example.com or call +33 6 12 34 56 78', ALL_ON)).toBeNull();
  });
});

function mainlandNir(): string {
  return `1850578006084${nirKey('1850578006084')}`;
}
