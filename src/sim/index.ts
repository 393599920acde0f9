/** The simulation layer: connectome layout, engine contract, random streams and the builder. */
export * from './connectome';
export * from './engine';
export * from './rng';
export * from './build';
export * from './state-file';
