/**
 * Layout positions in the unit square (x at 2i, y at 2i + 1), which the
 * topographic rule measures distances on and the connectome view draws.
 */
import type { Genome } from '@/model';
import type { PopulationLayout } from '../connectome';

/** i / (n - 1) spread over [0, 1]; a lone neuron sits in the middle. */
function spread(i: number, n: number): number {
  return n === 1 ? 0.5 : i / (n - 1);
}

export function layoutPositions(genome: Genome, populations: PopulationLayout[], neuronCount: number): Float32Array {
  const position = new Float32Array(2 * neuronCount);
  for (const p of populations) {
    const layout = genome.populations[p.index].layout;
    for (let i = 0; i < p.capacity; i++) {
      const at = 2 * (p.start + i);
      if (layout.kind === 'grid') {
        position[at] = spread(i % layout.width, layout.width);
        position[at + 1] = spread(Math.floor(i / layout.width), layout.height);
      } else {
        position[at] = spread(i, p.capacity);
        position[at + 1] = 0.5;
      }
    }
  }
  return position;
}
