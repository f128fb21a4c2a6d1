import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { langFromUrl } from './lang';
import './style.css';

const params = new URLSearchParams(location.search);
// The in-page panel speaks the CRM page's language (`lang` in its URL); the toolbar popup the browser's.
const lang = langFromUrl(location.search, navigator.language);
document.documentElement.lang = lang;
const tabParam = params.get('tab');
const tabId = tabParam !== null && /^\d{1,10}$/.test(tabParam) ? Number(tabParam) : null;
const rootEl = document.getElementById('root');
if (rootEl) {
  createRoot(rootEl).render(
    <StrictMode>
      <App lang={lang} tabId={tabId} embedded={params.get('embed') === '1'} />
    </StrictMode>,
  );
}
