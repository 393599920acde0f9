/** Reward conditioning (dopamine-gated STDP), and the trial helpers the punishment and novelty protocols share. */
export * from './run';
export * from './trial';
