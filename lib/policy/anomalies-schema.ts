import { z } from 'zod';
import { word } from './wording';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Access-log anomaly thresholds (issue 4): what the dashboard flags for a manager to look at.
 * Working hours are read in the time zone of the browser that shows the dashboard.
 */
export const AnomaliesSchema = z.strictObject({
  /** More than this many reveals by one actor within an hour. */
  revealsPerHour: z.number().int().min(1).max(100_000),
  /** Views of more than this many distinct records by one actor within an hour. */
  distinctViewsPerHour: z.number().int().min(1).max(1_000_000),
  /** Reveals outside these hours (start inclusive, end exclusive) and days (0 = Sunday) are flagged. */
  workingHours: z.strictObject({
    start: z.string().regex(HHMM, { error: word('pvTimeFormat', { example: '08:00' }) }),
    end: z.string().regex(HHMM, { error: word('pvTimeFormat', { example: '19:00' }) }),
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  }),
});

export type AnomalyThresholds = z.output<typeof AnomaliesSchema>;

export const DEFAULT_ANOMALIES: AnomalyThresholds = {
  revealsPerHour: 20,
  distinctViewsPerHour: 200,
  workingHours: { start: '08:00', end: '19:00', days: [1, 2, 3, 4, 5] },
};
