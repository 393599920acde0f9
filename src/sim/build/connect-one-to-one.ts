/** One-to-one: source i connects to target i wherever both are alive. */
import { rowBase, type RowBlock } from './row-block';

export function connectOneToOne(block: RowBlock): void {
  const { projection, source, target, skipSelf, targets, rowEnd } = block;
  // Every one-to-one pair has equal indices: skipping them leaves nothing to connect.
  if (skipSelf) return;
  const n = Math.min(source.size, target.size);
  for (let i = 0; i < n; i++) {
    targets[rowBase(block, i)] = target.start + i;
    rowEnd[projection.rowStart + i] = 1;
  }
}
