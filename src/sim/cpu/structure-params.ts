/**
 * Everything stage `structure` needs that is fixed when the engine is built:
 * which projections prune and grow and on what period, which populations
 * keep a negative drive or give birth, how a newborn is wired, and how long
 * the delay ring must be for every synapse that may appear while running.
 * The counterpart of learning-params.ts for a connectome that changes shape.
 */
import { delayToSteps, distributionMax, MODULATOR_NAMES, skipsSelf, type Connectivity, type Genome } from '@/model';
import type { Connectome, ProjectionLayout } from '../connectome';
import type { SynapseDistributions } from '../build/synapse-values';
import type { ReverseColumns, ReverseLayout } from './reverse-index';

const f32 = Math.fround;

/** One projection's rows and columns as the slot edits of synapse-slots.ts see them. */
export interface ProjectionSite {
  projection: number;
  sourcePopulation: number;
  targetPopulation: number;
  /** Global index of each side's first neuron. */
  sourceStart: number;
  targetStart: number;
  slotStart: number;
  rowStart: number;
  rowCapacity: number;
  /** True when the pair (i, i) is never made: a recurrent projection without autapses, or skip_same_index (as the builder's RowBlock). */
  skipSelf: boolean;
  /** The projection's reverse-index columns; undefined when it is not plastic (it has none). */
  columns: ReverseColumns | undefined;
}

/** How a projection grows a synapse: where, with what weight and delay, onto which targets. */
export interface GrowthRule {
  site: ProjectionSite;
  /**
   * A grown synapse's weight and delay: weight `structural.initial_weight`
   * where the projection has `structural`, else drawn from its own weight
   * distribution; delay always from its delay distribution.
   */
  values: SynapseDistributions;
  /** A target grows only when its trace is at least this (`structural.min_post_trace`; 0 without `structural`: any alive target). */
  minPostTrace: number;
}

/** A projection with `structural`: pulled toward zero, pruned and grown every period. */
export interface StructuralProjection {
  growth: GrowthRule;
  /** round(period_ms / dt), at least 1: the stage runs after every step t with (t + 1) % everySteps = 0. */
  everySteps: number;
  /** decay_per_s x everySteps x dt: the weight every synapse loses per period (the per-step pull decay_per_s x dt, summed), f32. */
  pullPerPeriod: number;
  /** A synapse whose weight is below this after the pull is pruned, f32. */
  pruneBelow: number;
  growPerPeriod: number;
}

/** A population with `negative_drive`. */
export interface DriveConstants {
  population: number;
  /** exp(-dt / tau_ms): the drive's decay over one step. */
  alpha: number;
  threshold: number;
  /** Synapses grown on each incoming projection when the drive crosses its threshold. */
  grow: number;
  /** Its incoming projections, each with its growth rule. */
  incoming: GrowthRule[];
  /** neurogenesis.on_negative_drive: a crossing also gives birth to one neuron. */
  birth: boolean;
}

/** A population with a neurogenesis rate. */
export interface BirthRateConstants {
  population: number;
  /** rate_per_s x dt_s: births by the end of step t are floor((t + 1) birthsPerStep) (f64, as the host schedules them). */
  birthsPerStep: number;
}

/** A projection as a newborn of one of its populations is wired by it: the builder's rule, for that neuron. */
export interface WiringRule {
  site: ProjectionSite;
  connectivity: Connectivity;
  /** The projection's own distributions, as the builder draws them. */
  values: SynapseDistributions;
}

export interface StructureConstants {
  /** Every projection's rows and columns, by projection index. */
  sites: ProjectionSite[];
  structural: StructuralProjection[];
  drives: DriveConstants[];
  birthRates: BirthRateConstants[];
  /** By population: the projections a newborn of it is wired by, in projection order. */
  wiringOf: WiringRule[][];
  /** Index of the aversion modulator in the state's `modulators`. */
  aversion: number;
  /** True when the stage has anything to do at all (a network without structure pays one test per step). */
  active: boolean;
  /** The largest population capacity: room for the stage's per-neuron scratch lists. */
  maxCapacity: number;
}

function siteOf(connectome: Connectome, layout: ProjectionLayout, columns: ReverseColumns | undefined): ProjectionSite {
  const spec = connectome.genome.projections[layout.index];
  return {
    projection: layout.index,
    sourcePopulation: layout.source,
    targetPopulation: layout.target,
    sourceStart: connectome.populations[layout.source].start,
    targetStart: connectome.populations[layout.target].start,
    slotStart: layout.slotStart,
    rowStart: layout.rowStart,
    rowCapacity: layout.rowCapacity,
    skipSelf: skipsSelf(spec),
    columns,
  };
}

function growthRule(connectome: Connectome, layout: ProjectionLayout, site: ProjectionSite): GrowthRule {
  const { genome } = connectome;
  const spec = genome.projections[layout.index];
  const s = spec.structural;
  return {
    site,
    values: { weight: s ? { kind: 'constant', value: s.initial_weight } : spec.weight, delayMs: spec.delay_ms, dtMs: genome.dt_ms },
    minPostTrace: s ? f32(s.min_post_trace) : 0,
  };
}

/** Projections into a population with a negative drive. */
function drivenProjections(genome: Genome, layouts: readonly ProjectionLayout[]): ProjectionLayout[] {
  return layouts.filter((p) => genome.populations[p.target].negative_drive !== undefined);
}

/** Whether a population has neurons waiting to be born. */
function hasPool(connectome: Connectome, population: number): boolean {
  const p = connectome.populations[population];
  return p.capacity > p.size;
}

/**
 * Projections that may gain synapses while the network runs: those with
 * `structural`, those into a population with a negative drive, and those
 * touching a population with an unborn pool.
 */
export function growingProjections(connectome: Connectome): ProjectionLayout[] {
  const { genome } = connectome;
  const driven = new Set(drivenProjections(genome, connectome.projections));
  return connectome.projections.filter(
    (p) => genome.projections[p.index].structural !== undefined || driven.has(p) || hasPool(connectome, p.source) || hasPool(connectome, p.target),
  );
}

/**
 * Slots of the delay ring: the builder's (its longest drawn delay plus one),
 * or longer where a projection that may gain synapses can draw a longer
 * delay than any it drew at the start (the genome's size check already
 * counted that longest delay).
 */
export function ringLengthFor(connectome: Connectome): number {
  let length = connectome.ringLength;
  for (const p of growingProjections(connectome)) length = Math.max(length, delayToSteps(distributionMax(connectome.genome.projections[p.index].delay_ms), connectome.genome.dt_ms) + 1);
  return length;
}

export function structureConstants(connectome: Connectome, reverse: ReverseLayout): StructureConstants {
  const { genome, populations, projections } = connectome;
  const dtMs = genome.dt_ms;
  const sites = projections.map((p) => siteOf(connectome, p, reverse.columns[p.index]));
  const structural: StructuralProjection[] = [];
  for (const layout of projections) {
    const s = genome.projections[layout.index].structural;
    if (!s) continue;
    const everySteps = Math.max(1, Math.round(s.period_ms / dtMs));
    structural.push({
      growth: growthRule(connectome, layout, sites[layout.index]),
      everySteps,
      pullPerPeriod: f32((s.decay_per_s * everySteps * dtMs) / 1000),
      pruneBelow: f32(s.prune_below),
      growPerPeriod: s.grow_per_period,
    });
  }
  const drives: DriveConstants[] = [];
  const birthRates: BirthRateConstants[] = [];
  for (const layout of populations) {
    const { negative_drive: drive, neurogenesis } = genome.populations[layout.index];
    if (drive)
      drives.push({
        population: layout.index,
        alpha: f32(Math.exp(-dtMs / drive.tau_ms)),
        threshold: f32(drive.threshold),
        grow: drive.grow,
        incoming: projections.filter((p) => p.target === layout.index).map((p) => growthRule(connectome, p, sites[p.index])),
        birth: neurogenesis?.on_negative_drive ?? false,
      });
    if (neurogenesis && neurogenesis.rate_per_s > 0) birthRates.push({ population: layout.index, birthsPerStep: (neurogenesis.rate_per_s * dtMs) / 1000 });
  }
  const wiringOf = populations.map((population) =>
    projections
      .filter((p) => p.source === population.index || p.target === population.index)
      .map((p): WiringRule => {
        const spec = genome.projections[p.index];
        return { site: sites[p.index], connectivity: spec.connectivity, values: { weight: spec.weight, delayMs: spec.delay_ms, dtMs } };
      }),
  );
  return {
    sites,
    structural,
    drives,
    birthRates,
    wiringOf,
    aversion: MODULATOR_NAMES.indexOf('aversion'),
    active: structural.length > 0 || drives.length > 0 || birthRates.length > 0,
    maxCapacity: Math.max(0, ...populations.map((p) => p.capacity)),
  };
}

/** Projections whose populations' traces stage `structure` reads: growth prefers recently active neurons. */
export function traceReaders(connectome: Connectome): ProjectionLayout[] {
  const { genome, projections } = connectome;
  const driven = new Set(drivenProjections(genome, projections));
  return projections.filter((p) => genome.projections[p.index].structural !== undefined || driven.has(p));
}
