/** Saved experiments in the browser's IndexedDB, and the autosaver that keeps the run's learned state there. */
export * from './autosave';
export { DB_NAME, DB_VERSION, type SavePayload } from './database';
export { StorageError } from './errors';
export * from './library';
export { NAME_MAX, type NewSave, type SaveMeta } from './meta';
