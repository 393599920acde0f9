/**
 * Constants of every plastic projection, computed once when the engine is
 * built and hoisted out of the synapse loops: where its rows and reverse
 * columns are, its rule's parameters, its weight bounds and, for three-factor
 * rules, its modulation. Values are rounded to f32 as the WebGPU engine holds
 * them (see params.ts).
 */
import { MODULATOR_NAMES, type Plasticity } from '@/model';
import type { Connectome, ProjectionLayout } from '../connectome';
import type { ReverseColumns, ReverseLayout } from './reverse-index';

const f32 = Math.fround;

/** Three-factor gating of a projection: its rule writes eligibility, the modulator moves the weight. */
export interface ModulationConstants {
  /** Index of the modulator in MODULATOR_NAMES (and in the state's `modulators`). */
  modulator: number;
  /** exp(-dt / tau_eligibility_ms): the eligibility's decay over one step. */
  alphaEligibility: number;
  /** learning_rate x dt_ms: the weight moves by this x eligibility x modulator level per step. */
  learningRateDtMs: number;
}

interface PlasticBase {
  projection: number;
  /** Rows: global index of the source population's first neuron, the projection's first slot and row, slots per row, rows. */
  sourceStart: number;
  slotStart: number;
  rowStart: number;
  rowCapacity: number;
  rowCount: number;
  /** The target's column in the reverse index: column j serves neuron targetStart + j. */
  targetStart: number;
  columnStart: number;
  countStart: number;
  columnCapacity: number;
  /** Weights are magnitudes, clipped to [wMin, wMax] after every change. */
  wMin: number;
  wMax: number;
  /** True when the rule's changes go into `eligibility` instead of the weight. */
  modulated: boolean;
  modulation: ModulationConstants | undefined;
}

/** Pair STDP; `multiplicative` selects soft bounds (see stdp.ts). */
export interface StdpConstants extends PlasticBase {
  rule: 'stdp';
  multiplicative: boolean;
  aPlus: number;
  aMinus: number;
}

export interface DiehlCookConstants extends PlasticBase {
  rule: 'diehl_cook';
  etaPost: number;
  xTar: number;
  mu: number;
}

export interface VogelsConstants extends PlasticBase {
  rule: 'vogels';
  eta: number;
  /** 2 target_rate_hz tau_post_s: the post trace's mean at the target rate, doubled (see vogels.ts). */
  alpha: number;
}

export type PlasticProjection = StdpConstants | DiehlCookConstants | VogelsConstants;

/** Clips a changed weight into its bounds; one place, so every rule clips the same way. */
export function clampWeight(w: number, wMin: number, wMax: number): number {
  return w < wMin ? wMin : w > wMax ? wMax : w;
}

function modulationConstants(rule: Plasticity, dtMs: number): ModulationConstants | undefined {
  if (rule.rule === 'vogels' || !rule.modulation) return undefined;
  const m = rule.modulation;
  return {
    modulator: MODULATOR_NAMES.indexOf(m.modulator),
    alphaEligibility: f32(Math.exp(-dtMs / m.tau_eligibility_ms)),
    learningRateDtMs: f32(m.learning_rate * dtMs),
  };
}

function constantsOf(connectome: Connectome, layout: ProjectionLayout, rule: Plasticity, columns: ReverseColumns): PlasticProjection {
  const { genome, populations } = connectome;
  const modulation = modulationConstants(rule, genome.dt_ms);
  const base: PlasticBase = {
    projection: layout.index,
    sourceStart: populations[layout.source].start,
    slotStart: layout.slotStart,
    rowStart: layout.rowStart,
    rowCapacity: layout.rowCapacity,
    rowCount: populations[layout.source].capacity,
    targetStart: columns.targetStart,
    columnStart: columns.columnStart,
    countStart: columns.countStart,
    columnCapacity: columns.columnCapacity,
    wMin: f32(rule.w_min),
    wMax: f32(rule.w_max),
    modulated: modulation !== undefined,
    modulation,
  };
  switch (rule.rule) {
    case 'stdp':
      return { ...base, rule: 'stdp', multiplicative: rule.form === 'multiplicative', aPlus: f32(rule.a_plus), aMinus: f32(rule.a_minus) };
    case 'diehl_cook':
      return { ...base, rule: 'diehl_cook', etaPost: f32(rule.eta_post), xTar: f32(rule.x_tar), mu: f32(rule.mu) };
    case 'vogels': {
      const tauPostS = genome.populations[layout.target].trace.tau_ms / 1000;
      return { ...base, rule: 'vogels', eta: f32(rule.eta), alpha: f32(2 * rule.target_rate_hz * tauPostS) };
    }
  }
}

export interface PlasticProjections {
  /** Every plastic projection, in projection order. */
  all: PlasticProjection[];
  /** By source population: the plastic projections a spike of it walks as presynaptic. */
  from: PlasticProjection[][];
  /** By target population: the plastic projections a spike of it walks (reverse index) as postsynaptic. */
  into: PlasticProjection[][];
  /** The three-factor ones, walked every step by stage `modulation`. */
  modulated: PlasticProjection[];
}

/** Which projections carry a rule, by projection index: the ones the reverse index serves. */
export function plasticFlags(connectome: Connectome): boolean[] {
  return connectome.genome.projections.map((p) => p.plasticity !== undefined);
}

export function plasticProjections(connectome: Connectome, reverse: ReverseLayout): PlasticProjections {
  const all: PlasticProjection[] = [];
  for (const layout of connectome.projections) {
    const rule = connectome.genome.projections[layout.index].plasticity;
    const columns = reverse.columns[layout.index];
    if (rule && columns) all.push(constantsOf(connectome, layout, rule, columns));
  }
  const layoutOf = (c: PlasticProjection) => connectome.projections[c.projection];
  return {
    all,
    from: connectome.populations.map((p) => all.filter((c) => layoutOf(c).source === p.index)),
    into: connectome.populations.map((p) => all.filter((c) => layoutOf(c).target === p.index)),
    modulated: all.filter((c) => c.modulated),
  };
}
