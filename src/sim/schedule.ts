/**
 * The fixed schedule of one time step, listed once: every engine runs these
 * stages in this order (Brian2's `core/network.py` slots: groups,
 * thresholds, synapses, ...). The CPU engine has one function per stage in
 * cpu/; the WebGPU engine has one `shaders/<stage>.wgsl` per stage.
 */
export const STAGES = [
  /** Spike sources (Poisson, regular) emit their spikes for the step. */
  'inputs',
  /**
   * LIF and Izhikevich neurons take the delay ring's slot for this step into
   * ge, gi, gE, gI, integrate over the step, fire and reset; the synaptic
   * variables then decay.
   */
  'integrate',
  /** Each spike of the step walks its outgoing rows and adds its weights into the delay ring. */
  'propagate',
  /**
   * Spike traces decay to the step; each spike of the step walks the rows of
   * its plastic projections (pre rules), then the reverse index of its
   * incoming ones (post rules), changing weights or, for three-factor rules,
   * eligibility; then the step's spikes enter the traces.
   */
  'plasticity',
  /** Eligibility decays and moves weights by learning_rate x e x modulator level; then the modulators decay. */
  'modulation',
  /** Adaptive thresholds decay and rise with the step's spikes; synaptic normalisation runs on its period. */
  'homeostasis',
  /**
   * The connectome changes shape: each structural projection on its period
   * pulls weights toward zero, prunes and grows; negative drives accumulate
   * and, past their threshold, grow synapses; neurons are born. Each change
   * is counted, and sampled for the frame.
   */
  'structure',
  /** Spikes of the step go to the recording; spikes per population are counted. */
  'record',
] as const;

export type Stage = (typeof STAGES)[number];
