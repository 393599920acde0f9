/** Population layouts for the render tests, laid end to end as the builder numbers them. */
import type { PopulationLayout } from '@/sim';

export interface PopulationSpec {
  name: string;
  size: number;
  capacity?: number;
  role?: PopulationLayout['role'];
  sign?: PopulationLayout['sign'];
}

export function populations(specs: PopulationSpec[]): PopulationLayout[] {
  let start = 0;
  return specs.map((spec, index) => {
    const capacity = spec.capacity ?? spec.size;
    const layout: PopulationLayout = {
      index,
      name: spec.name,
      start,
      size: spec.size,
      capacity,
      kind: spec.role === 'sensor' ? 'spike_source' : 'lif',
      sign: spec.sign ?? 'excitatory',
      role: spec.role ?? 'hidden',
    };
    start += capacity;
    return layout;
  });
}
