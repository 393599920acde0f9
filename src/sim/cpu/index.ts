/** The CPU reference engine and the pieces other engines and tests compare against. */
export { CpuEngine } from './engine';
export { IMPRINT_MARGIN } from './imprint';
export { EVENT_SAMPLE_SIZE } from './structure-events';
export { izhikevichAbcd, populationConstants, type PopulationConstants, type LifConstants, type IzhikevichConstants, type SourceConstants } from './params';
export { stateArrays, type CpuState, type NeuronState, type SpikeList } from './state';
export { learningConstants, type LearningConstants } from './learning-params';
export type { PlasticProjection, StdpConstants, DiehlCookConstants, VogelsConstants, ModulationConstants } from './plastic-projections';
export type { ReverseColumns, ReverseIndex, ReverseLayout } from './reverse-index';
export { TraceMode, type Traces, type TraceConstants } from './trace';
