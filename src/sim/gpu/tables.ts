/**
 * The population and projection tables the kernels read, made from the same
 * constants the CPU engine hoists (cpu/params.ts, cpu/learning-params.ts), so
 * both engines run on the same f32 numbers.
 */
import type { Connectome } from '../connectome';
import type { LearningConstants } from '../cpu/learning-params';
import type { PopulationConstants } from '../cpu/params';
import { PlasticRule, PopulationFlag, PopulationKind } from './layout';

const f32 = Math.fround;

const NO_NEURON = {
  alpha_m: 0, dt_over_tau_m: 0, alpha_e: 0, alpha_i: 0, v_drive: 0, v_reset: 0, v_thresh: 0, e_exc: 0, e_inh: 0, ref_steps: 0,
  a: 0, b: 0, c: 0, d: 0, i_bias: 0, dt_ms: 0, dt_s: 0,
};

export function populationTable(constants: readonly PopulationConstants[], learning: LearningConstants): Record<string, number>[] {
  return constants.map((c) => {
    const trace = learning.traces.spans.find((s) => s.start === c.start);
    const threshold = learning.homeostasis.thresholdOf[c.population];
    const common = {
      start: c.start,
      end: c.end,
      trace_mode: learning.traces.modeOf[c.population],
      trace_alpha: trace?.alpha ?? 0,
      theta_alpha: threshold?.alpha ?? 0,
      theta_plus: threshold?.thetaPlusMv ?? 0,
    };
    switch (c.kind) {
      case 'lif':
        return {
          ...NO_NEURON,
          ...common,
          kind: PopulationKind.lif,
          flags: (c.conductance ? PopulationFlag.conductance : 0) | (c.adaptive ? PopulationFlag.adaptive : 0),
          alpha_m: c.alphaM,
          dt_over_tau_m: c.dtOverTauM,
          alpha_e: c.alphaE,
          alpha_i: c.alphaI,
          v_drive: f32(c.vRestMv + c.iBiasMv),
          v_reset: c.vResetMv,
          v_thresh: c.vThreshMv,
          e_exc: c.eExcMv,
          e_inh: c.eInhMv,
          ref_steps: c.refSteps,
        };
      case 'izhikevich':
        return {
          ...NO_NEURON,
          ...common,
          kind: PopulationKind.izhikevich,
          flags: PopulationFlag.conductance,
          alpha_e: c.alphaE,
          alpha_i: c.alphaI,
          e_exc: c.eExcMv,
          e_inh: c.eInhMv,
          a: c.a,
          b: c.b,
          c: c.cMv,
          d: c.d,
          i_bias: c.iBias,
          dt_ms: c.dtMs,
        };
      case 'spike_source':
        return { ...NO_NEURON, ...common, kind: PopulationKind.spike_source, flags: c.process === 'regular' ? PopulationFlag.regular : 0, dt_s: c.dtS };
    }
  });
}

export function projectionTable(connectome: Connectome, learning: LearningConstants): Record<string, number>[] {
  return connectome.projections.map((p) => {
    const source = connectome.populations[p.source];
    const target = connectome.populations[p.target];
    const plastic = learning.plastic.all.find((c) => c.projection === p.index);
    const norm = learning.normalizations[p.index];
    const m = plastic?.modulation;
    return {
      source_population: p.source,
      target_population: p.target,
      channel: p.channel,
      row_capacity: p.rowCapacity,
      slot_start: p.slotStart,
      row_start: p.rowStart,
      source_start: source.start,
      source_count: source.capacity,
      target_start: target.start,
      target_count: target.capacity,
      rule: plastic ? PlasticRule[plastic.rule] : PlasticRule.none,
      multiplicative: plastic?.rule === 'stdp' && plastic.multiplicative ? 1 : 0,
      modulated: m ? 1 : 0,
      modulator: m?.modulator ?? 0,
      alpha_eligibility: m?.alphaEligibility ?? 0,
      learning_rate_dt: m?.learningRateDtMs ?? 0,
      w_min: plastic?.wMin ?? 0,
      w_max: plastic?.wMax ?? 0,
      a_plus: plastic?.rule === 'stdp' ? plastic.aPlus : 0,
      a_minus: plastic?.rule === 'stdp' ? plastic.aMinus : 0,
      eta_post: plastic?.rule === 'diehl_cook' ? plastic.etaPost : 0,
      x_tar: plastic?.rule === 'diehl_cook' ? plastic.xTar : 0,
      mu: plastic?.rule === 'diehl_cook' ? plastic.mu : 0,
      eta: plastic?.rule === 'vogels' ? plastic.eta : 0,
      vogels_alpha: plastic?.rule === 'vogels' ? plastic.alpha : 0,
      column_start: plastic?.columnStart ?? 0,
      count_start: plastic ? learning.reverse.slotLength + plastic.countStart : 0,
      column_capacity: plastic?.columnCapacity ?? 0,
      normalized: norm ? 1 : 0,
      norm_total: norm?.total ?? 0,
      norm_every: norm?.everySteps ?? 0,
      norm_w_min: norm?.wMin ?? 0,
      norm_w_max: norm?.wMax ?? 0,
    };
  });
}
