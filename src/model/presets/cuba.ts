/**
 * CUBA: the current-based benchmark network of Vogels & Abbott (2005),
 * "Signal propagation and logic gating in networks of integrate-and-fire
 * neurons", J. Neurosci. 25:10786, as in Brian2's examples/CUBA.py:
 * LIF neurons, 80% excitatory, 80 synapses in per neuron on average.
 */
import { GENOME_FORMAT, GENOME_VERSION, type GenomeInput } from '../schema';

export const CUBA_DEFAULT_NEURONS = 4000;
/** Mean in-degree that Brian2's CUBA gets from p = 0.02 at N = 4000, kept at every N. */
export const CUBA_IN_DEGREE = 80;

export function cubaGenome(neurons = CUBA_DEFAULT_NEURONS, seed = 1): GenomeInput {
  const nExc = Math.round(neurons * 0.8);
  const nInh = neurons - nExc;
  const p = Math.min(1, CUBA_IN_DEGREE / neurons);
  const lif = {
    model: 'lif' as const,
    tau_m_ms: 20,
    v_rest_mV: -49,
    v_reset_mV: -60,
    v_thresh_mV: -50,
    t_ref_ms: 5,
    tau_e_ms: 5,
    tau_i_ms: 10,
  };
  const init_v_mV = { kind: 'uniform' as const, min: -60, max: -50 };
  // Brian2 allows i == j in connect(p=...), so autapses stay in.
  const projection = (source: string, target: string, weight: number) => ({
    source,
    target,
    connectivity: { kind: 'probability' as const, p },
    autapses: true,
    weight: { kind: 'constant' as const, value: weight },
    delay_ms: { kind: 'constant' as const, value: 0.1 },
  });
  return {
    format: GENOME_FORMAT,
    version: GENOME_VERSION,
    name: `CUBA (Vogels & Abbott 2005), N = ${neurons}`,
    description: 'Current-based LIF benchmark network: 80% excitatory, we = 1.62 mV, wi = 9 mV (inhibitory), 80 synapses in per neuron.',
    seed,
    dt_ms: 0.1,
    populations: [
      { name: 'E', size: nExc, neuron: lif, sign: 'excitatory', init_v_mV },
      { name: 'I', size: nInh, neuron: lif, sign: 'inhibitory', init_v_mV },
    ],
    projections: [projection('E', 'E', 1.62), projection('E', 'I', 1.62), projection('I', 'E', 9), projection('I', 'I', 9)],
  };
}
