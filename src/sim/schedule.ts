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
  /** Spikes of the step go to the recording; spikes per population are counted. */
  'record',
] as const;

export type Stage = (typeof STAGES)[number];
