/**
 * Value detectors: recognise a sensitive value by its shape and, where one exists, its checksum.
 * A value that fails its checksum is not flagged: a detector that cries wolf gets switched off.
 * Pure functions, no browser APIs.
 */
import type { DetectorId } from './schema';

/** Values longer than this are free text, not a number or an address; skipping them bounds the work. */
const MAX_VALUE_LENGTH = 256;

/** IBAN length per country, ISO 13616 / SWIFT IBAN registry. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20,
  LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24,
  SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26,
  UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Remainder of a long digit string modulo 97, digit by digit (the number exceeds 2^53). */
function mod97(digits: string): number {
  let rest = 0;
  for (const ch of digits) rest = (rest * 10 + (ch.charCodeAt(0) - 48)) % 97;
  return rest;
}

/**
 * ISO 13616 IBAN: country, 2 check digits, BBAN; the rearranged number mod 97 equals 1.
 * Spaces between groups are allowed. A country missing from the registry table is accepted on
 * the generic length (15–34) so that a new registry entry is not missed.
 */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  const check = Number(iban.slice(2, 4));
  if (check < 2 || check > 98) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  return mod97(digits) === 1;
}

/** Payment card number: 13–19 digits, single spaces or dashes between digits allowed, Luhn checksum. */
export function isLuhnCardNumber(value: string): boolean {
  const trimmed = value.trim();
  if (!/^\d(?:[ -]?\d){12,18}$/.test(trimmed)) return false;
  const digits = trimmed.replace(/[ -]/g, '');
  // All zeros passes Luhn trivially and is a placeholder, not a card.
  if (/^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * French NIR (social security number): sex (1, 2; 3, 4, 7, 8 for provisional numbers), year,
 * month, department (2A/2B for Corsica), commune, order: 13 characters, then a 2-digit key equal
 * to 97 − (N mod 97), where Corsica's 2A and 2B count as 19 and 18. Spaces allowed.
 */
export function isValidNir(value: string): boolean {
  const nir = value.replace(/\s+/g, '').toUpperCase();
  const m = /^([1-478]\d{4})(\d{2}|2A|2B)(\d{6})(\d{2})$/.exec(nir);
  if (!m) return false;
  const [, head = '', dept = '', tail = '', key = ''] = m;
  const numericDept = dept === '2A' ? '19' : dept === '2B' ? '18' : dept;
  return 97 - mod97(head + numericDept + tail) === Number(key);
}

/** An address of the usual shape: one @, no spaces, a dotted domain with a 2–63 letter TLD. */
export function looksLikeEmail(value: string): boolean {
  const v = value.trim();
  if (v.length > 254) return false;
  const m = /^([^\s@<>()[\],;:"]+)@([^\s@<>()[\],;:"]+\.[A-Za-z]{2,63})$/.exec(v);
  return m !== null && (m[1]?.length ?? 0) <= 64 && !m[2]?.includes('..');
}

/**
 * A phone number: E.164 (+ and 8–15 digits), 00-prefixed international, a national number
 * starting with 0 (FR 10 digits, UK 11), or the North American (555) 123-4567 shape.
 * Separators: spaces, dots, dashes, parentheses.
 */
export function looksLikePhone(value: string): boolean {
  const v = value.trim();
  if (!/^\+?[\d\s().-]+$/.test(v)) return false;
  if (/^\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}$/.test(v)) return true;
  // "(0)" is the UK/European way of showing the trunk prefix inside an international number.
  const compact = v.replace(/\(0\)/g, '').replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{7,14}$/.test(compact) || /^00[1-9]\d{7,13}$/.test(compact) || /^0[1-9]\d{8,10}$/.test(compact);
}

const CHECKS: readonly { id: DetectorId; test: (value: string) => boolean }[] = [
  { id: 'iban', test: isValidIban },
  // NIR before cards: a 15-digit NIR passes Luhn one time in ten, a card passes the NIR key one time in 97.
  { id: 'nir', test: isValidNir },
  { id: 'paymentCard', test: isLuhnCardNumber },
  { id: 'email', test: looksLikeEmail },
  { id: 'phone', test: looksLikePhone },
];

/** Free text longer than this is not scanned for embedded numbers (bounds the work per field). */
const MAX_TEXT_LENGTH = 4000;

/** IBAN candidates inside text: country + check digits, then groups of up to 4 separated by single spaces. */
function* ibanCandidates(text: string): Generator<string> {
  const start = /\b[A-Z]{2}\d{2}/g;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const rest = /^(?: ?[A-Z0-9]{1,4}){1,9}/.exec(text.slice(m.index + 4, m.index + 4 + 48));
    const groups = rest ? rest[0].split(/(?= )/) : [];
    // Longest first: the IBAN may be followed by a word that looks like one more group.
    for (let n = groups.length; n > 0; n -= 1) yield m[0] + groups.slice(0, n).join('');
  }
}

/**
 * Card candidates inside text: 13–19 contiguous digits, or groups of 4 with one separator
 * (4-4-4-4[-1..3]), standing alone: not glued to more digits or digit groups on either side, so
 * that four groups in the middle of an IBAN or a long reference are not read as a card.
 */
function* cardCandidates(text: string): Generator<string> {
  yield* text.match(/(?<!\d[ -]?)\d{13,19}(?![ -]?\d)/g) ?? [];
  yield* text.match(/(?<!\d[ -]?)\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?(?![ -]?\d)/g) ?? [];
}

/** The issuer prefixes of the major networks: an embedded number needs one (order numbers pass Luhn one time in ten). */
function hasCardIssuerPrefix(digits: string): boolean {
  return /^(?:4|5[1-5]|2[2-7]|3[47]|6(?:011|5|4[4-9])|3(?:0[0-5]|[68]))/.test(digits);
}

/** NIR candidates inside text, with or without the usual spaces. */
function nirCandidates(text: string): string[] {
  return text.match(/(?<![\dA-Z])[1-478] ?\d{2} ?\d{2} ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}(?![\dA-Z])/gi) ?? [];
}

/**
 * A number with a checksum typed inside free text (a description, a note): an IBAN, a French NIR,
 * or a payment card with a known issuer prefix. Email and phone stay whole-value detectors: a note
 * that mentions an address is not a leak the way a bank account in it is.
 */
export function findEmbeddedSensitive(text: string, detectors: Readonly<Record<DetectorId, boolean>>): DetectorId | null {
  if (text.length > MAX_TEXT_LENGTH) return null;
  const upper = text.toUpperCase();
  if (detectors.iban) for (const c of ibanCandidates(upper)) if (isValidIban(c)) return 'iban';
  if (detectors.nir) for (const c of nirCandidates(upper)) if (isValidNir(c)) return 'nir';
  if (detectors.paymentCard) {
    for (const c of cardCandidates(text)) if (hasCardIssuerPrefix(c.replace(/[ -]/g, '')) && isLuhnCardNumber(c)) return 'paymentCard';
  }
  return null;
}

/** The first enabled detector that recognises the whole value, else a checksummed number inside it, or null. */
export function detectSensitiveValue(value: string, detectors: Readonly<Record<DetectorId, boolean>>): DetectorId | null {
  const v = value.trim();
  if (v.length === 0) return null;
  if (v.length <= MAX_VALUE_LENGTH) {
    for (const check of CHECKS) {
      if (detectors[check.id] && check.test(v)) return check.id;
    }
  }
  return findEmbeddedSensitive(v, detectors);
}
