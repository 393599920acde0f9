/**
 * What the learning stages' kernels share: how many workgroups their passes
 * dispatch, and the shorthand for their bindings.
 */
import type { BindingDecl } from '../layout';
import { groupsOf, type StageContext } from '../stage';

/** Workgroups a learning pass dispatches. */
export interface LearningGrid {
  /** A thread per neuron (trace and theta decay): workgroups of 64. */
  neuronGroups: number;
  /** Workgroups that share out a step's spikes; the kernels stride by num_workgroups, so any count is correct. */
  spikeGroups: number;
  /** The device's limit on workgroups per dimension, for passes sized by synapses or targets (they stride past it). */
  maxGroups: number;
}

export function learningGrid(ctx: StageContext): LearningGrid {
  const n = ctx.connectome.neuronCount;
  return {
    neuronGroups: groupsOf(n),
    // As propagate and record: one workgroup per 64 neurons, up to 1,024 (a step where 1 / 64 of the network fires is already a burst).
    spikeGroups: Math.min(1024, Math.max(1, groupsOf(n))),
    maxGroups: ctx.device.limits.maxComputeWorkgroupsPerDimension,
  };
}

export const rw = (buffer: string, type: string): BindingDecl => ({ buffer, kind: 'storage', type });
export const ro = (buffer: string, type: string): BindingDecl => ({ buffer, kind: 'read-only-storage', type });
/** A small request (a projection, a modulator and an amount) written before its own submission. */
export const request = (buffer: string): BindingDecl => ({ buffer, kind: 'uniform', type: 'vec4<u32>' });
