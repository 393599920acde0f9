/**
 * The reverse index (DESIGN.md): for each plastic projection, the synapse
 * slots that end on each of its targets, so that a postsynaptic spike walks
 * its incoming synapses without scanning every row.
 *
 * Layout, padded like the rows (ELL-like) so entries can be added and removed
 * in place while the network runs (growth and pruning):
 * - `reverseSlot` holds one block per plastic projection, in projection
 *   order; a block has one column per neuron of the target population's
 *   capacity, `columnCapacity` entries each. Column j of a projection starts
 *   at columnStart + j * columnCapacity; an entry is a global synapse slot.
 * - `reverseCount` holds, at countStart + j, how many entries of column j
 *   are in use; they are its first ones. Adding an entry writes at index
 *   count and increments it (refused when count = columnCapacity); removing
 *   one moves the column's last entry into its place and decrements it.
 * The builder fills each column in ascending slot order (ascending source).
 */
import { EMPTY_SLOT, type Connectome, type ProjectionLayout } from '../connectome';

/** Where one plastic projection's columns live in the reverse index. */
export interface ReverseColumns {
  /** Global index of the target population's first neuron: column j serves neuron targetStart + j. */
  targetStart: number;
  /** Columns: the target population's capacity. */
  columnCount: number;
  /** Entries per column. */
  columnCapacity: number;
  /** Index in reverseSlot of column 0, entry 0. */
  columnStart: number;
  /** Index in reverseCount of column 0. */
  countStart: number;
}

/** Where every plastic projection's columns live, and the lengths of the two arrays. */
export interface ReverseLayout {
  /** By projection index; undefined where the projection is not plastic. */
  columns: (ReverseColumns | undefined)[];
  slotLength: number;
  countLength: number;
}

export interface ReverseIndex {
  /** Synapse slots ending on each target, padded per (projection, target) column. */
  reverseSlot: Uint32Array;
  /** Entries in use per (projection, target) column. */
  reverseCount: Uint32Array;
}

/** Synapses now ending on each target of a projection, by target within its population. */
function inDegrees(connectome: Connectome, projection: ProjectionLayout): Uint32Array {
  const { target, rowEnd } = connectome.synapses;
  const source = connectome.populations[projection.source];
  const targetPopulation = connectome.populations[projection.target];
  const degrees = new Uint32Array(targetPopulation.capacity);
  for (let row = 0; row < source.capacity; row++) {
    const first = projection.slotStart + row * projection.rowCapacity;
    const end = first + rowEnd[projection.rowStart + row];
    for (let s = first; s < end; s++) if (target[s] !== EMPTY_SLOT) degrees[target[s] - targetPopulation.start]++;
  }
  return degrees;
}

/**
 * Entries per column: the in-degree a target would have on average if every
 * slot of the projection were used, plus six standard deviations (as
 * rowCapacity sizes rows, so growth rarely finds a column full), at most one
 * per source; never less than the largest in-degree the network has now.
 */
export function columnCapacity(connectome: Connectome, projection: ProjectionLayout, degrees: Uint32Array): number {
  const sources = connectome.populations[projection.source].capacity;
  const targets = Math.max(1, connectome.populations[projection.target].capacity);
  const full = (sources * projection.rowCapacity) / targets;
  const p = Math.min(1, full / Math.max(1, sources));
  const headroom = Math.ceil(full + 6 * Math.sqrt(full * (1 - p)) + 2);
  let largest = 0;
  for (let j = 0; j < degrees.length; j++) largest = Math.max(largest, degrees[j]);
  return Math.max(largest, Math.min(sources, headroom));
}

/** Columns of each projection flagged in `plastic`, one block after another in projection order. */
export function reverseLayout(connectome: Connectome, plastic: readonly boolean[]): ReverseLayout {
  let slotLength = 0;
  let countLength = 0;
  const columns = connectome.projections.map((projection): ReverseColumns | undefined => {
    if (!plastic[projection.index]) return undefined;
    const targetPopulation = connectome.populations[projection.target];
    const layout: ReverseColumns = {
      targetStart: targetPopulation.start,
      columnCount: targetPopulation.capacity,
      columnCapacity: columnCapacity(connectome, projection, inDegrees(connectome, projection)),
      columnStart: slotLength,
      countStart: countLength,
    };
    slotLength += layout.columnCount * layout.columnCapacity;
    countLength += layout.columnCount;
    return layout;
  });
  return { columns, slotLength, countLength };
}

/** The reverse index of the grown rows: every non-empty slot of a plastic projection entered in its target's column. */
export function createReverseIndex(connectome: Connectome, layout: ReverseLayout): ReverseIndex {
  const { columns } = layout;
  const index: ReverseIndex = { reverseSlot: new Uint32Array(layout.slotLength), reverseCount: new Uint32Array(layout.countLength) };
  const { reverseSlot, reverseCount } = index;
  const { target, rowEnd } = connectome.synapses;
  for (const projection of connectome.projections) {
    const c = columns[projection.index];
    if (!c) continue;
    const sources = connectome.populations[projection.source].capacity;
    for (let row = 0; row < sources; row++) {
      const first = projection.slotStart + row * projection.rowCapacity;
      const end = first + rowEnd[projection.rowStart + row];
      for (let s = first; s < end; s++) {
        if (target[s] === EMPTY_SLOT) continue;
        const j = target[s] - c.targetStart;
        reverseSlot[columnFirst(c, j) + reverseCount[c.countStart + j]++] = s;
      }
    }
  }
  return index;
}

/** Enters `slot` in column j of `c`: false, and nothing written, when the column is full. */
export function addReverseEntry(index: ReverseIndex, c: ReverseColumns, j: number, slot: number): boolean {
  const count = index.reverseCount[c.countStart + j];
  if (count >= c.columnCapacity) return false;
  index.reverseSlot[columnFirst(c, j) + count] = slot;
  index.reverseCount[c.countStart + j] = count + 1;
  return true;
}

/** Index in reverseSlot of column j's first entry. */
export function columnFirst(c: Pick<ReverseColumns, 'columnStart' | 'columnCapacity'>, j: number): number {
  return c.columnStart + j * c.columnCapacity;
}

/** Removes `slot` from column j of `c`: the column's last entry moves into its place. False when the slot is not there. */
export function removeReverseEntry(index: ReverseIndex, c: ReverseColumns, j: number, slot: number): boolean {
  const { reverseSlot, reverseCount } = index;
  const first = columnFirst(c, j);
  const last = first + reverseCount[c.countStart + j] - 1;
  for (let k = first; k <= last; k++) {
    if (reverseSlot[k] !== slot) continue;
    reverseSlot[k] = reverseSlot[last];
    reverseSlot[last] = 0;
    reverseCount[c.countStart + j]--;
    return true;
  }
  return false;
}

/** Whether column j of `c` can take one more entry. */
export function columnHasRoom(index: ReverseIndex, c: ReverseColumns, j: number): boolean {
  return index.reverseCount[c.countStart + j] < c.columnCapacity;
}
