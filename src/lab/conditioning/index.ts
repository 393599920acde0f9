/** Reward conditioning: dopamine-gated STDP picks the right output. */
export * from './run';
