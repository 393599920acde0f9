/**
 * The sensor most presets share: a retina of Poisson spike sources on a
 * grid, silent until a stimulus (or a protocol) sets their rates, and the
 * rate-coding sensor that binds stimuli to it.
 */
import type { GenomeInput } from '../schema';

type PopulationInput = GenomeInput['populations'][number];
type SensorInput = NonNullable<GenomeInput['sensors']>[number];

/** A width x height retina named 'retina'; `extra` overrides or adds fields (a trace, a resting rate). */
export function poissonRetina(width: number, height = 1, extra: Partial<PopulationInput> = {}): PopulationInput {
  return {
    name: 'retina',
    size: width * height,
    neuron: { model: 'spike_source', process: 'poisson', rate_hz: 0 },
    sign: 'excitatory',
    role: 'sensor',
    layout: { kind: 'grid', width, height },
    ...extra,
  };
}

/** The rate-coding sensor on the retina: intensity 1 fires at `maxRateHz`. */
export function retinaSensor(maxRateHz: number): SensorInput {
  return { name: 'retina', population: 'retina', kind: 'retina', encoding: 'rate', max_rate_hz: maxRateHz };
}
