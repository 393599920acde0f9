/** Sensors and encoders: intensity patterns for a sensor (digits, pictures, shapes, tones, drawings, noise, touch), programs that turn them into rates over time, images -> retina rates or spike latencies; labelled image datasets (IDX files, the `mnist` package, the bundled digits) and their split. */
export * from './bundled-digits';
export * from './dataset';
export * from './idx';
export * from './idx-files';
export * from './idx-write';
export * from './latency';
export * from './mnist-package';
export * from './patterns';
export * from './program';
export * from './rate';
export * from './retina';
export * from './sensor-grid';
export * from './shapes';
export * from './split';
export * from './stroke';
export * from './tone';
