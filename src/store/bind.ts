/** Feeds the worker's ready, status and error messages into the store; returns the unsubscribe function. */
import type { EngineClient } from '@/worker/client';
import type { AppStore } from './store';

export function bindStore(client: EngineClient, store: AppStore): () => void {
  return client.onEvent((event) => store.getState().applyWorkerEvent(event));
}
