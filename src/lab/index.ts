/** Protocols: schedules, presentations, reward rules, labelling and metrics, and the experiments built from them. */
export * from './curve';
export * from './digits';
export * from './labelling';
export * from './order';
export * from './present';
export * from './protocol';
export * from './trial';
