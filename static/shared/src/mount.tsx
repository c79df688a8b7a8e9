import '@atlaskit/css-reset';
import { StrictMode, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';

/** Renders a Custom UI app into the `#root` element of its resource's index.html. */
export function mountApp(App: ComponentType): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element to render the app into');
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
