/**
 * A retina sensor: a genome's spike_source population on a grid, one source
 * per pixel, driven by an image of the grid's size.
 */
import type { Genome } from '@/model';
import { rateEncode } from './rate';

/** Where a retina sensor's rates go and how they are scaled. */
export interface Retina {
  sensor: string;
  /** Index of the driven population (the same in the genome and the connectome). */
  population: number;
  width: number;
  height: number;
  encoding: 'rate' | 'latency';
  maxRateHz: number;
}

/** The genome's retina sensor named `name` (the first retina when no name is given); throws naming what is missing. */
export function findRetina(genome: Genome, name?: string): Retina {
  const sensor = genome.sensors.find((s) => s.kind === 'retina' && (name === undefined || s.name === name));
  if (!sensor) throw new Error(name === undefined ? 'sensors: the genome has no retina sensor' : `sensors: no retina sensor named "${name}"`);
  const population = genome.populations.findIndex((p) => p.name === sensor.population);
  const layout = genome.populations[population]?.layout;
  if (!layout || layout.kind !== 'grid') throw new Error(`sensors["${sensor.name}"]: population "${sensor.population}" must have a grid layout to take images`);
  return { sensor: sensor.name, population, width: layout.width, height: layout.height, encoding: sensor.encoding, maxRateHz: sensor.max_rate_hz };
}

/** Per-neuron rates (Hz) for an image of the retina's size: intensity / 255 x maxRateHz (the sensor's unless given). */
export function retinaRates(retina: Retina, image: Uint8Array, maxRateHz = retina.maxRateHz, out: Float32Array = new Float32Array(retina.width * retina.height)): Float32Array {
  if (retina.encoding !== 'rate') throw new Error(`sensors["${retina.sensor}"]: encoding is ${retina.encoding}; rates need the rate encoding`);
  const pixels = retina.width * retina.height;
  if (image.length !== pixels) throw new RangeError(`sensors["${retina.sensor}"]: an image of ${image.length} pixels does not fit a ${retina.width}x${retina.height} retina`);
  return rateEncode(image, maxRateHz, out);
}
