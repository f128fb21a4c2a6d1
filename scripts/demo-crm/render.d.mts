// Hand-written types for render.mjs (keep the two in step).
import type { FixtureRoute } from '../lib/chromium.mjs';
import type { HsContact, SfAccount, SfContact, SfLead } from './data.mjs';

export { SF_ORG, SF_ORIGIN, HS_PORTALS } from './data.mjs';

/** Escapes text for an HTML text node or a quoted attribute value (& < > " ' `). */
export declare function escapeHtml(value: unknown): string;

declare class SafeHtml {
  readonly value: string;
  toString(): string;
}
/** Template tag that escapes every interpolated value except markup built by `html` itself. */
export declare function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml;

export declare function sfRecordPath(obj: string, id: string): string;
export declare function sfRelatedPath(obj: string, id: string, rel: string): string;
export declare function sfListPath(obj: string): string;
export declare function hsRecordPath(portalId: string, id: string): string;
export declare function hsIndexPath(portalId: string): string;

/** Full HTML documents. */
export declare function renderSfContact(c: SfContact): string;
export declare function renderSfLead(l: SfLead): string;
export declare function renderSfAccount(a: SfAccount): string;
export declare function renderSfAccountContacts(a: SfAccount): string;
export declare function renderSfContactList(): string;
export declare function renderSfLeadList(): string;
export declare function renderSfAccountList(): string;
export declare function renderHsContact(c: HsContact): string;
export declare function renderHsIndex(portalId: string): string;

export interface DemoStartUrls {
  readonly sfContactList: string;
  readonly sfLeadList: string;
  readonly sfAccountList: string;
  /** Tobias Renner: IBAN in Description. */
  readonly sfContact: string;
  /** Dr. Priya Natarajan: Health Notes custom field. */
  readonly sfContactHealth: string;
  readonly sfLead: string;
  readonly sfAccount: string;
  readonly sfAccountContacts: string;
  readonly hsIndex: string;
  /** Grace Okafor (501), hs_legal_basis set. */
  readonly hsContact: string;
  /** Aisha Bello (503): health_notes, no hs_legal_basis. */
  readonly hsContactHealth: string;
  readonly hsEuIndex: string;
  readonly hsEuContact: string;
  /** The contact named `<img src=x onerror=alert(1)>`. */
  readonly hostile: string;
}
export declare const DEMO_START_URLS: DemoStartUrls;

/** Routes for routeFixtures(): every demo page under its real CRM URL. */
export declare function demoRoutes(): FixtureRoute[];
