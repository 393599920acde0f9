/**
 * Steps an engine through a run in chunks, so a progress bar can move and a
 * raster can be binned, and times only the stepping (the engine's own work).
 */
import type { Frame } from '@/sim';
import type { SteppingEngine } from './engines';

/** Simulated time per chunk, ms: one progress update and one bin of the population rates. */
export const CHUNK_MS = 10;

export interface RunTotals {
  steps: number;
  /** Spikes per population over the run. */
  populationSpikes: Float64Array;
  synapticEvents: number;
  /** Wall time spent in step() and readFrame() (for WebGPU, submission to completion), s. */
  wallS: number;
}

/** Number of whole steps of `dtMs` nearest to `durationS` (at least one). */
export function stepsFor(durationS: number, dtMs: number): number {
  return Math.max(1, Math.round((durationS * 1000) / dtMs));
}

/** Steps per chunk: CHUNK_MS of simulated time, at least one step. */
export function chunkSteps(dtMs: number): number {
  return Math.max(1, Math.round(CHUNK_MS / dtMs));
}

/** Lets timers (the progress bar's redraw) run between chunks. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `steps` steps, `chunk` at a time, handing each chunk's frame to
 * `onChunk` (with the steps done so far) before the next one starts.
 */
export async function runInChunks(
  engine: SteppingEngine,
  populationCount: number,
  steps: number,
  chunk: number,
  onChunk: (frame: Frame, stepsDone: number) => void = () => {},
): Promise<RunTotals> {
  const populationSpikes = new Float64Array(populationCount);
  let synapticEvents = 0;
  let wallS = 0;
  for (let done = 0; done < steps; ) {
    const n = Math.min(chunk, steps - done);
    const t0 = performance.now();
    engine.step(n);
    const frame = await engine.readFrame();
    wallS += (performance.now() - t0) / 1000;
    done += n;
    for (let p = 0; p < populationCount; p++) populationSpikes[p] += frame.populationSpikes[p];
    synapticEvents += frame.synapticEvents;
    onChunk(frame, done);
    await yieldToEventLoop();
  }
  return { steps, populationSpikes, synapticEvents, wallS };
}
