export * from './store';
export * from './experiment-slice';
export * from './run-slice';
export * from './ui-slice';
export * from './selectors';
export * from './format';
export * from './bind';
