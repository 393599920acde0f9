export * from './replay';
export * from './run';
