/** What the background answers to the popup and the dashboard about consent, requests and the report. */
import type { BadgeSummary } from '@/lib/messaging/protocol';
import type { JurisdictionId } from '@/lib/law/rights';
import type { BreakKind } from '@/lib/audit/chain';
import type { BasisEntryWithRef, ConsentEntry, CrmSignals, NoticeEntry, RequestRow, SubjectEntry } from './model';

export interface RequestView extends RequestRow {
  /** Days from today to the due date in force (negative: overdue); absent without a deadline. */
  daysLeft?: number;
  overdue: boolean;
  /** Whether an extension may still be logged (inside the first period, none yet). */
  canExtend: boolean;
}

export interface PrivacyView {
  key: string;
  today: string;
  summary: BadgeSummary;
  subject?: SubjectEntry;
  /** Latest basis per purpose (with its reference). */
  bases: BasisEntryWithRef[];
  /** The current state per purpose and channel. */
  current: ConsentEntry[];
  /** Every consent event, newest first. */
  consentHistory: ConsentEntry[];
  notices: NoticeEntry[];
  crm?: CrmSignals;
  requests: RequestView[];
}

export interface ReportFigure {
  /** Absent when the figure is not available (yet): `unavailable` says why. */
  value?: number;
  unavailable?: 'not-built' | 'not-recorded';
}

export interface AccountabilityReport {
  generatedAt: number;
  today: string;
  policy: { name: string; version: string; effectiveDate: string };
  processing: {
    purposes: { id: string; label: { en: string; fr: string }; defaultBasis?: string; description?: { en: string; fr: string } }[];
    dataCategories: { en: string; fr: string }[];
    personCategories: { en: string; fr: string }[];
    retention: {
      id: string;
      label: { en: string; fr: string };
      /** English words (kept for older readers of the JSON); `maxAge` lets the page say it in its language. */
      period: string;
      maxAge?: { amount: number; unit: 'months' | 'days' };
      action: string;
      legalRef: string;
    }[];
    security: { en: string; fr: string }[];
    /** The policy's preset reveal reasons: the log keeps their ids, the report shows their labels. */
    revealReasons?: { id: string; label: { en: string; fr: string } }[];
    logRetentionDays: number;
  };
  figures: {
    recordsSeen: number;
    recordsWithoutBasis: number;
    consentsGiven: number;
    consentsWithdrawn: number;
    recordsWithWithdrawal: number;
    noticesMissing: number;
    retentionOverdue: ReportFigure;
    requests: { total: number; open: number; overdue: number; onTime: number; late: number; byJurisdiction: Partial<Record<JurisdictionId, number>> };
    reveals: { total: number; byReason: { reason: string; count: number }[] };
    exports: number;
    /** `detail` in English (JSON export); `kind` and `firstBadSeq` let the page say a break in its language. */
    logIntegrity: { state: 'ok' | 'broken' | 'unavailable'; events: number; detail?: string; kind?: BreakKind; firstBadSeq?: number };
  };
}
