/** Small inline genomes and readers of built rows for the builder's tests. */
import { GENOME_FORMAT, GENOME_VERSION, parseGenome, type Genome, type GenomeInput } from '@/model';
import type { Connectome } from '@/sim';

/** A validated genome from populations and projections, with seed 7 and dt 0.1 ms unless given. */
export function genome(parts: Partial<GenomeInput> & Pick<GenomeInput, 'populations'>): Genome {
  return parseGenome({ format: GENOME_FORMAT, version: GENOME_VERSION, seed: 7, dt_ms: 0.1, ...parts });
}

export const lif = { model: 'lif' } as const;

/** Global target indices of source row `sourceLocal` of projection `projection`, in slot order. */
export function rowTargets(c: Connectome, projection: number, sourceLocal: number): number[] {
  const layout = c.projections[projection];
  const base = layout.slotStart + sourceLocal * layout.rowCapacity;
  const used = c.synapses.rowEnd[layout.rowStart + sourceLocal];
  return Array.from(c.synapses.target.subarray(base, base + used));
}

/** Every synapse of a projection as (source local, target local, global slot). */
export function synapses(c: Connectome, projection: number): { source: number; target: number; slot: number }[] {
  const layout = c.projections[projection];
  const targetStart = c.populations[layout.target].start;
  const out: { source: number; target: number; slot: number }[] = [];
  for (let s = 0; s < c.populations[layout.source].capacity; s++) {
    const base = layout.slotStart + s * layout.rowCapacity;
    const used = c.synapses.rowEnd[layout.rowStart + s];
    for (let k = 0; k < used; k++) out.push({ source: s, target: c.synapses.target[base + k] - targetStart, slot: base + k });
  }
  return out;
}
