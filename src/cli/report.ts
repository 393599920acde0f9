/**
 * The runner's figures: one object (the `--json` line, the `--out` file) and
 * its text form. Keys keep their units (`wall_s`, `rates_hz`) for scripts.
 */
import { EMPTY_SLOT, type Backend, type Connectome } from '@/sim';
import type { Experiment } from './experiment';
import type { RunTotals } from './run';

export interface SimReport {
  /** Preset name, or null for an experiment file. */
  preset: string | null;
  /** The genome's name. */
  experiment: string;
  /** Preset name or file path, as given on the command line. */
  source: string;
  backend: Backend;
  seed: number;
  dt_ms: number;
  steps: number;
  /** Neurons alive at the start. */
  neurons: number;
  /** Synapse slots in use. */
  synapses: number;
  /** Growing the connectome and constructing the engine, s. */
  build_s: number;
  /** Stepping alone, s. */
  wall_s: number;
  simulated_s: number;
  /** Simulated seconds per wall second: above 1 runs faster than real time. */
  realtime_factor: number;
  spikes: number;
  /** Spike deliveries through a synapse. */
  synaptic_events: number;
  /** Mean firing rate of each population, Hz, by name. */
  rates_hz: Record<string, number>;
  /** Mean firing rate over all neurons, Hz. */
  mean_rate_hz: number;
  /** Spikes of each population, by name. */
  population_spikes: Record<string, number>;
  /** Neurons of each population alive at the start, by name. */
  population_neurons: Record<string, number>;
}

/** Synapse slots holding a synapse. */
export function countSynapses(connectome: Connectome): number {
  const target = connectome.synapses.target;
  let n = 0;
  for (let i = 0; i < target.length; i++) if (target[i] !== EMPTY_SLOT) n++;
  return n;
}

export function buildReport(experiment: Experiment, connectome: Connectome, totals: RunTotals, buildS: number, backend: Backend): SimReport {
  const simulatedS = (totals.steps * experiment.genome.dt_ms) / 1000;
  const rates: Record<string, number> = {};
  const populationSpikes: Record<string, number> = {};
  const populationNeurons: Record<string, number> = {};
  let spikes = 0;
  let neurons = 0;
  connectome.populations.forEach((p, i) => {
    const n = totals.populationSpikes[i];
    spikes += n;
    neurons += p.size;
    populationSpikes[p.name] = n;
    populationNeurons[p.name] = p.size;
    rates[p.name] = p.size > 0 ? n / (p.size * simulatedS) : 0;
  });
  return {
    preset: experiment.preset,
    experiment: experiment.genome.name,
    source: experiment.source,
    backend,
    seed: experiment.genome.seed,
    dt_ms: experiment.genome.dt_ms,
    steps: totals.steps,
    neurons,
    synapses: countSynapses(connectome),
    build_s: buildS,
    wall_s: totals.wallS,
    simulated_s: simulatedS,
    realtime_factor: totals.wallS > 0 ? simulatedS / totals.wallS : Infinity,
    spikes,
    synaptic_events: totals.synapticEvents,
    rates_hz: rates,
    mean_rate_hz: neurons > 0 ? spikes / (neurons * simulatedS) : 0,
    population_spikes: populationSpikes,
    population_neurons: populationNeurons,
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en');

/** `n` with `digits` significant digits, in plain notation (no exponent). */
export function significant(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(n))));
  return n.toFixed(Math.min(decimals, 20));
}

/** Pads cells into aligned columns: text left, numbers right. */
export function formatColumns(rows: string[][], rightAligned: (column: number) => boolean): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
}

/** The report as text for a person. */
export function formatReport(r: SimReport): string {
  const origin = r.preset !== null ? `preset ${r.preset}` : r.source;
  const rows = [['population', 'neurons', 'spikes', 'rate Hz']];
  for (const name of Object.keys(r.rates_hz)) rows.push([name, int(r.population_neurons[name]), int(r.population_spikes[name]), r.rates_hz[name].toFixed(2)]);
  rows.push(['all', int(r.neurons), int(r.spikes), r.mean_rate_hz.toFixed(2)]);
  const eventsPerS = r.wall_s > 0 ? r.synaptic_events / r.wall_s : Infinity;
  return [
    `${r.experiment} (${origin}, seed ${r.seed}, ${r.backend})`,
    `  ${int(r.neurons)} neurons, ${int(r.synapses)} synapses, dt ${r.dt_ms} ms, ${int(r.steps)} steps`,
    `  build ${r.build_s.toFixed(2)} s; simulated ${Number(r.simulated_s.toPrecision(6))} s in ${r.wall_s.toFixed(2)} s wall: real-time factor ${significant(r.realtime_factor)}`,
    `  ${int(r.spikes)} spikes, ${int(r.synaptic_events)} synaptic events (${int(eventsPerS)} events/s)`,
    '',
    ...formatColumns(rows, (c) => c > 0).map((line) => `  ${line}`),
  ].join('\n');
}
