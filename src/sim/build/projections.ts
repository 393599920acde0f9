/**
 * Where each projection's rows live in the global synapse arrays: one block
 * per projection in genome order, one row of `rowCapacity` slots per source
 * neuron of the capacity (unborn sources keep empty rows to grow into).
 */
import { projectionName, rowCapacity, type Genome, type Projection } from '@/model';
import { Channel, type PopulationLayout, type ProjectionLayout } from '../connectome';

/** The target variable a synapse feeds: the source's sign picks excitatory or inhibitory. */
export function channelOf(source: PopulationLayout, synapse: Projection['synapse']): Channel {
  const excitatory = source.sign === 'excitatory';
  if (synapse === 'conductance') return excitatory ? Channel.excConductance : Channel.inhConductance;
  return excitatory ? Channel.excCurrent : Channel.inhCurrent;
}

export interface ProjectionBlocks {
  projections: ProjectionLayout[];
  /** Slots over all projections. */
  slotCount: number;
  /** Rows over all projections (entries of `rowEnd`). */
  rowCount: number;
}

export function projectionLayouts(genome: Genome, populations: PopulationLayout[]): ProjectionBlocks {
  const byName = new Map(populations.map((p) => [p.name, p]));
  let slotCount = 0;
  let rowCount = 0;
  const projections = genome.projections.map((projection, index): ProjectionLayout => {
    // parseGenome has checked that both names exist.
    const source = byName.get(projection.source)!;
    const target = byName.get(projection.target)!;
    const layout: ProjectionLayout = {
      index,
      name: projectionName(projection),
      source: source.index,
      target: target.index,
      channel: channelOf(source, projection.synapse),
      rowCapacity: rowCapacity(genome, projection),
      slotStart: slotCount,
      rowStart: rowCount,
    };
    slotCount += source.capacity * layout.rowCapacity;
    rowCount += source.capacity;
    return layout;
  });
  return { projections, slotCount, rowCount };
}
