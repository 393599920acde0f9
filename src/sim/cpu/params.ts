/**
 * Per-population constants, computed once when the engine is built and
 * hoisted out of the neuron loops: decay factors, thresholds, refractory
 * steps. Every value is rounded to f32 because the WebGPU engine holds them
 * as f32 uniforms; rounding here keeps both engines on the same numbers.
 */
import { IZHIKEVICH_PRESETS, type IzhikevichParams, type LifParams, type SpikeSourceParams } from '@/model';
import { Channel, type Connectome, type PopulationLayout } from '../connectome';

const f32 = Math.fround;

/** The neurons a population's loop walks: global indices start .. end - 1 (its whole capacity). */
interface Span {
  population: number;
  start: number;
  end: number;
}

export interface LifConstants extends Span {
  kind: 'lif';
  /** True when any conductance-based projection targets the population: v_inf and the time constant then depend on gE, gI. */
  conductance: boolean;
  /** True when the population has an adaptive threshold: it fires at v_thresh + theta (integrate-lif-adaptive.ts). */
  adaptive: boolean;
  /** exp(-dt / tau_m): the membrane's decay over one step at rest. */
  alphaM: number;
  /** dt / tau_m, for exp(-dt g / tau_m) under a conductance g. */
  dtOverTauM: number;
  /** exp(-dt / tau_e), exp(-dt / tau_i): synaptic decay over one step. */
  alphaE: number;
  alphaI: number;
  vRestMv: number;
  vResetMv: number;
  vThreshMv: number;
  iBiasMv: number;
  eExcMv: number;
  eInhMv: number;
  /** round(t_ref / dt): a spike at step s holds the neuron through step s + refSteps - 1. */
  refSteps: number;
}

export interface IzhikevichConstants extends Span {
  kind: 'izhikevich';
  a: number;
  b: number;
  cMv: number;
  d: number;
  iBias: number;
  alphaE: number;
  alphaI: number;
  eExcMv: number;
  eInhMv: number;
  dtMs: number;
}

export interface SourceConstants extends Span {
  kind: 'spike_source';
  process: SpikeSourceParams['process'];
  /** The genome's rate for every neuron, Hz, until setInputRates says otherwise. */
  rateHz: number;
  /** dt in seconds: a neuron at rate r fires with probability r dt per step (Poisson) or advances its phase by r dt (regular). */
  dtS: number;
}

export type PopulationConstants = LifConstants | IzhikevichConstants | SourceConstants;

/** Izhikevich (a, b, c, d): the preset's, overridden field by field by explicit values. */
export function izhikevichAbcd(params: IzhikevichParams): { a: number; b: number; c: number; d: number } {
  const preset = IZHIKEVICH_PRESETS[params.preset];
  return { a: params.a ?? preset.a, b: params.b ?? preset.b, c: params.c ?? preset.c, d: params.d ?? preset.d };
}

function receivesConductance(connectome: Connectome, population: number): boolean {
  return connectome.projections.some(
    (p) => p.target === population && (p.channel === Channel.excConductance || p.channel === Channel.inhConductance),
  );
}

function lifConstants(span: Span, params: LifParams, dtMs: number, conductance: boolean, adaptive: boolean): LifConstants {
  return {
    ...span,
    kind: 'lif',
    conductance,
    adaptive,
    alphaM: f32(Math.exp(-dtMs / params.tau_m_ms)),
    dtOverTauM: f32(dtMs / params.tau_m_ms),
    alphaE: f32(Math.exp(-dtMs / params.tau_e_ms)),
    alphaI: f32(Math.exp(-dtMs / params.tau_i_ms)),
    vRestMv: f32(params.v_rest_mV),
    vResetMv: f32(params.v_reset_mV),
    vThreshMv: f32(params.v_thresh_mV),
    iBiasMv: f32(params.i_bias_mV),
    eExcMv: f32(params.e_exc_mV),
    eInhMv: f32(params.e_inh_mV),
    refSteps: Math.round(params.t_ref_ms / dtMs),
  };
}

function izhikevichConstants(span: Span, params: IzhikevichParams, dtMs: number): IzhikevichConstants {
  const { a, b, c, d } = izhikevichAbcd(params);
  return {
    ...span,
    kind: 'izhikevich',
    a: f32(a),
    b: f32(b),
    cMv: f32(c),
    d: f32(d),
    iBias: f32(params.i_bias),
    alphaE: f32(Math.exp(-dtMs / params.tau_e_ms)),
    alphaI: f32(Math.exp(-dtMs / params.tau_i_ms)),
    eExcMv: f32(params.e_exc_mV),
    eInhMv: f32(params.e_inh_mV),
    dtMs: f32(dtMs),
  };
}

function constantsOf(connectome: Connectome, layout: PopulationLayout): PopulationConstants {
  const { dt_ms: dtMs, populations } = connectome.genome;
  const { neuron, adaptive_threshold } = populations[layout.index];
  const span: Span = { population: layout.index, start: layout.start, end: layout.start + layout.capacity };
  switch (neuron.model) {
    case 'lif':
      return lifConstants(span, neuron, dtMs, receivesConductance(connectome, layout.index), adaptive_threshold !== undefined);
    case 'izhikevich':
      return izhikevichConstants(span, neuron, dtMs);
    case 'spike_source':
      return { ...span, kind: 'spike_source', process: neuron.process, rateHz: neuron.rate_hz, dtS: f32(dtMs / 1000) };
  }
}

/** Constants of every population, in population order. */
export function populationConstants(connectome: Connectome): PopulationConstants[] {
  return connectome.populations.map((layout) => constantsOf(connectome, layout));
}
