/** The CPU reference engine and the pieces other engines and tests compare against. */
export { CpuEngine } from './engine';
export { izhikevichAbcd, populationConstants, type PopulationConstants, type LifConstants, type IzhikevichConstants, type SourceConstants } from './params';
export { stateArrays, type CpuState, type NeuronState, type SpikeList } from './state';
