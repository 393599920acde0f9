/**
 * Which synapse slots the connectome view follows. Drawing every synapse of
 * a large network is neither possible nor readable, so the view keeps a
 * fixed sample of slots and the worker reads them again a few times a
 * second: a slot that empties was pruned, one that fills has grown.
 * Whole rows are taken where they fit (growth fills a row's free slots, so
 * a partial row could hide it), spread evenly over each projection's
 * source neurons, and every projection gets an equal share.
 */
import type { Connectome } from '@/sim';

/** Slots the view follows at most: a few thousand lines still draw at display rate. */
export const SYNAPSE_SAMPLE_SIZE = 2400;
/** Rows a projection's share is spread over at least, so one long row does not stand for a whole projection. */
const MIN_ROWS = 8;

/** The sampled global slot indices, ascending within each projection. */
export function sampleSlots(connectome: Connectome, max = SYNAPSE_SAMPLE_SIZE): Uint32Array<ArrayBuffer> {
  const slots: number[] = [];
  const projections = connectome.projections;
  projections.forEach((projection, k) => {
    const share = Math.floor((max - slots.length) / (projections.length - k));
    const rows = connectome.populations[projection.source].size;
    if (share < 1 || rows < 1) return;
    const perRow = Math.max(1, Math.min(projection.rowCapacity, Math.floor(share / Math.min(MIN_ROWS, rows))));
    const rowCount = Math.min(rows, Math.floor(share / perRow));
    for (let r = 0; r < rowCount; r++) {
      // Evenly spread rows: r-th of rowCount over 0 .. rows - 1.
      const row = Math.floor((r * rows) / rowCount);
      const first = projection.slotStart + row * projection.rowCapacity;
      for (let s = 0; s < perRow; s++) slots.push(first + s);
    }
  });
  return Uint32Array.from(slots);
}
