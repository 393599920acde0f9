/**
 * Pruning: train, then prune, measuring a frozen copy at checkpoints.
 * 1. Train: every pattern shown in turn for `epochs` rounds (train genome).
 * 2. Prune: the learned state moves into the prune genome's engine (same
 *    arrays; its input projection now has `structural`), and the patterns
 *    keep being shown for `checkpoints` stretches of `roundsPerCheckpoint`
 *    rounds while weak synapses decay and are removed.
 * 3. Before pruning and after each stretch, the state moves into a frozen
 *    engine (zero STDP, no structure): each pattern is shown `evalRepeats`
 *    times to label O (labelling.ts) and `evalRepeats` times more to score
 *    it; what it learned in between is thrown away with that engine's state.
 */
import { parseGenome, type GenomeInput } from '@/model';
import { pruningGenome, PRUNING_DEFAULT_SIZE, type PruningSize } from '@/model/presets/pruning';
import { buildConnectome, EMPTY_SLOT, type EngineSnapshot } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { growLabNetwork, patternImage } from '../trial';
import { accuracy, assignLabels, classifyAll } from '../labelling';
import { range } from '../order';
import { present, type Stage } from '../present';
import type { MetricRecord, Progress, Schedule } from '../protocol';

export const PRUNING_SCHEDULE: Schedule = { presentation_ms: 100, rest_ms: 50 };

export interface PruningOptions {
  seed?: number;
  size?: PruningSize;
  /** Training rounds (each pattern once per round). Default 20. */
  epochs?: number;
  /** Pruning stretches, each followed by a measurement. Default 6 (seed 1: 20 % of the synapses left, accuracy 1). */
  checkpoints?: number;
  /** Rounds per stretch. Default 4 (2.4 s at 4 patterns x 150 ms). */
  roundsPerCheckpoint?: number;
  /** Showings of each pattern to label, and again to score. Default 3. */
  evalRepeats?: number;
  schedule?: Schedule;
}

/** The network at one checkpoint; checkpoint 0 is the trained network before pruning. */
export interface PruningPoint {
  checkpoint: number;
  /** Simulated time since pruning began, s. */
  time_s: number;
  synapses: number;
  /** Input synapses left, of those grown at the start. */
  synapses_left_fraction: number;
  accuracy: number;
  /** Synapses pruned and grown since pruning began (births and deaths). */
  pruned: number;
  grown: number;
}

export interface PruningResult {
  accuracy_before: number;
  accuracy_after: number;
  synapses_before: number;
  synapses_after: number;
  synapses_left_fraction: number;
  curve: PruningPoint[];
  metrics: MetricRecord[];
}

/** Occupied slots of `projection` in a snapshot's synapse arrays. */
function countSynapses(snapshot: EngineSnapshot, engine: CpuEngine, projection: number): number {
  const layout = engine.connectome.projections[projection];
  const { target, rowEnd } = snapshot.arrays;
  let count = 0;
  for (let row = 0; row < engine.connectome.populations[layout.source].capacity; row++) {
    const first = layout.slotStart + row * layout.rowCapacity;
    for (let s = first; s < first + rowEnd[layout.rowStart + row]; s++) if (target[s] !== EMPTY_SLOT) count++;
  }
  return count;
}

function engineOf(input: GenomeInput): CpuEngine {
  return new CpuEngine(buildConnectome(parseGenome(input)));
}

export async function runPruning(options: PruningOptions = {}, onProgress?: (progress: Progress) => void): Promise<PruningResult> {
  const seed = options.seed ?? 1;
  const size = options.size ?? PRUNING_DEFAULT_SIZE;
  const epochs = options.epochs ?? 20;
  const checkpoints = options.checkpoints ?? 6;
  const rounds = options.roundsPerCheckpoint ?? 4;
  const evalRepeats = options.evalRepeats ?? 3;
  for (const [name, v] of Object.entries({ epochs, checkpoints, roundsPerCheckpoint: rounds, evalRepeats }))
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name}: must be a whole number >= 1, got ${v}`);
  const schedule = options.schedule ?? PRUNING_SCHEDULE;
  const network = growLabNetwork(pruningGenome(seed, 'train', size), schedule, (c) => new CpuEngine(c));
  const o = network.populations.get('O');
  if (!o) throw new Error('populations: the pruning genome needs a population "O"');
  const k = size.inputsPerPattern;
  const images = Array.from({ length: size.patterns }, (_, p) => patternImage(network.stage.retina, range(k).map((i) => p * k + i), 0));
  const train: Stage = { ...network.stage, readout: o };
  const pruner = engineOf(pruningGenome(seed, 'prune', size));
  const frozen = engineOf(pruningGenome(seed, 'frozen', size));
  const frozenStage: Stage = { ...train, engine: frozen, rates: new Float32Array(train.rates.length) };
  // The retina -> O projection, the one that is pruned (first in the genome).
  const input = 0;
  const periodS = ((train.steps.presentation + train.steps.rest) * parseGenome(pruningGenome(seed, 'train', size)).dt_ms) / 1000;
  const totalAll = epochs + checkpoints * rounds;
  let doneAll = 0;

  const showRound = async (stage: Stage) => {
    for (const image of images) await present(stage, image);
  };
  const measure = async (snapshot: EngineSnapshot): Promise<number> => {
    await frozen.restore(snapshot);
    const labels = images.flatMap((_, p) => Array<number>(evalRepeats).fill(p));
    const respond = async () => {
      const counts = new Float32Array(labels.length * o.size);
      for (let s = 0; s < labels.length; s++) counts.set((await present(frozenStage, images[labels[s]])).counts, s * o.size);
      return counts;
    };
    const assignment = assignLabels(await respond(), labels, o.size, size.patterns);
    return accuracy(labels, classifyAll(assignment, await respond(), size.patterns));
  };

  for (let epoch = 0; epoch < epochs; epoch++) {
    await showRound(train);
    doneAll++;
    onProgress?.({ phase: 'train', done: epoch + 1, total: epochs, doneAll, totalAll });
  }
  const trained = await train.engine.snapshot();
  await pruner.restore(trained);
  const synapsesBefore = countSynapses(trained, pruner, input);
  const start = pruner.structuralTotals();
  const curve: PruningPoint[] = [];
  const checkpoint = async (index: number) => {
    const snapshot = await pruner.snapshot();
    const synapses = countSynapses(snapshot, pruner, input);
    const totals = pruner.structuralTotals();
    const point: PruningPoint = {
      checkpoint: index,
      time_s: index * rounds * size.patterns * periodS,
      synapses,
      synapses_left_fraction: synapses / synapsesBefore,
      accuracy: await measure(snapshot),
      pruned: totals.pruned - start.pruned,
      grown: totals.grown - start.grown,
    };
    curve.push(point);
    return point;
  };
  await checkpoint(0);
  const pruneStage: Stage = { ...train, engine: pruner, rates: new Float32Array(train.rates.length) };
  for (let c = 1; c <= checkpoints; c++) {
    for (let r = 0; r < rounds; r++) {
      await showRound(pruneStage);
      doneAll++;
    }
    const point = await checkpoint(c);
    onProgress?.({ phase: 'prune', done: c, total: checkpoints, doneAll, totalAll, metric: { name: 'accuracy', value: point.accuracy, unit: 'fraction', samples: evalRepeats * size.patterns } });
  }
  const first = curve[0];
  const last = curve[curve.length - 1];
  const samples = evalRepeats * size.patterns;
  return {
    accuracy_before: first.accuracy,
    accuracy_after: last.accuracy,
    synapses_before: synapsesBefore,
    synapses_after: last.synapses,
    synapses_left_fraction: last.synapses_left_fraction,
    curve,
    metrics: [
      { name: 'accuracy before pruning', value: first.accuracy, unit: 'fraction', samples },
      { name: 'accuracy after pruning', value: last.accuracy, unit: 'fraction', samples },
      { name: 'synapses left', value: last.synapses_left_fraction, unit: 'fraction', samples: 1 },
      { name: 'synapses pruned', value: last.pruned, unit: 'synapses', samples: 1 },
    ],
  };
}
