import {
  allowedSenders,
  envelopeSchema,
  isMessageType,
  requestSchemas,
  type Answer,
  type MessageType,
  type Request,
} from '@/lib/messaging/protocol';
import { errorMessage } from '@/lib/i18n/error-text';
import { classifySender, isKind, type SenderLike } from '@/lib/messaging/sender';
import { HandlerError, isQuotaError, type Deps, type Handler } from './deps';
import { eventsRecent, policyActive, profileGet, profileSet } from './handlers/dashboard';
import { pageState, tabGet } from './handlers/pages';
import { setBasis } from './handlers/records';
import { pagesWarn, pagesWarnings, retentionContext, retentionReport, rowsKnown, rowsSummaries, sitesConfig, sitesSync } from './handlers/sites-pages';
import { fieldCopy, fieldReveal, fieldRevealClose, maskConfig, maskReport, maskTabGet, maskTabSet } from './handlers/mask';
import { basisSet, consentGive, consentWithdraw, exportLog, noticeLog, pageSignals, privacyGet, subjectSet } from './handlers/consent';
import { requestClose, requestExtend, requestList, requestOpen } from './handlers/requests';
import { reportGet } from './handlers/report';
import { logChain, logCount, logEvent, logExported, logPage, logQuery, logStatsHandler, logStatus, logVerified } from './handlers/log';
import { featuresLoad } from './handlers/features';
import { checkFrame, panelClose } from './handlers/frame';
import { instanceCheck, policyApply, policyGet, policyHistory, policyRefresh, policyRollback, policySetUrl, policyStatusHandler } from './handlers/policy';

export type { Deps } from './deps';

/** One handler per message of the protocol; the type makes a missing one a compile error. */
const handlers: { [T in MessageType]: Handler<T> } = {
  'page.state': pageState,
  'tab.get': tabGet,
  'record.setBasis': setBasis,
  'events.recent': eventsRecent,
  'policy.active': policyActive,
  'profile.get': profileGet,
  'profile.set': profileSet,
  // pages: retention, list rows, page warnings, sites (issue 3)
  'retention.context': retentionContext,
  'retention.report': retentionReport,
  'rows.summaries': rowsSummaries,
  'rows.known': rowsKnown,
  'pages.warn': pagesWarn,
  'pages.warnings': pagesWarnings,
  'sites.config': sitesConfig,
  'sites.sync': sitesSync,
  // field masking (issue 3)
  'mask.config': maskConfig,
  'mask.report': maskReport,
  'field.reveal': fieldReveal,
  'field.revealClose': fieldRevealClose,
  'panel.close': panelClose,
  'field.copy': fieldCopy,
  'mask.tab.get': maskTabGet,
  'mask.tab.set': maskTabSet,
  // consent, lawful basis, data-subject requests, report (issue 5)
  'basis.set': basisSet,
  'consent.give': consentGive,
  'consent.withdraw': consentWithdraw,
  'subject.set': subjectSet,
  'notice.log': noticeLog,
  'privacy.get': privacyGet,
  'request.open': requestOpen,
  'request.extend': requestExtend,
  'request.close': requestClose,
  'request.list': requestList,
  'report.get': reportGet,
  'export.log': exportLog,
  'page.signals': pageSignals,
  // access log (issue 4)
  'log.query': logQuery,
  'log.count': logCount,
  'log.page': logPage,
  'log.chain': logChain,
  'log.verified': logVerified,
  'log.stats': logStatsHandler,
  'log.exported': logExported,
  'log.status': logStatus,
  'log.event': logEvent,
  // --- policy deployment (issue 6) ---
  'policy.status': policyStatusHandler,
  'policy.history': policyHistory,
  'policy.get': policyGet,
  'policy.apply': policyApply,
  'policy.rollback': policyRollback,
  'policy.setUrl': policySetUrl,
  'policy.refresh': policyRefresh,
  'instance.check': instanceCheck,
  // size budget (benchmark #8): page features loaded on demand
  'features.load': featuresLoad,
};

/**
 * Every message goes the same way: sender → envelope → payload schema → (framed extension page:
 * its own tab and record only, handlers/frame.ts) → handler (policy, db), and fails closed with an
 * error answer. Nothing is written for a refused message.
 */
export async function handleMessage(raw: unknown, rawSender: SenderLike, deps: Deps): Promise<Answer<MessageType>> {
  const sender = classifySender(rawSender, deps.extensionId, deps.extensionOrigin);
  if (sender.kind === 'unknown') {
    return { ok: false, error: { code: 'forbidden', message: `Message refused: ${sender.why}.` } };
  }
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success || !isMessageType(envelope.data.type)) {
    return { ok: false, error: { code: 'bad-request', message: 'Unknown or malformed message.' } };
  }
  const type = envelope.data.type;
  if (!isKind(sender, allowedSenders[type])) {
    return { ok: false, error: { code: 'forbidden', message: `"${type}" may not be sent from here.` } };
  }
  const payload = requestSchemas[type].safeParse(envelope.data.payload);
  if (!payload.success) {
    const issue = payload.error.issues[0];
    const where = issue?.path.join('.') || 'payload';
    return { ok: false, error: { code: 'bad-request', message: `Invalid "${type}" message at ${where}.` } };
  }
  try {
    // A framed extension page (in-page panel, reveal dialog) acts on its own tab and record only.
    if (sender.kind === 'extension-frame') await checkFrame(type, payload.data as Request<MessageType>, sender, deps);
    const handler = handlers[type] as Handler<MessageType>;
    const data = await handler(payload.data as Request<MessageType>, sender, deps);
    return { ok: true, data };
  } catch (error) {
    if (error instanceof HandlerError) {
      const { code, message, key, params } = error;
      return { ok: false, error: { code, message, ...(key ? { key } : {}), ...(params ? { params } : {}) } };
    }
    if (isQuotaError(error)) {
      return { ok: false, error: { code: 'storage', message: errorMessage('en', 'errStorageFull'), key: 'errStorageFull' } };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message } };
  }
}

