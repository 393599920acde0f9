/** Files the commands write: a folder checked before a long run, and a write that fails with the flag it came from. */
import { statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './args';

/** Refuses an output path whose folder does not exist before the run, not after it. */
export function checkOutPath(path: string, flag = '--out'): void {
  const folder = dirname(resolve(path));
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) throw new UsageError([`${flag}: the folder ${folder} does not exist`]);
}

export function writeOut(path: string, content: string | Uint8Array, flag = '--out'): void {
  try {
    writeFileSync(path, content);
  } catch (error) {
    throw new UsageError([`${flag} ${path}: ${(error as Error).message}`]);
  }
}
