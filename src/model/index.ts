export * from './schema';
export * from './genome';
export * from './limits';
export * from './neuron-presets';
export * from './presets';
