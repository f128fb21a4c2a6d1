import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { langFromUrl } from '@/entrypoints/popup/lang';
import { RevealApp, readRevealParams } from './App';
import './style.css';

// The CRM page's language, passed in the dialog's URL by the content script (lib/features/mask.ts).
const lang = langFromUrl(location.search, navigator.language);
document.documentElement.lang = lang;
const rootEl = document.getElementById('root');
if (rootEl) {
  createRoot(rootEl).render(
    <StrictMode>
      <RevealApp lang={lang} params={readRevealParams(location.search)} />
    </StrictMode>,
  );
}
