/**
 * IndexedDB's failures in words a person reads: every rejection of the
 * library is a StorageError whose message says what happened and what to do.
 */

/** A failure of the saved-experiments library, its message written for the page. */
export class StorageError extends Error {
  override name = 'StorageError';
}

/** IndexedDB is missing or refused (private browsing, site data turned off, a sandboxed frame). */
export function unavailable(detail: string): StorageError {
  return new StorageError(
    `This browser offers no IndexedDB here (${detail}), so experiments cannot be saved or reopened. Private browsing or site data turned off for this page can cause this.`,
  );
}

/** Why opening the database failed, from the open request's error. */
export function openFailure(error: unknown): StorageError {
  if (nameOf(error) === 'VersionError')
    return new StorageError('The saved experiments were written by a newer version of Neuroplay: reload the page to open them.');
  return unavailable(errorDetail(error));
}

/** `error` raised by IndexedDB while `doing` (e.g. 'saving "Digits, run 2"'), as a StorageError; the library's own errors pass through. */
export function storageError(error: unknown, doing: string): StorageError {
  if (error instanceof StorageError) return error;
  switch (nameOf(error)) {
    case 'QuotaExceededError':
      return new StorageError(`The browser's storage is full: ${doing} failed. Delete saved experiments you no longer need, or free space for this site, and try again.`);
    case 'InvalidStateError':
      return new StorageError(`The saved experiments were closed (a newer Neuroplay in another tab, or the browser cleared site data): ${doing} failed. Reload the page.`);
    default:
      return new StorageError(`${doing.charAt(0).toUpperCase()}${doing.slice(1)} failed: ${errorDetail(error)}.`);
  }
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/** "QuotaExceededError: ..." for an Error (DOMException included), the value as text otherwise. */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
