/**
 * The 'neuroplay' database: its versioned schema and how it opens. Metadata
 * (`saves`) and learned state (`states`) live in separate stores, so listing
 * the library never reads the big arrays.
 */
import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { EngineSnapshot } from '@/sim';
import { errorDetail, openFailure, StorageError, unavailable } from './errors';
import type { SaveMeta } from './meta';

export const DB_NAME = 'neuroplay';
/** Raise by one with each change of stores or indexes, and add its step to `upgrade`. */
export const DB_VERSION = 1;

/** What a save keeps besides its metadata: the experiment ({ genome, bindings }) stored as given, validated by the caller when loaded, and the learned state. */
export interface SavePayload {
  experiment: unknown;
  snapshot: EngineSnapshot;
}

export interface NeuroplaySchema extends DBSchema {
  saves: { key: string; value: SaveMeta; indexes: { savedAt: string } };
  /** Keyed by the save's id (out-of-line keys). */
  states: { key: string; value: SavePayload };
}

export type NeuroplayDatabase = IDBPDatabase<NeuroplaySchema>;

/** Brings a database at `oldVersion` (0: new) up to DB_VERSION, one step per version, so any older one upgrades in order. */
export function upgrade(db: NeuroplayDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('saves', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
    db.createObjectStore('states');
  }
}

/** The page's IndexedDB, or undefined where there is none or touching it throws (some sandboxed frames). */
export function browserIndexedDb(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Opens (creating or upgrading) the database through `factory`; rejects with
 * a StorageError when IndexedDB is missing, refused, newer than this page or
 * held at an older version by another tab.
 */
export function openDatabase(factory: IDBFactory | undefined): Promise<NeuroplayDatabase> {
  if (!factory) return Promise.reject(unavailable('the page has no indexedDB'));
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(DB_NAME, DB_VERSION);
  } catch (error) {
    return Promise.reject(unavailable(errorDetail(error)));
  }
  return new Promise((resolve, reject) => {
    let refused = false;
    request.onupgradeneeded = (event) => upgrade(wrap(request.result) as NeuroplayDatabase, event.oldVersion);
    request.onblocked = () => {
      refused = true;
      reject(new StorageError('Another tab holds the saved experiments open with an older version of Neuroplay: close or reload that tab, then reload this page.'));
    };
    request.onerror = () => reject(openFailure(request.error));
    request.onsuccess = () => {
      const db = request.result;
      // Opened after all, once the other tab let go: nobody awaits it any more.
      if (refused) return db.close();
      // A newer page in another tab upgrades the schema: let it; this page's calls then fail as closed.
      db.onversionchange = () => db.close();
      resolve(wrap(db) as NeuroplayDatabase);
    };
  });
}
