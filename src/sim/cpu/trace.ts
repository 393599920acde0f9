/**
 * Spike traces, the one memory every learning rule reads: each neuron's x
 * decays as exp(-dt / tau) per step and jumps at its spikes. Within step t
 * the rules see x as it stands after the decay to t and before the spikes
 * of t are added, so a pre spike at t0 and a post spike at t0 + D steps pair
 * with x_pre = exp(-D dt / tau_pre), and a pre and a post spike in the same
 * step do not pair at all.
 */
import type { Connectome } from '../connectome';
import type { SpikeList } from './state';

const f32 = Math.fround;

/** How a spike moves its neuron's trace; `none` for populations no rule reads. */
export const TraceMode = { none: 0, add: 1, set: 2 } as const;
export type TraceMode = (typeof TraceMode)[keyof typeof TraceMode];

/** A population whose neurons keep a trace, hoisted for the decay loop. */
export interface TraceConstants {
  start: number;
  end: number;
  /** exp(-dt / tau_ms) of the population's trace: its decay over one step. */
  alpha: number;
}

export interface Traces {
  /** Populations whose traces are kept, in population order. */
  spans: TraceConstants[];
  /** Per population: what a spike does to the trace (`add`: x += 1, all-to-all pairing; `set`: x = 1, nearest spike). */
  modeOf: Uint8Array;
}

/**
 * A trace is kept only where a rule reads it: in the source and target
 * populations of plastic projections. Elsewhere it stays 0 and costs nothing,
 * so a network without plasticity runs as fast as before traces existed.
 */
export function traceConstants(connectome: Connectome, readBy: readonly { source: number; target: number }[]): Traces {
  const { populations, genome } = connectome;
  const modeOf = new Uint8Array(populations.length);
  const spans: TraceConstants[] = [];
  for (const layout of populations) {
    if (!readBy.some((p) => p.source === layout.index || p.target === layout.index)) continue;
    const trace = genome.populations[layout.index].trace;
    modeOf[layout.index] = trace.mode === 'add' ? TraceMode.add : TraceMode.set;
    spans.push({ start: layout.start, end: layout.start + layout.capacity, alpha: f32(Math.exp(-genome.dt_ms / trace.tau_ms)) });
  }
  return { spans, modeOf };
}

/** The decay to step t, before any rule reads the traces of t. */
export function decayTraces(trace: Float32Array, traces: Traces): void {
  const { spans } = traces;
  for (let p = 0; p < spans.length; p++) {
    const { start, end, alpha } = spans[p];
    for (let i = start; i < end; i++) trace[i] *= alpha;
  }
}

/** The spikes of step t enter the traces, after every rule of t has read them. */
export function addSpikesToTraces(trace: Float32Array, traces: Traces, populationOf: Uint16Array, spikes: SpikeList): void {
  const { modeOf } = traces;
  const ids = spikes.neuron;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const add = TraceMode.add;
  const none = TraceMode.none;
  for (let k = 0; k < spikes.count; k++) {
    const i = ids[k];
    const mode = modeOf[populationOf[i]];
    if (mode === none) continue;
    trace[i] = mode === add ? trace[i] + 1 : 1;
  }
}
