/**
 * Membrane potential each neuron starts from. Every neuron of the capacity
 * gets one, the unborn pool included, so a neuron born later starts from the
 * same value whenever it is born.
 */
import type { Genome, NeuronModel } from '@/model';
import type { PopulationLayout } from '../connectome';
import { philox4x32, Stream } from '../rng';
import { drawFromWords, isConstant } from './distributions';

/** Where a neuron starts without an `init_v_mV`: LIF at rest, Izhikevich at -65 mV (Izhikevich 2003), sources at 0. */
function defaultV(neuron: NeuronModel): number {
  switch (neuron.model) {
    case 'lif':
      return neuron.v_rest_mV;
    case 'izhikevich':
      return -65;
    case 'spike_source':
      return 0;
  }
}

/** Draws under key (seed, Stream.init), counter (population, neuron within it, 0, 0). */
export function initialPotentials(genome: Genome, populations: PopulationLayout[], neuronCount: number): Float32Array {
  const initialV = new Float32Array(neuronCount);
  const words = new Uint32Array(4);
  for (const p of populations) {
    const population = genome.populations[p.index];
    const d = population.init_v_mV;
    if (!d || isConstant(d)) {
      initialV.fill(d ? drawFromWords(d, 0, 0) : defaultV(population.neuron), p.start, p.start + p.capacity);
      continue;
    }
    for (let i = 0; i < p.capacity; i++) {
      philox4x32(p.index, i, 0, 0, genome.seed, Stream.init, words);
      initialV[p.start + i] = drawFromWords(d, words[0], words[1]);
    }
  }
  return initialV;
}
