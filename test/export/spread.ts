/**
 * Neuroplay's own run-to-run spread, the yardstick for an exported script:
 * another simulator draws its own random numbers, so its run is one more
 * realisation of the same network. Each run here differs only in the seed of
 * the noise (and, from scratch, of the connectome); a correct export differs
 * from their mean by a normal variable of sd s sqrt(1 + 1 / runs), s their sd.
 */
import { expect } from 'vitest';
import { learnedState } from '@/export/learned-state';
import { projectionName, type Genome } from '@/model';
import { buildConnectome, type EngineSnapshot } from '@/sim';
import { CpuEngine } from '@/sim/cpu';

export interface Spread {
  mean: number;
  sd: number;
  runs: number;
}

export interface RunSpread {
  /** Mean rate per population, Hz. */
  rates: Record<string, Spread>;
  /** Per plastic projection, the mean and the sd of its weights at the end. */
  weights: Record<string, { mean: Spread; sd: Spread }>;
}

function spread(xs: number[]): Spread {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  return { mean, sd, runs: xs.length };
}

/** Half-width of the band a correct export falls in: `sds` sd of its difference from the mean of the runs. */
export function tolerance(s: Spread, sds = 3): number {
  return sds * s.sd * Math.sqrt(1 + 1 / s.runs);
}

export function meanAndSd(values: ArrayLike<number>): { mean: number; sd: number } {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k];
  const mean = sum / values.length;
  let square = 0;
  for (let k = 0; k < values.length; k++) square += (values[k] - mean) ** 2;
  return { mean, sd: Math.sqrt(square / values.length) };
}

/**
 * `runs` runs of `durationS` on the CPU engine, run k with the genome
 * `genomeFor(k + 1)`, from step 0 or, with `start`, from that learned state.
 */
export async function neuroplaySpread(genomeFor: (seed: number) => Genome, durationS: number, runs: number, start?: EngineSnapshot): Promise<RunSpread> {
  const rates: Record<string, number[]> = {};
  const weights: Record<string, { mean: number[]; sd: number[] }> = {};
  for (let seed = 1; seed <= runs; seed++) {
    const genome = genomeFor(seed);
    const connectome = buildConnectome(genome);
    const engine = new CpuEngine(connectome);
    if (start) await engine.restore(start);
    engine.step(Math.round((durationS * 1000) / genome.dt_ms));
    const frame = engine.takeFrame();
    const alive = learnedState(genome, await engine.snapshot());
    connectome.populations.forEach((p, k) => (rates[p.name] ??= []).push(frame.populationSpikes[k] / alive.populations[k].size / durationS));
    genome.projections.forEach((projection, k) => {
      if (!projection.plasticity) return;
      const { mean, sd } = meanAndSd(alive.projections[k].weight);
      const label = projectionName(projection);
      (weights[label] ??= { mean: [], sd: [] }).mean.push(mean);
      weights[label].sd.push(sd);
    });
  }
  return {
    rates: Object.fromEntries(Object.entries(rates).map(([name, xs]) => [name, spread(xs)])),
    weights: Object.fromEntries(Object.entries(weights).map(([label, w]) => [label, { mean: spread(w.mean), sd: spread(w.sd) }])),
  };
}

interface Agreement {
  figure: string;
  value: number;
  spread: Spread;
  within: boolean;
}

function describeAgreement(a: Agreement): string {
  return `${a.figure}: ${a.value.toPrecision(4)} vs ${a.spread.mean.toPrecision(4)} +- ${a.spread.sd.toPrecision(2)} (${a.spread.runs} runs; band +-${tolerance(a.spread).toPrecision(2)})${a.within ? '' : '  OUTSIDE'}`;
}

/**
 * Checks every rate and plastic weight mean and sd of a script's run against
 * Neuroplay's spread, prints one line per figure (the script's value, the
 * runs' mean +- sd, the band) and returns the figures' names.
 */
export function expectAgreement(result: { rates_hz: Record<string, number>; weights: Record<string, { mean: number; sd: number }> }, neuroplay: RunSpread): string[] {
  const checks: Agreement[] = [];
  const add = (figure: string, value: number, s: Spread) => checks.push({ figure, value, spread: s, within: Math.abs(value - s.mean) <= tolerance(s) });
  for (const [name, s] of Object.entries(neuroplay.rates)) add(`${name} rate (Hz)`, result.rates_hz[name], s);
  for (const [label, w] of Object.entries(neuroplay.weights)) {
    if (!result.weights[label]) continue;
    add(`${label} weight mean`, result.weights[label].mean, w.mean);
    add(`${label} weight sd`, result.weights[label].sd, w.sd);
  }
  console.log(checks.map(describeAgreement).join('\n'));
  expect(checks.filter((c) => !c.within).map(describeAgreement)).toEqual([]);
  return checks.map((c) => c.figure);
}

/** The script's weights before its run are the learned state's: the same count and mean in every plastic projection it reports. */
export function expectStateArrived(result: { weights_start: Record<string, { count: number; mean: number }> }, run: { genome: Genome; snapshot: EngineSnapshot }): void {
  const learned = learnedState(run.genome, run.snapshot);
  const reported = Object.keys(result.weights_start);
  expect(reported.length).toBeGreaterThan(0);
  for (const label of reported) {
    const k = run.genome.projections.findIndex((p) => projectionName(p) === label);
    const { weight } = learned.projections[k];
    expect(result.weights_start[label].count, label).toBe(weight.length);
    // float32 weights summed in float64 on both sides.
    expect(result.weights_start[label].mean, label).toBeCloseTo(meanAndSd(weight).mean, 6);
  }
}
