/**
 * Where step t's input sits in the delay ring. Delivery itself is fused into
 * each neuron loop of stage `integrate` (one pass over the neurons reads the
 * ring entry, adds it, zeroes it, and integrates); these helpers name the
 * offsets those loops use.
 */
import { CHANNEL_COUNT, FIXED_POINT_SCALE } from '../connectome';
import type { CpuState } from './state';

/** Multiplying a ring entry by this turns fixed point back into mV or conductance (exact: a power of two). */
export const FROM_FIXED_POINT = 1 / FIXED_POINT_SCALE;

/** Offset of (slot of step t, channel 0) in the ring; channel c of neuron i is at base + c * neuronCount + i. */
export function deliverySlotBase(state: CpuState, step: number): number {
  return (step % state.ringLength) * CHANNEL_COUNT * state.neuronCount;
}

/**
 * A dead neuron takes no input: its entries are zeroed rather than left to
 * pile up (and overflow) until it is born.
 */
export function discardInput(ring: Int32Array, slotBase: number, neuronCount: number, i: number): void {
  for (let c = 0; c < CHANNEL_COUNT; c++) ring[slotBase + c * neuronCount + i] = 0;
}

/** Takes ring entry k (fixed point) and empties it. Most entries are 0 in most steps: testing first spares the store. */
export function takeInput(ring: Int32Array, k: number): number {
  const x = ring[k];
  if (x !== 0) ring[k] = 0;
  return x;
}
