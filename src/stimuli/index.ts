/** Sensors and encoders: images -> retina rates or spike latencies; labelled image datasets (IDX files, the `mnist` package) and their split. */
export * from './dataset';
export * from './idx';
export * from './idx-files';
export * from './latency';
export * from './mnist-package';
export * from './rate';
export * from './retina';
export * from './split';
