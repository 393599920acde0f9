/**
 * Stage `structure`'s records and lookup tables, made from the CPU engine's
 * own constants (cpu/structure-params.ts), so the kernel walks the same
 * rules on the same numbers. Two draws of the CPU use f64 functions a GPU
 * has no exact counterpart for, and both are monotone in the one random
 * word they read, so they become tables of the words where their value
 * steps up, computed here with the CPU's very expressions:
 * - a uniform delay, max(1, round((min + (max - min) u) / dt)), as steps;
 * - a geometric gap of the probability rule, floor(ln u / ln(1 - p)).
 * A topographic pair is a pure function of the pair (a distance in f64 and
 * a draw), so the pairs each unborn neuron will get are listed here.
 * Normal distributions (Box-Muller: ln, cos, sqrt in f64) have no such
 * table: the stage refuses them where it would draw one.
 */
import { delayToSteps, type Distribution } from '@/model';
import type { Connectome } from '../../connectome';
import { topographicPair } from '../../build/connect-topographic';
import { drawFromWords } from '../../build/distributions';
import { toUniformOpenZero } from '../../rng';
import type { StructureConstants, WiringRule } from '../../cpu/structure-params';
import { DrawKind, GapMode, WiringKind } from './structure-layout';

/** Random words carry 24 bits into a uniform: u = (word >> 8) 2^-24. */
const UNIFORM_STEPS = 1 << 24;

/** Pairs a topographic projection may test to list the partners of its unborn neurons (2^26: seconds of Philox in JavaScript). */
const TOPOGRAPHIC_PAIR_TESTS = 1 << 26;

/** A double as its two u32 words, low then high. */
export function doubleWords(x: number): [number, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x, true);
  return [view.getUint32(0, true), view.getUint32(4, true)];
}

/** The smallest m in [lo, hi] with holds(m), for a predicate false then true as m rises (holds(hi) is true). */
function firstWhere(lo: number, hi: number, holds: (m: number) => boolean): number {
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * A uniform delay in steps as a function of m = word >> 8: its value at
 * m = 0 and, for each step above, the first m that reaches it.
 */
export function delayRises(d: Extract<Distribution, { kind: 'uniform' }>, dtMs: number): { base: number; rises: number[] } {
  const steps = (m: number) => delayToSteps(drawFromWords(d, m * 256, 0), dtMs);
  const base = steps(0);
  const top = steps(UNIFORM_STEPS - 1);
  const rises: number[] = [];
  for (let s = base + 1; s <= top; s++) rises.push(firstWhere(rises.at(-1) ?? 0, UNIFORM_STEPS - 1, (m) => steps(m) >= s));
  return { base, rises };
}

/**
 * The geometric gap floor(G(m)), G(m) = ln(toUniformOpenZero(m 2^8)) /
 * ln(1 - p), non-increasing in m: entry g - 1 is the first m with G(m) < g,
 * for g = 1 .. min(n, floor(G(0))). So G(m) >= g exactly when g is within
 * the table and m is below entry g - 1; past the table, never.
 */
export function gapThresholds(p: number, n: number): number[] {
  const logMiss = Math.log1p(-p);
  const gap = (m: number) => Math.log(toUniformOpenZero(m * 256)) / logMiss;
  const top = Math.min(n, Math.floor(gap(0)));
  const thresholds: number[] = [];
  for (let g = 1; g <= top; g++) thresholds.push(firstWhere(0, thresholds.at(-1) ?? UNIFORM_STEPS - 1, (m) => gap(m) < g));
  return thresholds;
}

type Records = Record<string, number>;

/** A distribution of weights as DrawKind, constant value and uniform bounds (field names prefixed). */
function weightFields(prefix: string, d: Distribution): Records {
  const [minLo, minHi] = d.kind === 'uniform' ? doubleWords(d.min) : [0, 0];
  const [rangeLo, rangeHi] = d.kind === 'uniform' ? doubleWords(d.max - d.min) : [0, 0];
  return {
    [`${prefix}_kind`]: d.kind === 'uniform' ? DrawKind.uniform : DrawKind.constant,
    // As drawSynapseValue stores it: clipped at 0, rounded to f32.
    [`${prefix}`]: d.kind === 'constant' ? Math.max(0, d.value) : 0,
    [`${prefix}_min_lo`]: minLo,
    [`${prefix}_min_hi`]: minHi,
    [`${prefix}_range_lo`]: rangeLo,
    [`${prefix}_range_hi`]: rangeHi,
  };
}

/** Throws, naming the genome field, where the stage would draw from a normal distribution. */
function refuseNormal(d: Distribution, at: string): void {
  if (d.kind === 'normal')
    throw new Error(
      `WebGPU engine: ${at} is a normal distribution, which the GPU's stage structure cannot draw as the CPU does ` +
        '(Box-Muller needs the f64 ln and cos of the CPU) for synapses made while running; use a uniform or a constant, or the CPU engine',
    );
}

/** Where a projection's tables lie in the table region, and its records. */
export interface StructureTables {
  projections: Records[];
  populations: Records[];
  /** The table region's words (delays, gaps, topographic pairs), from word 0 of the region. */
  tables: number[];
  /** Populations that may give birth on the GPU (by rate or at a drive crossing). */
  births: boolean[];
}

/**
 * The records and tables for `constants`; `tableStart` is where the table
 * region will lie in the structure buffer (the records hold absolute word
 * indices). Throws for what the GPU cannot do as the CPU does.
 */
export function structureTables(connectome: Connectome, constants: StructureConstants, tableStart: number): StructureTables {
  const { genome } = connectome;
  const tables: number[] = [];
  const place = (words: readonly number[]) => {
    const start = tableStart + tables.length;
    // A loop, not push(...words): a table may be longer than a call's arguments can be.
    for (const word of words) tables.push(word);
    return start;
  };
  const births = connectome.populations.map(
    (p) => constants.birthRates.some((c) => c.population === p.index) || constants.drives.some((c) => c.population === p.index && c.birth),
  );
  const wired = new Map<number, WiringRule>();
  constants.wiringOf.forEach((rules, population) => {
    if (births[population]) for (const rule of rules) wired.set(rule.site.projection, rule);
  });

  const projections = constants.sites.map((site): Records => {
    const j = site.projection;
    const spec = genome.projections[j];
    const structural = constants.structural.find((c) => c.growth.site.projection === j);
    const growth = structural?.growth ?? constants.drives.flatMap((c) => c.incoming).find((r) => r.site.projection === j);
    const wiring = wired.get(j);
    const values = growth?.values ?? wiring?.values;
    if (growth || wiring) {
      refuseNormal(spec.delay_ms, `projections[${j}].delay_ms`);
      if (growth) refuseNormal(growth.values.weight, `projections[${j}].weight`);
      if (wiring) refuseNormal(wiring.values.weight, `projections[${j}].weight`);
    }
    const delay = values ? delayFields(values.delayMs, values.dtMs, place) : delayFields({ kind: 'constant', value: 1 }, genome.dt_ms, place);
    return {
      skip_self: site.skipSelf ? 1 : 0,
      has_columns: site.columns ? 1 : 0,
      structural: structural ? 1 : 0,
      every_steps: structural?.everySteps ?? 1,
      pull_per_period: structural?.pullPerPeriod ?? 0,
      prune_below: structural?.pruneBelow ?? 0,
      grow_per_period: structural?.growPerPeriod ?? 0,
      min_post_trace: growth?.minPostTrace ?? 0,
      ...weightFields('growth_weight', growth?.values.weight ?? { kind: 'constant', value: 0 }),
      ...weightFields('wiring_weight', wiring?.values.weight ?? { kind: 'constant', value: 0 }),
      ...delay,
      ...wiringFields(connectome, wiring, births, place),
    };
  });

  const populations = connectome.populations.map((p): Records => {
    const drive = constants.drives.find((c) => c.population === p.index);
    const rate = constants.birthRates.find((c) => c.population === p.index);
    const [bpsLo, bpsHi] = doubleWords(rate?.birthsPerStep ?? 0);
    return {
      has_drive: drive ? 1 : 0,
      drive_alpha: drive?.alpha ?? 0,
      drive_threshold: drive?.threshold ?? 0,
      drive_grow: drive?.grow ?? 0,
      drive_birth: drive?.birth ? 1 : 0,
      has_birth_rate: rate ? 1 : 0,
      births_per_step_lo: bpsLo,
      births_per_step_hi: bpsHi,
    };
  });
  return { projections, populations, tables, births };
}

function delayFields(d: Distribution, dtMs: number, place: (words: readonly number[]) => number): Records {
  if (d.kind === 'uniform') {
    const { base, rises } = delayRises(d, dtMs);
    return { delay_kind: DrawKind.uniform, delay_steps: base, delay_table_start: place(rises), delay_table_length: rises.length };
  }
  // A normal was refused above wherever the kernel draws one; its records are never read.
  return { delay_kind: DrawKind.constant, delay_steps: d.kind === 'constant' ? delayToSteps(d.value, dtMs) : 1, delay_table_start: 0, delay_table_length: 0 };
}

function wiringFields(connectome: Connectome, rule: WiringRule | undefined, births: readonly boolean[], place: (words: readonly number[]) => number): Records {
  const fields = { wiring: WiringKind.probability, indegree: 0, gap_mode: GapMode.none, gap_table_start: 0, gap_table_length: 0, outgoing_pairs: 0, incoming_pairs: 0 };
  if (!rule) return fields;
  const { site, connectivity: c } = rule;
  const source = connectome.populations[site.sourcePopulation];
  const target = connectome.populations[site.targetPopulation];
  switch (c.kind) {
    case 'probability': {
      if (c.p >= 1) return { ...fields, gap_mode: GapMode.all };
      if (c.p <= 0) return fields;
      const gaps = gapThresholds(c.p, Math.max(source.capacity, target.capacity));
      return { ...fields, gap_mode: GapMode.table, gap_table_start: place(gaps), gap_table_length: gaps.length };
    }
    case 'fixed_indegree':
      return { ...fields, wiring: WiringKind.fixed_indegree, indegree: c.k };
    case 'one_to_one':
      return { ...fields, wiring: WiringKind.one_to_one };
    case 'topographic': {
      const pairs = (outgoing: boolean) => {
        const own = outgoing ? source : target;
        const other = outgoing ? target : source;
        const tests = (own.capacity - own.size) * other.capacity;
        if (tests > TOPOGRAPHIC_PAIR_TESTS)
          throw new RangeError(
            `WebGPU engine: projections[${site.projection}] wires ${own.capacity - own.size} unborn neurons topographically against ${other.capacity}: ` +
              `${tests} pairs to list before the run, more than the ${TOPOGRAPHIC_PAIR_TESTS} the GPU's stage structure lists; use the CPU engine`,
          );
        const radiusSq = c.radius * c.radius;
        const words = new Uint32Array(4);
        const partners: number[][] = [];
        for (let i = 0; i < own.capacity; i++) {
          const list: number[] = [];
          // Only an unborn neuron is ever a newborn.
          for (let k = 0; i >= own.size && k < other.capacity; k++) {
            if (site.skipSelf && k === i) continue;
            const [s, t] = outgoing ? [i, k] : [k, i];
            if (topographicPair(site.projection, s, t, site.sourceStart + s, site.targetStart + t, radiusSq, c.p, connectome.position, connectome.genome.seed, words)) list.push(k);
          }
          partners.push(list);
        }
        return pairTable(partners, place);
      };
      return {
        ...fields,
        wiring: WiringKind.topographic,
        outgoing_pairs: births[site.sourcePopulation] ? pairs(true) : 0,
        incoming_pairs: births[site.targetPopulation] ? pairs(false) : 0,
      };
    }
  }
}

/** Lists as a table: one word per list and one more, where each list starts (absolute words), then the lists. */
function pairTable(lists: readonly number[][], place: (words: readonly number[]) => number): number {
  const start = place([]);
  const offsets = [start + lists.length + 1];
  for (const list of lists) offsets.push(offsets[offsets.length - 1] + list.length);
  place(offsets);
  place(lists.flat());
  return start;
}
