/**
 * The network builder: genome -> connectome arrays, deterministically from
 * the seed. Every draw is Philox under a named stream with a counter made of
 * indices (rng.ts), so the result depends on nothing but the genome and any
 * engine could recompute any part of it.
 */
import { skipsSelf, type Genome } from '@/model';
import { EMPTY_SLOT, type Connectome, type SynapseArrays } from './connectome';
import { checkBudget, type BuildBudget } from './build/budget';
import { connect } from './build/connect';
import { initialPotentials } from './build/initial-v';
import { aliveAtBirth, populationLayouts, populationOfNeurons } from './build/neurons';
import { layoutPositions } from './build/position';
import { projectionLayouts } from './build/projections';
import type { RowBlock } from './build/row-block';
import { drawSynapseValues } from './build/synapse-values';

export { BROWSER_BUDGET, type BuildBudget } from './build/budget';

/**
 * Grows the network of an already validated genome (`parseGenome` output).
 * Throws a `GenomeError` before allocating if the genome exceeds LIMITS or
 * `budget`, and while growing if a row needs more slots than its capacity.
 */
export function buildConnectome(genome: Genome, budget?: BuildBudget): Connectome {
  const size = checkBudget(genome, budget);
  const neuronCount = size.neurons;
  const populations = populationLayouts(genome);
  const position = layoutPositions(genome, populations, neuronCount);

  const { projections, slotCount, rowCount } = projectionLayouts(genome, populations);
  const synapses: SynapseArrays = {
    target: new Uint32Array(slotCount).fill(EMPTY_SLOT),
    weight: new Float32Array(slotCount),
    delaySteps: new Uint16Array(slotCount),
    rowEnd: new Uint32Array(rowCount),
  };
  let maxDelaySteps = 1;
  for (const projection of projections) {
    const spec = genome.projections[projection.index];
    const block: RowBlock = {
      projection,
      source: populations[projection.source],
      target: populations[projection.target],
      skipSelf: skipsSelf(spec),
      seed: genome.seed,
      targets: synapses.target,
      rowEnd: synapses.rowEnd,
    };
    connect(block, spec.connectivity, position);
    const steps = drawSynapseValues(block, spec.weight, spec.delay_ms, genome.dt_ms, synapses.weight, synapses.delaySteps);
    maxDelaySteps = Math.max(maxDelaySteps, steps);
  }

  return {
    genome,
    neuronCount,
    populations,
    projections,
    populationOf: populationOfNeurons(populations, neuronCount),
    alive: aliveAtBirth(populations, neuronCount),
    position,
    initialV: initialPotentials(genome, populations, neuronCount),
    synapses,
    // The ring holds the longest delay plus the step being written.
    ringLength: maxDelaySteps + 1,
  };
}
