export * from './schema';
export * from './genome';
export * from './edit';
export * from './limits';
export * from './neuron-presets';
export * from './plasticity';
export * from './presets';
