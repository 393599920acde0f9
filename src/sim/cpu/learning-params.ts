/**
 * Everything learning needs that is fixed when the engine is built: which
 * traces are kept, the plastic projections and their reverse-index columns,
 * the modulators' decay, the adaptive thresholds, the normalisations and
 * the structural changes. The counterpart of params.ts for the stages
 * plasticity, modulation, homeostasis and structure.
 */
import type { Connectome } from '../connectome';
import { homeostasisConstants, type Homeostasis } from './homeostasis';
import { modulatorDecay } from './modulation';
import { normalizationConstants, type NormalizationConstants } from './normalize';
import { plasticFlags, plasticProjections, type PlasticProjections } from './plastic-projections';
import { reverseLayout, type ReverseLayout } from './reverse-index';
import { structureConstants, traceReaders, type StructureConstants } from './structure-params';
import { traceConstants, type Traces } from './trace';

export interface LearningConstants {
  traces: Traces;
  plastic: PlasticProjections;
  reverse: ReverseLayout;
  /** exp(-dt / tau_ms) per modulator, in MODULATOR_NAMES order. */
  modulatorDecay: Float32Array;
  /** By projection index; undefined where the projection has no normalisation. */
  normalizations: (NormalizationConstants | undefined)[];
  homeostasis: Homeostasis;
  /** Pruning, growth, negative drive and neurogenesis (stage `structure`). */
  structure: StructureConstants;
}

/** Throws (naming the population) when a genome asks for something the engine cannot do, e.g. an adaptive threshold on Izhikevich neurons. */
export function learningConstants(connectome: Connectome): LearningConstants {
  const reverse = reverseLayout(connectome, plasticFlags(connectome));
  const plastic = plasticProjections(connectome, reverse);
  const normalizations = normalizationConstants(connectome);
  return {
    // Traces are kept where a rule reads them, and where growth looks for recently active neurons.
    traces: traceConstants(connectome, [...plastic.all.map((c) => connectome.projections[c.projection]), ...traceReaders(connectome)]),
    plastic,
    reverse,
    modulatorDecay: modulatorDecay(connectome.genome),
    normalizations,
    homeostasis: homeostasisConstants(connectome, normalizations),
    structure: structureConstants(connectome, reverse),
  };
}
