/**
 * One projection's rows as a connectivity rule sees them: which neurons are
 * alive on each side, where its slots start, and the arrays it fills
 * (`target` packed from slot 0 in ascending order, `rowEnd` the count).
 */
import { GenomeError } from '@/model';
import type { PopulationLayout, ProjectionLayout } from '../connectome';

export interface RowBlock {
  projection: ProjectionLayout;
  source: PopulationLayout;
  target: PopulationLayout;
  /** True when the pair (source i, target i) is never connected: an autapse when autapses are off, or `skip_same_index`. */
  skipSelf: boolean;
  /** First key word of every draw (the genome's seed). */
  seed: number;
  /** Global synapse targets (EMPTY_SLOT where unused). */
  targets: Uint32Array;
  /** Global per-row slot counts. */
  rowEnd: Uint32Array;
}

/** Global slot index of slot 0 of source row `sourceLocal`. */
export function rowBase(block: RowBlock, sourceLocal: number): number {
  return block.projection.slotStart + sourceLocal * block.projection.rowCapacity;
}

export function rowOverflow(block: RowBlock, sourceLocal: number, needed: number): GenomeError {
  const { projection, source } = block;
  return new GenomeError([
    {
      path: `projections[${projection.index}].row_capacity`,
      message: `source row ${sourceLocal} (${source.name}[${sourceLocal}]) needs ${needed} slots but the row capacity is ${projection.rowCapacity}; raise row_capacity`,
    },
  ]);
}
