// Seed data of the bundled demo CRM. Every person, company, number and address here is invented;
// e-mail addresses use example.com, phone numbers the ranges set aside for fiction (555-01xx,
// Ofcom's 020 7946 0xxx). The IBAN is the well-known documentation example, not an account.

/** Salesforce org (My Domain) and host of the demo. */
export const SF_ORG = 'demo';
export const SF_ORIGIN = 'https://demo.lightning.force.com';

/** HubSpot portals of the demo: the main one (na1) and a smaller EU one. */
export const HS_PORTALS = Object.freeze([
  Object.freeze({ origin: 'https://app.hubspot.com', portalId: '123456', label: 'Demo Inc. (US)' }),
  Object.freeze({ origin: 'https://app-eu1.hubspot.com', portalId: '654321', label: 'Demo GmbH (EU)' }),
]);

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * The 18-character form of a 15-character Salesforce id: for each 5-character chunk, bit i is set
 * when character i is an upper-case A–Z; the 0–31 value indexes SUFFIX_ALPHABET.
 * `sfId18('a0BA0000000L2ZC') === 'a0BA0000000L2ZCMA0'`. 18-character input is checked and returned.
 * @param {string} id
 * @returns {string}
 */
export function sfId18(id) {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) throw new Error(`Not a Salesforce id: ${id}`);
  const id15 = id.slice(0, 15);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  const full = id15 + suffix;
  if (id.length === 18 && id !== full) throw new Error(`Bad 18-character Salesforce id: ${id} (expected ${full})`);
  return full;
}

/**
 * @typedef {{ street: string, city: string, state?: string, postalCode: string, country: string }} Address
 * @typedef {{ id: string, name: string, phone: string, website: string, industry: string, billing: Address }} SfAccount
 * @typedef {{ id: string, salutation: string, firstName: string, lastName: string, title: string, accountId: string,
 *   email: string, phone: string, mobile: string, birthdate: string, leadSource: string, mailing: Address,
 *   description: string, healthNotes: string, createdDate: string }} SfContact
 * @typedef {{ id: string, salutation: string, firstName: string, lastName: string, title: string, company: string,
 *   status: string, email: string, phone: string, leadSource: string, address: Address, description: string,
 *   createdDate: string }} SfLead
 * @typedef {{ portalId: string, id: string, firstname: string, lastname: string, email: string, phone: string,
 *   jobtitle: string, company: string, date_of_birth: string, address: string, city: string, zip: string,
 *   country: string, lifecyclestage: string, hs_legal_basis?: string, message?: string, health_notes?: string,
 *   note: string }} HsContact
 */

/** @type {readonly SfAccount[]} */
export const sfAccounts = Object.freeze([
  { id: sfId18('0015g00000NwTnA'), name: 'Northwind Analytics', phone: '(415) 555-0100', website: 'northwind.example.com', industry: 'Technology',
    billing: { street: '1 Market Street, Suite 300', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'United States' } },
  { id: sfId18('0015g00000kstrl'), name: 'Kestrel Logistics GmbH', phone: '+49 30 555 0120', website: 'kestrel.example.com', industry: 'Transportation',
    billing: { street: 'Friedrichstraße 120', city: 'Berlin', postalCode: '10117', country: 'Germany' } },
  { id: sfId18('0015g00000HrBoR'), name: 'Harbour & Pine Clinics', phone: '020 7946 0010', website: 'harbourpine.example.com', industry: 'Healthcare',
    billing: { street: '14 Quayside Walk', city: 'London', postalCode: 'SE1 9XY', country: 'United Kingdom' } },
].map((a) => Object.freeze(a)));

/** @type {readonly SfContact[]} */
export const sfContacts = Object.freeze([
  { id: sfId18('0035g00000AmHwT'), salutation: 'Ms.', firstName: 'Amelia', lastName: 'Hartwell', title: 'Chief Financial Officer',
    accountId: sfAccounts[0].id, email: 'amelia.hartwell@example.com', phone: '(415) 555-0134', mobile: '(415) 555-0187',
    birthdate: '1984-03-14', leadSource: 'Trade Show',
    mailing: { street: '22 Alder Lane', city: 'San Francisco', state: 'CA', postalCode: '94110', country: 'United States' },
    description: 'Met at the Data Summit 2026. Prefers e-mail; decision maker for the analytics renewal.', healthNotes: '',
    createdDate: '2026-02-03T09:12:00Z' },
  { id: sfId18('0035g000Z0tbReN'), salutation: 'Mr.', firstName: 'Tobias', lastName: 'Renner', title: 'Head of Procurement',
    accountId: sfAccounts[1].id, email: 'tobias.renner@example.com', phone: '+49 30 555 0147', mobile: '+49 151 5550 1470',
    birthdate: '1979-11-02', leadSource: 'Partner Referral',
    mailing: { street: 'Schönhauser Allee 58', city: 'Berlin', postalCode: '10437', country: 'Germany' },
    description:
      'Overpaid invoice INV-2026-0412 twice. Refund approved: transfer to IBAN DE89 3704 0044 0532 0130 00 ' +
      '(account holder Tobias Renner).\nConfirmed by phone on 2 Sep 2026.',
    healthNotes: '', createdDate: '2026-03-18T14:40:00Z' },
  { id: sfId18('0035g00000PnatJ'), salutation: 'Dr.', firstName: 'Priya', lastName: 'Natarajan', title: 'Medical Director',
    accountId: sfAccounts[2].id, email: 'priya.natarajan@example.com', phone: '020 7946 0321', mobile: '07700 900321',
    birthdate: '1976-07-21', leadSource: 'Web',
    mailing: { street: '7 Cedar Mews', city: 'London', postalCode: 'N1 7AB', country: 'United Kingdom' },
    description: 'Evaluating the scheduling module for three clinics.',
    healthNotes: 'Asked for large-print documents after eye surgery in March 2026; no calls before 10:00 while recovering.',
    createdDate: '2026-04-07T08:05:00Z' },
  { id: sfId18('0035g00001LoVar'), salutation: 'Mr.', firstName: 'Luis', lastName: 'Ortega Varela', title: 'Operations Manager',
    accountId: sfAccounts[1].id, email: 'luis.ortega@example.com', phone: '+34 91 555 0162', mobile: '',
    birthdate: '1990-01-30', leadSource: 'Web',
    mailing: { street: 'Calle de la Luna 9, 3º B', city: 'Madrid', postalCode: '28004', country: 'Spain' },
    description: 'Asked for a Spanish-language contract draft.', healthNotes: '', createdDate: '2026-05-22T11:30:00Z' },
  { id: sfId18('0035G00000hkWzC'), salutation: 'Ms.', firstName: 'Hanna', lastName: 'Kowalczyk', title: 'Data Protection Officer',
    accountId: sfAccounts[0].id, email: 'hanna.kowalczyk@example.com', phone: '(415) 555-0172', mobile: '(415) 555-0179',
    birthdate: '1988-09-09', leadSource: 'Other',
    mailing: { street: '480 Pine Street', city: 'San Francisco', state: 'CA', postalCode: '94104', country: 'United States' },
    description: 'Requested a copy of all data we hold on her (Art. 15) on 12 Oct 2026.', healthNotes: '',
    createdDate: '2026-06-01T16:45:00Z' },
  // A hostile display name: it must stay text everywhere (page, badge, popup, logs).
  { id: sfId18('0035g00000XSSNM'), salutation: '', firstName: '', lastName: '<img src=x onerror=alert(1)>',
    title: '"><script>alert(2)</script>', accountId: sfAccounts[2].id, email: 'xss.test@example.com', phone: '(415) 555-0199',
    mobile: '', birthdate: '2000-02-29', leadSource: 'Web',
    mailing: { street: '<b>1 Bold St</b>', city: 'Nowhere', state: 'CA', postalCode: '94000', country: 'United States' },
    description: 'Security fixture: the name is markup and must be shown literally. <svg onload=alert(3)>', healthNotes: '',
    createdDate: '2026-07-04T00:00:00Z' },
].map((c) => Object.freeze(c)));

/** @type {readonly SfLead[]} */
export const sfLeads = Object.freeze([
  { id: sfId18('00Q5g00000ObRaN'), salutation: 'Mr.', firstName: 'Oliver', lastName: 'Brandt', title: 'Managing Director',
    company: 'Brandt & Söhne KG', status: 'Working - Contacted', email: 'oliver.brandt@example.com', phone: '+49 40 555 0113',
    leadSource: 'Trade Show', address: { street: 'Hafenstraße 3', city: 'Hamburg', postalCode: '20459', country: 'Germany' },
    description: 'Wants a demo in November; budget approved for Q1.', createdDate: '2026-09-14T10:00:00Z' },
  { id: sfId18('00Q5g00000cdUbo'), salutation: 'Ms.', firstName: 'Chloé', lastName: 'Dubois', title: 'Founder',
    company: 'Atelier Lumière SARL', status: 'Open - Not Contacted', email: 'chloe.dubois@example.com', phone: '+33 1 55 50 01 26',
    leadSource: 'Web', address: { street: '18 rue des Lilas', city: 'Lyon', postalCode: '69003', country: 'France' },
    description: 'Downloaded the pricing sheet twice.', createdDate: '2026-10-01T07:20:00Z' },
  { id: sfId18('00Q5g0K000kwAtN'), salutation: 'Mr.', firstName: 'Kenji', lastName: 'Watanabe', title: 'CTO',
    company: 'Sakura Robotics', status: 'Working - Contacted', email: 'kenji.watanabe@example.com', phone: '(650) 555-0158',
    leadSource: 'Partner Referral', address: { street: '200 Innovation Way', city: 'Palo Alto', state: 'CA', postalCode: '94301', country: 'United States' },
    description: 'Met at the robotics expo; interested in EU data residency.', createdDate: '2026-10-11T15:55:00Z' },
  { id: sfId18('00Q5g00000faSyd'), salutation: 'Ms.', firstName: 'Fatima', lastName: 'Al-Sayed', title: 'Practice Manager',
    company: 'Oasis Health Partners', status: 'Nurturing', email: 'fatima.alsayed@example.com', phone: '020 7946 0588',
    leadSource: 'Web', address: { street: '3 Orchard Row', city: 'Manchester', postalCode: 'M1 4BT', country: 'United Kingdom' },
    description: 'Asked whether patient data would be stored in the CRM (answer: no).', createdDate: '2026-11-02T12:10:00Z' },
].map((l) => Object.freeze(l)));

/** hs_legal_basis: HubSpot's option labels (internal values in comments). */
export const HS_LEGAL_BASIS = Object.freeze({
  prospect: 'Legitimate interest – prospect/lead', // legitimate_interest_prospect
  client: 'Legitimate interest – existing customer', // legitimate_interest_clients
  contract: 'Performance of a contract', // performance_of_contract
  consent: 'Freely given consent from contact', // consent_with_notice
});

/** @type {readonly HsContact[]} */
export const hsContacts = Object.freeze([
  { portalId: '123456', id: '501', firstname: 'Grace', lastname: 'Okafor', email: 'grace.okafor@example.com', phone: '+1 (312) 555-0141',
    jobtitle: 'VP Marketing', company: 'Lakeside Foods', date_of_birth: '1982-05-17', address: '910 Lake Shore Drive', city: 'Chicago',
    zip: '60611', country: 'United States', lifecyclestage: 'Customer', hs_legal_basis: HS_LEGAL_BASIS.contract,
    message: 'Please send the renewal quote to my assistant as well.', note: 'Renewal call booked for 4 Dec.' },
  { portalId: '123456', id: '502', firstname: 'Mateo', lastname: 'Rossi', email: 'mateo.rossi@example.com', phone: '+39 02 5550 1622',
    jobtitle: 'Buyer', company: 'Rossi Arredamenti', date_of_birth: '1993-12-08', address: 'Via Torino 41', city: 'Milano',
    zip: '20123', country: 'Italy', lifecyclestage: 'Lead', hs_legal_basis: HS_LEGAL_BASIS.prospect,
    message: '', note: 'Downloaded the catalogue.' },
  { portalId: '123456', id: '503', firstname: 'Aisha', lastname: 'Bello', email: 'aisha.bello@example.com', phone: '+1 (206) 555-0163',
    jobtitle: 'Head of HR', company: 'Cascade Outfitters', date_of_birth: '1987-04-02', address: '77 Pike Street', city: 'Seattle',
    zip: '98101', country: 'United States', lifecyclestage: 'Marketing qualified lead',
    message: '', health_notes: 'Mentioned a pregnancy; out of office from January. Do not schedule travel.', note: 'Webinar attendee.' },
  { portalId: '123456', id: '504', firstname: 'Jonas', lastname: 'Lindqvist', email: 'jonas.lindqvist@example.com', phone: '+46 8 555 017 40',
    jobtitle: 'CEO', company: 'Fjord Design AB', date_of_birth: '1975-08-25', address: 'Sveavägen 12', city: 'Stockholm',
    zip: '111 57', country: 'Sweden', lifecyclestage: 'Opportunity', hs_legal_basis: HS_LEGAL_BASIS.consent,
    message: 'Subscribed to the product newsletter at the Stockholm meetup.', note: 'Consent form signed on paper (scan in Drive).' },
  { portalId: '123456', id: '505', firstname: 'Mei', lastname: 'Chen', email: 'mei.chen@example.com', phone: '+1 (415) 555-0175',
    jobtitle: 'Procurement Lead', company: 'Goldengate Labs', date_of_birth: '1991-10-19', address: '55 Howard Street', city: 'San Francisco',
    zip: '94105', country: 'United States', lifecyclestage: 'Sales qualified lead',
    message: '', note: 'Asked for SOC 2 report.' },
  { portalId: '123456', id: '506', firstname: 'Samuel', lastname: 'Adeyemi', email: 'samuel.adeyemi@example.com', phone: '020 7946 0644',
    jobtitle: 'Finance Director', company: 'Thames Ledger Ltd', date_of_birth: '1969-02-11', address: '9 Bankside', city: 'London',
    zip: 'SE1 9TG', country: 'United Kingdom', lifecyclestage: 'Customer', hs_legal_basis: HS_LEGAL_BASIS.client,
    message: 'Invoices to accounts@example.com only.', note: 'Paid late twice in 2026.' },
  { portalId: '654321', id: '701', firstname: 'Élodie', lastname: 'Marchand', email: 'elodie.marchand@example.com', phone: '+33 4 55 50 07 01',
    jobtitle: 'Responsable achats', company: 'Marchand Vins', date_of_birth: '1985-06-03', address: '12 quai Saint-Antoine', city: 'Lyon',
    zip: '69002', country: 'France', lifecyclestage: 'Customer', hs_legal_basis: HS_LEGAL_BASIS.contract,
    message: '', note: 'Prefers French.' },
  { portalId: '654321', id: '702', firstname: 'Lukas', lastname: 'Novák', email: 'lukas.novak@example.com', phone: '+420 555 017 020',
    jobtitle: 'IT Manager', company: 'Vltava Systems s.r.o.', date_of_birth: '1994-03-27', address: 'Na Poříčí 1079/3a', city: 'Praha',
    zip: '110 00', country: 'Czechia', lifecyclestage: 'Lead',
    message: '', note: 'Came from the Prague meetup list.' },
].map((c) => Object.freeze(c)));

/** @param {string} id @returns {SfAccount | undefined} */
export const sfAccountById = (id) => sfAccounts.find((a) => a.id === id);

/** @param {{ salutation?: string, firstName: string, lastName: string }} p */
export const sfFullName = (p) => [p.firstName, p.lastName].filter(Boolean).join(' ');

/** @param {{ salutation?: string, firstName: string, lastName: string }} p */
export const sfFormalName = (p) => [p.salutation, p.firstName, p.lastName].filter(Boolean).join(' ');

/** @param {HsContact} c */
export const hsFullName = (c) => [c.firstname, c.lastname].filter(Boolean).join(' ');
