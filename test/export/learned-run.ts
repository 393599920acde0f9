/**
 * The learned state the with-state tests export: deprivation (seed 1) with
 * the first half of its retina lit at 40 Hz, run 0.5 s on the CPU engine, so
 * the state carries moved weights, a stimulus's per-neuron rates and live
 * potentials. PyNN has no adaptive threshold, so its variant runs without one.
 */
import { expect } from 'vitest';
import { exportScript, type ExportTarget } from '@/export';
import { parseGenome, PRESETS, type Genome } from '@/model';
import { buildConnectome, type EngineSnapshot } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { runExported, type ScriptResult } from './python';
import { expectStateArrived, neuroplaySpread, type RunSpread } from './spread';

export const LEARN_S = 0.5;
export const LIT_RATE_HZ = 40;

export interface LearnedRun {
  genome: Genome;
  /** The same genome with another seed: the noise (and the connectome, unused after a restore) drawn afresh. */
  genomeFor: (seed: number) => Genome;
  snapshot: EngineSnapshot;
}

export async function learnedDeprivation({ adaptiveThreshold }: { adaptiveThreshold: boolean }): Promise<LearnedRun> {
  const input = PRESETS.deprivation.genome({ seed: 1 });
  const populations = adaptiveThreshold ? input.populations : input.populations.map(({ adaptive_threshold: _, ...rest }) => rest);
  const genomeFor = (seed: number) => parseGenome({ ...input, populations, seed });
  const genome = genomeFor(1);
  const connectome = buildConnectome(genome);
  const engine = new CpuEngine(connectome);
  const retina = connectome.populations.findIndex((p) => p.name === 'retina');
  const rates = new Float32Array(connectome.populations[retina].capacity);
  rates.fill(LIT_RATE_HZ, 0, rates.length / 2);
  engine.setInputRates(retina, rates);
  engine.step(Math.round((LEARN_S * 1000) / genome.dt_ms));
  engine.takeFrame();
  return { genome, genomeFor, snapshot: await engine.snapshot() };
}

/**
 * The learned run exported to `target` and run there for `durationS`, beside
 * 20 Neuroplay continuations of the same state; the script must start from
 * the learned weights exactly and leave nothing out.
 */
export async function continuedIn(target: ExportTarget, run: LearnedRun, durationS: number): Promise<{ result: ScriptResult; neuroplay: RunSpread }> {
  const exported = exportScript(target, run.genome, { durationS, snapshot: run.snapshot, stateFile: 'net-state.npz' });
  expect(exported.warnings).toEqual([]);
  const [result, neuroplay] = await Promise.all([runExported(exported), neuroplaySpread(run.genomeFor, durationS, 20, run.snapshot)]);
  expectStateArrived(result, run);
  return { result, neuroplay };
}
