/**
 * What stage `structure` adds to the WebGPU engine's layout: three uniform
 * tables (the stage's own constants, one record per projection, one per
 * population) and one storage buffer of words. The WGSL declarations of the
 * three structs are written out in shaders/structure.wgsl, field for field
 * as here (test/sim/gpu/structure.test.ts holds the two together); the
 * records are packed with packStructs.
 *
 * The `structure` buffer, in words:
 * - 0: which of the two event samples the edits write (0 or 1); frames
 *   read one while the steps after them fill the other;
 * - two event samples, each SAMPLE_HEADER_WORDS (events of the frame so
 *   far, triples held) then 3 x EVENT_SAMPLE_SIZE words (kind, pre, post);
 * - the structural totals while the edits count them (TOTALS_LENGTH words,
 *   brought from the globals buffer before and taken back after), and
 *   whether each population's negative drive crossed its threshold in the
 *   step (a word per population);
 * - the CPU's scratch lists (structure-context.ts): `list` and Floyd's
 *   `chosenBy`, one word per neuron of the largest population each;
 * - lookup tables (structure-tables.ts): delays, geometric gaps, topographic pairs;
 * - where neurons are born on the GPU: the connectome's initial v.
 */
import { EVENT_SAMPLE_SIZE } from '../../cpu/structure-events';
import type { StructDecl } from '../layout';

export const STRUCTURE_META: StructDecl = {
  name: 'StructureMeta',
  fields: [
    /** Index of the aversion modulator in the globals buffer. */
    ['aversion', 'u32'],
    /** Events a frame's sample holds (EVENT_SAMPLE_SIZE). */
    ['sample_size', 'u32'],
    /** Source candidates of a growth attempt (SOURCE_CANDIDATES). */
    ['source_candidates', 'u32'],
    /** Where the scratch lists, the initial v, the totals and the crossings start in the structure buffer. */
    ['list_start', 'u32'],
    ['chosen_start', 'u32'],
    ['initial_v_start', 'u32'],
    ['totals_start', 'u32'],
    ['crossed_start', 'u32'],
  ],
};

/** How a distribution of grown synapses is drawn: a constant costs no Philox call. */
export const DrawKind = { constant: 0, uniform: 1 } as const;

/** How a newborn is wired by a projection (the genome's connectivity kinds). */
export const WiringKind = { probability: 0, fixed_indegree: 1, one_to_one: 2, topographic: 3 } as const;

/** Under the probability rule: p <= 0 chooses none, p >= 1 all, otherwise geometric gaps from a table. */
export const GapMode = { none: 0, all: 1, table: 2 } as const;

/**
 * One per projection. Doubles (the CPU's f64 parameters, so the kernel's
 * exact double arithmetic starts from the same numbers) are two u32 words,
 * low then high.
 */
export const STRUCTURE_PROJECTION: StructDecl = {
  name: 'StructureProjection',
  fields: [
    /** The pair (i, i) is never made (ProjectionSite.skipSelf). */
    ['skip_self', 'u32'],
    /** The projection has reverse-index columns (it is plastic). */
    ['has_columns', 'u32'],
    /** Pulled, pruned and grown on a period (`structural`). */
    ['structural', 'u32'],
    ['every_steps', 'u32'],
    ['pull_per_period', 'f32'],
    ['prune_below', 'f32'],
    ['grow_per_period', 'u32'],
    ['min_post_trace', 'f32'],
    /** Weight of a grown synapse (growth rule): DrawKind, the constant's f32 value, or a uniform's min and max - min. */
    ['growth_weight_kind', 'u32'],
    ['growth_weight', 'f32'],
    ['growth_weight_min_lo', 'u32'],
    ['growth_weight_min_hi', 'u32'],
    ['growth_weight_range_lo', 'u32'],
    ['growth_weight_range_hi', 'u32'],
    /** Weight of a synapse wiring a newborn (the projection's own distribution), as above. */
    ['wiring_weight_kind', 'u32'],
    ['wiring_weight', 'f32'],
    ['wiring_weight_min_lo', 'u32'],
    ['wiring_weight_min_hi', 'u32'],
    ['wiring_weight_range_lo', 'u32'],
    ['wiring_weight_range_hi', 'u32'],
    /** Delay of any synapse the stage makes, steps: DrawKind; the constant; or the steps at word 0 and the table of words where it rises by one. */
    ['delay_kind', 'u32'],
    ['delay_steps', 'u32'],
    ['delay_table_start', 'u32'],
    ['delay_table_length', 'u32'],
    /** Newborn wiring: WiringKind, fixed in-degree k. */
    ['wiring', 'u32'],
    ['indegree', 'u32'],
    /** Probability rule: GapMode and the gap table. */
    ['gap_mode', 'u32'],
    ['gap_table_start', 'u32'],
    ['gap_table_length', 'u32'],
    /**
     * Topographic rule: where the pair tables of unborn sources (outgoing) and
     * unborn targets (incoming) start: one word per neuron of the population's
     * capacity and one more, where neuron i's partners, ascending, start.
     */
    ['outgoing_pairs', 'u32'],
    ['incoming_pairs', 'u32'],
  ],
};

/** One per population. */
export const STRUCTURE_POPULATION: StructDecl = {
  name: 'StructurePopulation',
  fields: [
    ['has_drive', 'u32'],
    ['drive_alpha', 'f32'],
    ['drive_threshold', 'f32'],
    /** Synapses grown on each incoming projection at a crossing. */
    ['drive_grow', 'u32'],
    /** A crossing also gives birth. */
    ['drive_birth', 'u32'],
    ['has_birth_rate', 'u32'],
    /** Births per step (double). */
    ['births_per_step_lo', 'u32'],
    ['births_per_step_hi', 'u32'],
  ],
};

/** Words before a sample's triples: the frame's events so far, the triples held. */
export const SAMPLE_HEADER_WORDS = 2;

/** Words of one event sample. */
export const SAMPLE_WORDS = SAMPLE_HEADER_WORDS + 3 * EVENT_SAMPLE_SIZE;

/** Word 0 says which sample the kernel writes; sample h starts at sampleStart(h). */
export function sampleStart(half: number): number {
  return 1 + half * SAMPLE_WORDS;
}
