/**
 * Neuron numbering: population by population, each owning `capacity`
 * consecutive global indices of which the first `size` are alive and the
 * rest wait in the pool that neurogenesis draws from.
 */
import { populationCapacity, type Genome } from '@/model';
import type { PopulationLayout } from '../connectome';

export function populationLayouts(genome: Genome): PopulationLayout[] {
  let start = 0;
  return genome.populations.map((population, index) => {
    const capacity = populationCapacity(population);
    const layout: PopulationLayout = {
      index,
      name: population.name,
      start,
      size: population.size,
      capacity,
      kind: population.neuron.model,
      sign: population.sign,
      role: population.role,
    };
    start += capacity;
    return layout;
  });
}

/** Population index of each neuron. */
export function populationOfNeurons(populations: PopulationLayout[], neuronCount: number): Uint16Array {
  const populationOf = new Uint16Array(neuronCount);
  for (const p of populations) populationOf.fill(p.index, p.start, p.start + p.capacity);
  return populationOf;
}

/** 1 for the first `size` neurons of each population, 0 for its unborn pool. */
export function aliveAtBirth(populations: PopulationLayout[], neuronCount: number): Uint8Array {
  const alive = new Uint8Array(neuronCount);
  for (const p of populations) alive.fill(1, p.start, p.start + p.size);
  return alive;
}
