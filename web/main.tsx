import '@utrecht/component-library-css';
import '@utrecht/design-tokens/dist/theme.css';
import '@web/core/styles/app.css';
import '@web/core/styles/components.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@web/core/App';
import { modules } from '@web/modules';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App modules={modules} />
  </StrictMode>,
);
