/**
 * A raster in a few numbers per population, for `--out`: the population rate
 * in bins (the shape of the activity over time), the share of neurons that
 * fired, and the irregularity of firing (CV of inter-spike intervals: about 1
 * for Poisson-like firing, near 0 for clock-like firing).
 */
import type { Frame } from '@/sim';

export interface RasterSummary {
  /** Width of a bin, ms. */
  bin_ms: number;
  /** Population rate in each bin, Hz, by population name. */
  rates_hz_per_bin: Record<string, number[]>;
  /** Share of the population's neurons that fired at least once (0 .. 1); null when spikes were not recorded. */
  active_fraction: Record<string, number | null>;
  /** Mean CV of inter-spike intervals over neurons with three spikes or more; null when none or not recorded. */
  cv_isi: Record<string, number | null>;
  /** Spikes recorded with their neuron and step. */
  spikes_recorded: number;
}

export interface RasterPopulation {
  name: string;
  /** Global index of the first neuron. */
  start: number;
  /** Neurons, indices start .. start + size - 1. */
  size: number;
}

/** Folds frames into a RasterSummary without keeping the spikes. */
export class RasterAccumulator {
  private readonly bins: number[][];
  private readonly spikeCount: Uint32Array;
  private readonly lastStep: Float64Array;
  private readonly isiSum: Float64Array;
  private readonly isiSumSq: Float64Array;
  private recorded = 0;

  constructor(
    private readonly populations: readonly RasterPopulation[],
    neuronCount: number,
    private readonly dtMs: number,
    private readonly binSteps: number,
  ) {
    this.bins = populations.map(() => []);
    this.spikeCount = new Uint32Array(neuronCount);
    this.lastStep = new Float64Array(neuronCount).fill(-1);
    this.isiSum = new Float64Array(neuronCount);
    this.isiSumSq = new Float64Array(neuronCount);
  }

  /** Adds one frame; frames are expected to cover one bin each (the last may be shorter). */
  add(frame: Frame): void {
    const seconds = ((frame.stepEnd - frame.stepStart) * this.dtMs) / 1000;
    this.populations.forEach((p, i) => this.bins[i].push(p.size > 0 && seconds > 0 ? frame.populationSpikes[i] / (p.size * seconds) : 0));
    for (let k = 0; k < frame.spikeNeuron.length; k++) {
      const neuron = frame.spikeNeuron[k];
      const step = frame.spikeStep[k];
      const last = this.lastStep[neuron];
      if (last >= 0) {
        const isi = step - last;
        this.isiSum[neuron] += isi;
        this.isiSumSq[neuron] += isi * isi;
      }
      this.lastStep[neuron] = step;
      this.spikeCount[neuron]++;
    }
    this.recorded += frame.spikeNeuron.length;
  }

  summary(spikesWereRecorded: boolean): RasterSummary {
    const rates: Record<string, number[]> = {};
    const active: Record<string, number | null> = {};
    const cv: Record<string, number | null> = {};
    this.populations.forEach((p, i) => {
      rates[p.name] = this.bins[i];
      active[p.name] = spikesWereRecorded && p.size > 0 ? this.activeCount(p) / p.size : null;
      cv[p.name] = spikesWereRecorded ? this.meanCv(p) : null;
    });
    return { bin_ms: this.binSteps * this.dtMs, rates_hz_per_bin: rates, active_fraction: active, cv_isi: cv, spikes_recorded: this.recorded };
  }

  private activeCount(p: RasterPopulation): number {
    let n = 0;
    for (let j = p.start; j < p.start + p.size; j++) if (this.spikeCount[j] > 0) n++;
    return n;
  }

  private meanCv(p: RasterPopulation): number | null {
    let sum = 0;
    let n = 0;
    for (let j = p.start; j < p.start + p.size; j++) {
      const intervals = this.spikeCount[j] - 1;
      if (intervals < 2) continue;
      const mean = this.isiSum[j] / intervals;
      const variance = Math.max(0, this.isiSumSq[j] / intervals - mean * mean);
      sum += Math.sqrt(variance) / mean;
      n++;
    }
    return n > 0 ? sum / n : null;
  }
}
