import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The design system's styles first, so a screen's own rules win ties of equal specificity.
import './ui/theme.css';
import { App } from './App';
import { SessionProvider } from './session';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
