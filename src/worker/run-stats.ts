/**
 * Running totals of what the page received from the worker, read by the
 * browser tests through `window.__neuroplay`: evidence that spikes of each
 * population actually arrived, without putting spikes in the store.
 */
import type { Backend, PopulationLayout } from '@/sim';
import type { FrameMessage } from './protocol';

export interface RunStatsSnapshot {
  backend: Backend | null;
  /** Frames received since the network was loaded. */
  frames: number;
  /** Last step covered by a frame (exclusive). */
  stepEnd: number;
  /** Spikes per population name, from the frames' per-population counts. */
  spikesByPopulation: Record<string, number>;
  /** Spikes received as (step, neuron) pairs: what the raster could draw. */
  recordedSpikes: number;
}

export class RunStats {
  private backend: Backend | null = null;
  private names: string[] = [];
  private totals = new Float64Array(0);
  private frames = 0;
  private stepEnd = 0;
  private recordedSpikes = 0;

  /** A new network: totals start again from zero. */
  reset(backend: Backend, populations: readonly PopulationLayout[]): void {
    this.backend = backend;
    this.names = populations.map((p) => p.name);
    this.totals = new Float64Array(populations.length);
    this.frames = 0;
    this.stepEnd = 0;
    this.recordedSpikes = 0;
  }

  /** The run moved to another engine; the totals go on. */
  setBackend(backend: Backend): void {
    this.backend = backend;
  }

  add(frame: FrameMessage): void {
    const n = Math.min(this.totals.length, frame.populationSpikes.length);
    for (let p = 0; p < n; p++) this.totals[p] += frame.populationSpikes[p];
    this.frames++;
    this.stepEnd = frame.stepEnd;
    this.recordedSpikes += frame.spikeNeuron.length;
  }

  /** A copy: the caller cannot change the totals. */
  snapshot(): RunStatsSnapshot {
    return {
      backend: this.backend,
      frames: this.frames,
      stepEnd: this.stepEnd,
      spikesByPopulation: Object.fromEntries(this.names.map((name, p) => [name, this.totals[p]])),
      recordedSpikes: this.recordedSpikes,
    };
  }
}
