/**
 * What the learning stages' kernels share: how many workgroups their passes
 * dispatch, and the binding of their small requests.
 */
import type { BindingDecl } from '../layout';
import { groupsOf, spikeGroupsFor, type StageContext } from '../stage';

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
    spikeGroups: spikeGroupsFor(n),
    maxGroups: ctx.device.limits.maxComputeWorkgroupsPerDimension,
  };
}

/** A small request (a projection, a modulator and an amount) written before its own submission. */
export const request = (buffer: string): BindingDecl => ({ buffer, kind: 'uniform', type: 'vec4<u32>' });
