import { classifyUrl } from '@/lib/crm/registry';
import { originOf } from '@/lib/messaging/sender';
import { HandlerError, type Handler } from '../deps';
import { syncSites } from './sites-pages';

/**
 * Size budget (benchmark #8): the content script on every CRM page holds the runner, the adapters and
 * masking; the record badge, panel, export, retention warnings, list-row markers and the instance
 * banner live in crm-lazy.js, which this handler runs in the asking frame's isolated world. Fails
 * closed: only our content script (top frame, checked by classifySender), only on a page the
 * registry calls a CRM page (built-in hosts, presets, the policy's custom domains), and only while
 * the tab is still on that origin. The script registers its features with the content script
 * through an isolated-world global, which the CRM page cannot see.
 */
export const featuresLoad: Handler<'features.load'> = async (_payload, sender, deps) => {
  if (sender.kind !== 'content') throw new HandlerError('forbidden', 'Only a content script may ask for its features.');
  await syncSites(deps);
  const frameOrigin = originOf(sender.frameUrl);
  if (!frameOrigin || !classifyUrl(sender.frameUrl)) throw new HandlerError('forbidden', 'This frame is not on a CRM page.');
  const tabUrl = await deps.tabUrl(sender.tabId);
  if (!tabUrl || originOf(tabUrl) !== frameOrigin) throw new HandlerError('forbidden', 'The tab has left the page that asked.');
  try {
    await deps.injectFeatures({
      tabId: sender.tabId,
      frameId: 0, // classifySender accepts top frames only
      ...(sender.documentId ? { documentId: sender.documentId } : {}),
    });
  } catch (error) {
    throw new HandlerError('internal', `The page features could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { loaded: true };
};
