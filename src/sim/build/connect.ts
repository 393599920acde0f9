/** Fills one projection's rows by its connectivity rule (one module per rule). */
import type { Connectivity } from '@/model';
import { connectFixedIndegree } from './connect-fixed-indegree';
import { connectOneToOne } from './connect-one-to-one';
import { connectProbability } from './connect-probability';
import { connectTopographic } from './connect-topographic';
import type { RowBlock } from './row-block';

export function connect(block: RowBlock, connectivity: Connectivity, position: Float32Array): void {
  switch (connectivity.kind) {
    case 'probability':
      return connectProbability(block, connectivity.p);
    case 'fixed_indegree':
      return connectFixedIndegree(block, connectivity.k);
    case 'one_to_one':
      return connectOneToOne(block);
    case 'topographic':
      return connectTopographic(block, connectivity.radius, connectivity.p, position);
  }
}
