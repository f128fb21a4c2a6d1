import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickLang } from '@/lib/i18n';
import { App } from './App';
import './style.css';

const params = new URLSearchParams(location.search);
const lang = pickLang(navigator.language);
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
