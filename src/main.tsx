/** Entry: one store, one engine worker, the experiment the address asks for (a share link, a preset, else the default) loaded and running, the page rendered. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bindStore, createAppStore } from '@/store';
import { App } from '@/ui/App';
import { AppContext, type ViewRegistry } from '@/ui/app-context';
import { installDebugHandle } from '@/ui/debug-handle';
import { ErrorBoundary } from '@/ui/ErrorBoundary';
import { offerResume, Persistence } from '@/ui/persistence';
import { start } from '@/ui/start';
import { EngineClient } from '@/worker/client';
import '@/ui/app.css';

const store = createAppStore();
const client = EngineClient.start();
const views: ViewRegistry = { connectome: null };
const persistence = Persistence.open({ client, store });
bindStore(client, store);
installDebugHandle(client, store, views, persistence);
// The page offers to continue from its autosave when opened without a link; autosaving starts once that is answered, so it never overwrites what is offered.
void start({ client, store }).then(() => offerResume(persistence, store));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={{ store, client, views, persistence }}>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </AppContext.Provider>
  </StrictMode>,
);
