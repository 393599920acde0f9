/**
 * Snapshots of the complete state (every array of `stateArrays`, copied) and
 * their restoration. A snapshot is checked in full against the engine before
 * anything is copied in, so a refused restore leaves the engine untouched.
 */
import type { EngineSnapshot } from '../engine';
import { stateArrays, type CpuState } from './state';

type StateArray = EngineSnapshot['arrays'][string];

export function takeSnapshot(state: CpuState, step: number): EngineSnapshot {
  const arrays: Record<string, StateArray> = {};
  for (const [name, array] of Object.entries(stateArrays(state))) arrays[name] = array.slice();
  return { format: 'neuroplay-state', version: 1, step, arrays };
}

/**
 * Every way `snapshot` fails to fit an engine whose state arrays are `own`
 * (by name; the WebGPU engine passes the CPU's, which it mirrors), one line
 * each; empty when it fits.
 */
export function snapshotMismatches(own: Record<string, StateArray>, snapshot: EngineSnapshot): string[] {
  const problems: string[] = [];
  if (snapshot.format !== 'neuroplay-state') problems.push(`format is ${JSON.stringify(snapshot.format)}, expected "neuroplay-state"`);
  if (snapshot.version !== 1) problems.push(`version is ${JSON.stringify(snapshot.version)}, expected 1`);
  if (!Number.isSafeInteger(snapshot.step) || snapshot.step < 0) problems.push(`step is ${snapshot.step}, expected a whole number >= 0`);
  for (const [name, array] of Object.entries(own)) {
    const theirs = snapshot.arrays[name];
    if (theirs === undefined) problems.push(`array "${name}" is missing`);
    else if (theirs.constructor !== array.constructor) problems.push(`array "${name}" is a ${theirs.constructor.name}, expected ${array.constructor.name}`);
    else if (theirs.length !== array.length) problems.push(`array "${name}" has length ${theirs.length}, expected ${array.length}`);
  }
  for (const name of Object.keys(snapshot.arrays)) if (!Object.hasOwn(own, name)) problems.push(`array "${name}" is not part of this engine's state`);
  return problems;
}

/** Copies the snapshot's arrays into `state`, or throws naming every mismatch (the state is then untouched). */
export function restoreSnapshot(state: CpuState, snapshot: EngineSnapshot): void {
  const problems = snapshotMismatches(stateArrays(state), snapshot);
  if (problems.length)
    throw new Error(`restore: the snapshot does not fit this network (${state.neuronCount} neurons, ${state.synapses.target.length} synapse slots, ring of ${state.ringLength} steps): ${problems.join('; ')}`);
  for (const [name, array] of Object.entries(stateArrays(state))) array.set(snapshot.arrays[name]);
}
