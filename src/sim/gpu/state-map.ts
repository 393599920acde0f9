/**
 * Where each array of the CPU engine's state (cpu/state.ts stateArrays) lives
 * on the GPU. Snapshots use the CPU's names, types and lengths, so a snapshot
 * taken on one engine restores into the other: a run can move between them.
 * The GPU holds every array as 32-bit words; narrower CPU types (alive as u8,
 * delays as u16) widen on upload and narrow on download.
 */
import type { EngineSnapshot } from '../engine';
import { neuronFieldIndex, type NeuronField } from './layout';

type StateArray = EngineSnapshot['arrays'][string];
type ArrayConstructor = new (length: number) => StateArray;

/** A span of 32-bit words in one GPU buffer. */
export interface StateLocation {
  buffer: string;
  /** First word. */
  offset: number;
  length: number;
  /** The CPU's array type for this state. */
  type: ArrayConstructor;
}

export type StateMap = Record<string, StateLocation>;

const NEURON_STATE: readonly NeuronField[] = ['v', 'u', 'ge', 'gi', 'gE', 'gI', 'refractory', 'rate_hz', 'phase', 'alive', 'trace', 'theta'];

/** GPU buffers of the other arrays, by CPU name. */
const BUFFER_OF: Record<string, string> = {
  target: 'target',
  weight: 'weight',
  delaySteps: 'delay',
  rowEnd: 'row_end',
  ring: 'ring',
  eligibility: 'eligibility',
};

/**
 * The map for a CPU state's arrays (`template`, as stateArrays gives them):
 * neuron arrays in the packed neuron buffer (copy 0), modulators, negative
 * drives and structural totals in the globals buffer, the reverse index's
 * columns then counts in the reverse buffer (one binding fewer per kernel),
 * the rest in a buffer each.
 */
export function stateMap(template: Record<string, StateArray>, fieldStride: number, driveOffset: number, totalsOffset: number): StateMap {
  const map: StateMap = {};
  for (const [name, array] of Object.entries(template)) {
    const type = array.constructor as ArrayConstructor;
    const length = array.length;
    if ((NEURON_STATE as readonly string[]).includes(name)) map[name] = { buffer: 'neurons', offset: neuronFieldIndex(name as NeuronField) * fieldStride, length, type };
    else if (name === 'modulators') map[name] = { buffer: 'globals', offset: 0, length, type };
    else if (name === 'negativeDrive') map[name] = { buffer: 'globals', offset: driveOffset, length, type };
    else if (name === 'structureTotals') map[name] = { buffer: 'globals', offset: totalsOffset, length, type };
    else if (name === 'reverseSlot') map[name] = { buffer: 'reverse', offset: 0, length, type };
    else if (name === 'reverseCount') map[name] = { buffer: 'reverse', offset: template.reverseSlot.length, length, type };
    else if (name in BUFFER_OF) map[name] = { buffer: BUFFER_OF[name], offset: 0, length, type };
    else throw new Error(`WebGPU engine: no place for state array "${name}"`);
  }
  return map;
}

/** The 32-bit words the GPU holds for a CPU array: floats as their bits, integers widened. */
export function toWords(array: StateArray): Uint32Array {
  if (array instanceof Float32Array || array instanceof Int32Array || array instanceof Uint32Array) return new Uint32Array(array.buffer, array.byteOffset, array.length);
  return Uint32Array.from(array);
}

/** A CPU array of `type` from the GPU's words. */
export function fromWords(words: Uint32Array, type: ArrayConstructor): StateArray {
  const out = new type(words.length);
  if (out instanceof Float32Array || out instanceof Int32Array || out instanceof Uint32Array) new Uint32Array(out.buffer).set(words);
  else out.set(words);
  return out;
}
