import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickLang, t } from '@/lib/i18n';
import { App } from './App';
import { browserDashboardApi } from './api';
import './style.css';

const lang = pickLang(navigator.language);
document.documentElement.lang = lang;
document.title = `${t(lang, 'appName')} — ${t(lang, 'dashTitle')}`;
const rootEl = document.getElementById('root');
if (rootEl) {
  createRoot(rootEl).render(
    <StrictMode>
      <App lang={lang} api={browserDashboardApi} />
    </StrictMode>,
  );
}
