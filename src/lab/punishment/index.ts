/** Punishment: an aversion population learns, through aversion-gated STDP, to silence a punished stimulus. */
export * from './run';
