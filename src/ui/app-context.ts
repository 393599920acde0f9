/** The store and the engine client, handed to components through context rather than module globals. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from '@/store';
import type { EngineClient } from '@/worker/client';
import type { Persistence } from './persistence';

/** Views drawn outside React that the console handle reads (browser tests ask what the connectome view draws). */
export interface ViewRegistry {
  connectome: { drawnSlots(): number[] } | null;
}

export interface AppServices {
  store: AppStore;
  client: EngineClient;
  views: ViewRegistry;
  /** The library and autosave; rejects with the reason on a browser without usable IndexedDB. */
  persistence: Promise<Persistence>;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useServices: no AppContext provider above this component');
  return services;
}

/** Subscribes to one slice of the store through a narrow selector. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}
