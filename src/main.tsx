/** Entry: one store, one engine worker, the default experiment loaded and running, the page rendered. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bindStore, createAppStore } from '@/store';
import { App } from '@/ui/App';
import { AppContext, type ViewRegistry } from '@/ui/app-context';
import { installDebugHandle } from '@/ui/debug-handle';
import { ErrorBoundary } from '@/ui/ErrorBoundary';
import { EngineClient } from '@/worker/client';
import { errorText } from '@/worker/protocol';
import '@/ui/app.css';

const store = createAppStore();
const client = EngineClient.start();
const views: ViewRegistry = { connectome: null };
bindStore(client, store);
installDebugHandle(client, store, views);
// The presets come with the genome schema (zod), which the worker validates with anyway: loaded apart, the page's own bundle stays small.
import('@/model/presets')
  .then(({ DEFAULT_PRESET, PRESETS }) => {
    store.getState().choosePreset(DEFAULT_PRESET);
    client.load(PRESETS[DEFAULT_PRESET].genome({}));
    client.run();
  })
  .catch((error: unknown) => store.getState().showError({ phase: 'page', message: `The default experiment could not be loaded: ${errorText(error)}` }));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppContext.Provider value={{ store, client, views }}>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </AppContext.Provider>
  </StrictMode>,
);
