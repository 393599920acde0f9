/**
 * A small network that uses every learning feature at once, for the
 * whole-engine tests: Poisson input onto excitatory LIF neurons with an
 * adaptive threshold through Diehl & Cook plasticity (normalised every
 * 5 ms, conductance-based), recurrent three-factor STDP gated by dopamine,
 * additive STDP onto an inhibitory population whose Vogels-plastic synapses
 * hold E in check, and an aversion-gated input to it.
 */
import { GENOME_FORMAT, GENOME_VERSION, parseGenome, type GenomeInput } from '@/model';
import { buildConnectome, type Connectome } from '@/sim';

type ProjectionInput = NonNullable<GenomeInput['projections']>[number];

/** `rate` scales every learning rate: 1 for ordinary runs, large to drive weights into their bounds. */
export function plasticNetwork(seed = 9, rate = 1): Connectome {
  const uniform = (min: number, max: number) => ({ kind: 'uniform' as const, min, max });
  const projection = (source: string, target: string, p: number, weight: ProjectionInput['weight'], extra: Partial<ProjectionInput>): ProjectionInput => ({
    source,
    target,
    connectivity: { kind: 'probability', p },
    weight,
    delay_ms: uniform(0.1, 2),
    ...extra,
  });
  return buildConnectome(
    parseGenome({
      format: GENOME_FORMAT,
      version: GENOME_VERSION,
      seed,
      dt_ms: 0.1,
      modulators: { dopamine: { tau_ms: 50 }, aversion: { tau_ms: 100 } },
      populations: [
        { name: 'in', size: 80, sign: 'excitatory', neuron: { model: 'spike_source', rate_hz: 30 } },
        {
          name: 'E',
          size: 40,
          sign: 'excitatory',
          neuron: { model: 'lif', i_bias_mV: 5 },
          trace: { tau_ms: 20, mode: 'add' },
          adaptive_threshold: { theta_plus_mV: 0.5, tau_theta_ms: 200 },
        },
        { name: 'I', size: 10, sign: 'inhibitory', neuron: { model: 'lif', i_bias_mV: 10 }, trace: { tau_ms: 15, mode: 'set' } },
      ],
      projections: [
        projection('in', 'E', 0.5, uniform(0, 0.3), {
          synapse: 'conductance',
          plasticity: { rule: 'diehl_cook', eta_post: 0.01 * rate, x_tar: 0.3, mu: 0.2, w_min: 0, w_max: 0.3 },
          normalization: { total: 3, every_ms: 5 },
        }),
        projection('E', 'E', 0.2, uniform(0, 1), {
          plasticity: { rule: 'stdp', form: 'multiplicative', a_plus: 0.02 * rate, a_minus: 0.021 * rate, w_min: 0.05, w_max: 2, modulation: { modulator: 'dopamine', tau_eligibility_ms: 50, learning_rate: 0.05 * rate } },
        }),
        projection('E', 'I', 0.3, uniform(1, 3), { plasticity: { rule: 'stdp', a_plus: 0.01 * rate, a_minus: 0.012 * rate, w_min: 0, w_max: 4 } }),
        projection('in', 'I', 0.2, uniform(0, 1), {
          plasticity: { rule: 'stdp', a_plus: 0.01 * rate, a_minus: 0.01 * rate, w_max: 1.5, modulation: { modulator: 'aversion', tau_eligibility_ms: 100, learning_rate: 0.05 * rate } },
        }),
        projection('I', 'E', 0.5, uniform(0.5, 2), { plasticity: { rule: 'vogels', eta: 0.01 * rate, target_rate_hz: 8, w_min: 0, w_max: 5 } }),
      ],
    }),
  );
}
