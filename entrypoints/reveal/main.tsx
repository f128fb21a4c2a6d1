import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickLang } from '@/lib/i18n';
import { RevealApp, readRevealParams } from './App';
import './style.css';

const lang = pickLang(navigator.language);
document.documentElement.lang = lang;
const rootEl = document.getElementById('root');
if (rootEl) {
  createRoot(rootEl).render(
    <StrictMode>
      <RevealApp lang={lang} params={readRevealParams(location.search)} />
    </StrictMode>,
  );
}
