/**
 * The default experiment: a sparsely connected excitatory / inhibitory LIF
 * network in the asynchronous irregular regime (Brunel 2000), driven by a
 * 16x16 Poisson "retina". Inhibition is four times stronger than excitation
 * per synapse, so recurrent excitation is balanced and the network fires
 * irregularly at a few Hz rather than exploding or falling silent.
 */
import { GENOME_FORMAT, GENOME_VERSION, type GenomeInput } from '../schema';
import { poissonRetina, retinaSensor } from './retina';

export const BALANCED_DEFAULT_NEURONS = 1000;

export function balancedGenome(neurons = BALANCED_DEFAULT_NEURONS, seed = 42): GenomeInput {
  const nExc = Math.round(neurons * 0.8);
  const nInh = neurons - nExc;
  const lif = {
    model: 'lif' as const,
    tau_m_ms: 20,
    v_rest_mV: -65,
    v_reset_mV: -65,
    v_thresh_mV: -50,
    t_ref_ms: 2,
    tau_e_ms: 5,
    tau_i_ms: 10,
  };
  const init_v_mV = { kind: 'uniform' as const, min: -65, max: -50 };
  const delay_ms = { kind: 'uniform' as const, min: 1, max: 3 };
  const inDegree = (k: number, count: number) => ({ kind: 'fixed_indegree' as const, k: Math.min(k, count) });
  return {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    name: 'Balanced network with a Poisson retina',
    seed,
    dt_ms: 0.1,
    populations: [
      poissonRetina(16, 16, { neuron: { model: 'spike_source', process: 'poisson', rate_hz: 20 } }),
      { name: 'E', size: nExc, neuron: lif, sign: 'excitatory', init_v_mV },
      { name: 'I', size: nInh, neuron: lif, sign: 'inhibitory', init_v_mV },
    ],
    projections: [
      { source: 'retina', target: 'E', connectivity: inDegree(40, 256), weight: { kind: 'uniform', min: 2.5, max: 4.5 }, delay_ms },
      { source: 'retina', target: 'I', connectivity: inDegree(40, 256), weight: { kind: 'uniform', min: 2.5, max: 4.5 }, delay_ms },
      { source: 'E', target: 'E', connectivity: inDegree(Math.round(nExc / 10), nExc), weight: { kind: 'constant', value: 0.5 }, delay_ms },
      { source: 'E', target: 'I', connectivity: inDegree(Math.round(nExc / 10), nExc), weight: { kind: 'constant', value: 0.5 }, delay_ms },
      { source: 'I', target: 'E', connectivity: inDegree(Math.round(nInh / 10), nInh), weight: { kind: 'constant', value: 2 }, delay_ms },
      { source: 'I', target: 'I', connectivity: inDegree(Math.round(nInh / 10), nInh), weight: { kind: 'constant', value: 2 }, delay_ms },
    ],
    sensors: [retinaSensor(63.75)],
  };
}
