/**
 * The library of saved experiments in IndexedDB: named saves a person makes
 * and the one autosave slot, each as metadata (listed) and state (read only
 * when opened). Every write of a save touches both stores in one transaction,
 * so a save is whole or absent, never half written.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import { browserIndexedDb, openDatabase, type NeuroplayDatabase, type NeuroplaySchema, type SavePayload } from './database';
import { StorageError, storageError } from './errors';
import { checkName, completeMeta, copyName, type NewSave, type SaveMeta } from './meta';

/** A save opened: its metadata, experiment and learned state. */
export interface LoadedSave extends SavePayload {
  meta: SaveMeta;
}

type Store = StoreNames<NeuroplaySchema>;
type Transaction<S extends Store[]> = IDBPTransaction<NeuroplaySchema, S, 'readwrite'>;

const BOTH: ['saves', 'states'] = ['saves', 'states'];

export class ExperimentLibrary {
  private constructor(private readonly db: NeuroplayDatabase) {}

  /** Opens the library in `factory` (the page's IndexedDB by default); rejects with a message for a person when there is none or it fails. */
  static async open(factory: IDBFactory | undefined = browserIndexedDb()): Promise<ExperimentLibrary> {
    return new ExperimentLibrary(await openDatabase(factory));
  }

  /** Every save, the autosave included (flagged), newest first. */
  list(): Promise<SaveMeta[]> {
    return this.guard('listing the saved experiments', async () => (await this.db.getAllFromIndex('saves', 'savedAt')).reverse());
  }

  /** Saves a new experiment under a new id. */
  async save(input: NewSave, payload: SavePayload): Promise<SaveMeta> {
    const meta = completeMeta(input, crypto.randomUUID(), false);
    return this.guard(`saving "${meta.name}"`, () =>
      this.transaction(BOTH, async (tx) => {
        await this.put(tx, meta, payload);
        return meta;
      }),
    );
  }

  /** Replaces the single autosave slot (keeping its id) with this state, in one transaction: until it commits, the previous autosave stays whole. */
  async autosave(input: NewSave, payload: SavePayload): Promise<SaveMeta> {
    const fresh = completeMeta(input, crypto.randomUUID(), true);
    return this.guard('autosaving', () =>
      this.transaction(BOTH, async (tx) => {
        const previous = (await tx.objectStore('saves').getAll()).find((meta) => meta.autosave);
        const meta = previous ? { ...fresh, id: previous.id } : fresh;
        await this.put(tx, meta, payload);
        return meta;
      }),
    );
  }

  /** The autosave to offer when the page reopens; null when there is none. */
  async latestAutosave(): Promise<SaveMeta | null> {
    return (await this.list()).find((meta) => meta.autosave) ?? null;
  }

  /** A save with its experiment and state; null when no save has that id. */
  load(id: string): Promise<LoadedSave | null> {
    return this.guard('opening the saved experiment', async () => {
      const tx = this.db.transaction(BOTH, 'readonly');
      const [meta, state] = await Promise.all([tx.objectStore('saves').get(id), tx.objectStore('states').get(id)]);
      return meta && state ? { meta, experiment: state.experiment, snapshot: state.snapshot } : null;
    });
  }

  /**
   * Gives a save a new name (trimmed, 1 to NAME_MAX characters). A renamed
   * autosave becomes a save of its own, which the next autosave leaves alone.
   */
  async rename(id: string, name: string): Promise<SaveMeta> {
    const trimmed = checkName(name);
    return this.guard(`renaming to "${trimmed}"`, () =>
      this.transaction(['saves'], async (tx) => {
        const meta = { ...(await existing(tx.objectStore('saves'), id)), name: trimmed, autosave: false };
        await tx.objectStore('saves').put(meta);
        return meta;
      }),
    );
  }

  /** A copy of a save under a new id, named "<name> (copy)", dated now (so it lists first), never an autosave. */
  duplicate(id: string): Promise<SaveMeta> {
    return this.guard('duplicating the saved experiment', () =>
      this.transaction(BOTH, async (tx) => {
        const original = await existing(tx.objectStore('saves'), id);
        const state = await tx.objectStore('states').get(id);
        if (!state) throw missing(id);
        const meta = { ...original, id: crypto.randomUUID(), name: copyName(original.name), savedAt: new Date().toISOString(), autosave: false };
        await this.put(tx, meta, state);
        return meta;
      }),
    );
  }

  /** Deletes a save and its state; deleting one that is already gone does nothing. */
  delete(id: string): Promise<void> {
    return this.guard('deleting the saved experiment', () =>
      this.transaction(BOTH, async (tx) => {
        await Promise.all([tx.objectStore('saves').delete(id), tx.objectStore('states').delete(id)]);
      }),
    );
  }

  /** Closes the connection; later calls reject. */
  close(): void {
    this.db.close();
  }

  private async guard<T>(doing: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw storageError(error, doing);
    }
  }

  /**
   * Runs `work` in one read-write transaction over `stores` and resolves once
   * it has committed. When `work` fails the transaction is aborted, so none
   * of its writes are kept; the error is the transaction's own when it has
   * one (a full disk shows as QuotaExceededError there, not on the request).
   */
  private async transaction<S extends Store[], T>(stores: S, work: (tx: Transaction<S>) => Promise<T>): Promise<T> {
    const tx = this.db.transaction(stores, 'readwrite');
    // Awaited below on success; on failure the error is taken from the transaction, so this rejection is handled here.
    tx.done.catch(() => undefined);
    try {
      const result = await work(tx);
      await tx.done;
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted by the failure itself.
      }
      throw tx.error ?? error;
    }
  }

  private async put(tx: Transaction<typeof BOTH>, meta: SaveMeta, payload: SavePayload): Promise<void> {
    // One after the other: a state that cannot be cloned throws at its put, and no earlier request is left unawaited.
    await tx.objectStore('saves').put(meta);
    await tx.objectStore('states').put({ experiment: payload.experiment, snapshot: payload.snapshot }, meta.id);
  }
}

/** The metadata of save `id` in `saves`, or a StorageError saying there is none. */
async function existing(saves: { get(id: string): Promise<SaveMeta | undefined> }, id: string): Promise<SaveMeta> {
  const meta = await saves.get(id);
  if (!meta) throw missing(id);
  return meta;
}

function missing(id: string): StorageError {
  return new StorageError(`No saved experiment has the id ${id}: it may have been deleted, perhaps in another tab.`);
}
