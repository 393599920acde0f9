/**
 * The only places a synapse appears or disappears while the network runs
 * (growth, birth, pruning). Each edit keeps the row, its `rowEnd`, the
 * reverse index and the eligibility consistent:
 * - a synapse goes into the row's first empty slot: a hole below rowEnd
 *   left by pruning, else slot rowEnd (which then moves up);
 * - an emptied slot gets target EMPTY_SLOT, weight, delay and eligibility 0,
 *   leaves its target's column, and rowEnd drops past any empty tail;
 * - a new synapse starts with eligibility 0: a tag belongs to the synapse
 *   that earned it, not to the slot.
 */
import { EMPTY_SLOT } from '../connectome';
import { addReverseEntry, columnHasRoom, removeReverseEntry } from './reverse-index';
import type { ProjectionSite } from './structure-params';
import type { CpuState } from './state';

/** Where a projection's rows lie in the synapse arrays. */
type RowBlock = Pick<ProjectionSite, 'slotStart' | 'rowCapacity'>;

/** Global slot index of slot 0 of the row of source `row` (local). */
export function rowFirst(site: RowBlock, row: number): number {
  return site.slotStart + row * site.rowCapacity;
}

/** The presynaptic neuron (global) of slot `slot`: its row within the block, offset by the source population's start. */
export function sourceOfSlot(site: RowBlock & { sourceStart: number }, slot: number): number {
  return site.sourceStart + (((slot - site.slotStart) / site.rowCapacity) | 0);
}

/** The row's first empty slot (global index), or -1 when every slot is in use. */
export function freeSlot(state: CpuState, site: ProjectionSite, row: number): number {
  const { target, rowEnd } = state.synapses;
  const first = rowFirst(site, row);
  const used = rowEnd[site.rowStart + row];
  for (let s = first, end = first + used; s < end; s++) if (target[s] === EMPTY_SLOT) return s;
  return used < site.rowCapacity ? first + used : -1;
}

/** Whether the row of source `row` already has a synapse onto global neuron `post`. */
export function isConnected(state: CpuState, site: ProjectionSite, row: number, post: number): boolean {
  const { target, rowEnd } = state.synapses;
  const first = rowFirst(site, row);
  for (let s = first, end = first + rowEnd[site.rowStart + row]; s < end; s++) if (target[s] === post) return true;
  return false;
}

/** Whether `post`'s reverse-index column can take one more entry (always, where the projection has no columns). */
export function targetHasRoom(state: CpuState, site: ProjectionSite, post: number): boolean {
  return site.columns === undefined || columnHasRoom(state, site.columns, post - site.targetStart);
}

/**
 * Makes the synapse row -> post in `slot` (from freeSlot), entering it in
 * post's column (the caller has checked targetHasRoom). The caller then
 * writes its weight and delay.
 */
export function placeSynapse(state: CpuState, site: ProjectionSite, row: number, slot: number, post: number): void {
  const { target, rowEnd } = state.synapses;
  target[slot] = post;
  const end = slot - rowFirst(site, row) + 1;
  if (end > rowEnd[site.rowStart + row]) rowEnd[site.rowStart + row] = end;
  if (site.columns !== undefined) addReverseEntry(state, site.columns, post - site.targetStart, slot);
  if (state.eligibility.length > 0) state.eligibility[slot] = 0;
}

/** Empties `slot` of the row of source `row`. */
export function emptySlot(state: CpuState, site: ProjectionSite, row: number, slot: number): void {
  const { target, weight, delaySteps, rowEnd } = state.synapses;
  const post = target[slot];
  if (site.columns !== undefined) removeReverseEntry(state, site.columns, post - site.targetStart, slot);
  target[slot] = EMPTY_SLOT;
  weight[slot] = 0;
  delaySteps[slot] = 0;
  if (state.eligibility.length > 0) state.eligibility[slot] = 0;
  const first = rowFirst(site, row);
  let end = rowEnd[site.rowStart + row];
  while (end > 0 && target[first + end - 1] === EMPTY_SLOT) end--;
  rowEnd[site.rowStart + row] = end;
}
