/**
 * The stimuli a person can drag onto a sensor, as data: what each is, which
 * sensors take it, and the program (patterns and timing) it becomes on a
 * given sensor. Patterns are computed for the sensor's own grid, so one
 * digit fills a 28x28 retina or a 16x16 one alike.
 */
import type { Genome, Sensor } from '@/model';
import type { StimulusBinding } from '@/model/experiment';
import {
  digitPattern,
  imagePattern,
  noisePattern,
  sensorShape,
  shapePattern,
  strokePattern,
  tonePattern,
  touchPattern,
  type RgbaImage,
  type SensorShape,
  type ShapeSpec,
  type StimulusProgram,
  type StrokePoint,
} from '@/stimuli';

export type SensorKind = Sensor['kind'];

export type StimulusSource =
  | { kind: 'digit'; image: Uint8Array; digit: number }
  /** The bundled digits one after another, looping: a dataset as a stream. */
  | { kind: 'digit-stream'; images: Uint8Array[] }
  | { kind: 'shape'; spec: ShapeSpec }
  | { kind: 'tone'; frequencyHz: number }
  /** Tones one after another, low to high, looping. */
  | { kind: 'sweep'; frequenciesHz: number[] }
  | { kind: 'noise'; seed: number; density: number }
  | { kind: 'touch'; pad: number }
  | { kind: 'drawing'; strokes: StrokePoint[][] }
  | { kind: 'image'; image: RgbaImage };

export interface PaletteItem {
  id: string;
  label: string;
  group: 'digits' | 'shapes' | 'tones' | 'touch' | 'noise' | 'yours';
  source: StimulusSource;
}

/** A held stimulus is presented again every 100 ms: a latency-coded sensor fires once per presentation. */
export const HELD_PRESENT_MS = 100;
/** A stream shows each item 350 ms and rests 150 ms, as Diehl & Cook (2015) present digits. */
export const STREAM_PRESENT_MS = 350;
export const STREAM_REST_MS = 150;
/** A tone sweep holds each tone 200 ms. */
export const SWEEP_TONE_MS = 200;
/** The drawing pad's brush: a tenth of the sensor's side. */
export const DRAWING_BRUSH = { radius: 0.07 };

/** Which sensors take a stimulus: sights on a retina, sounds on a cochlea, presses on touch pads, noise anywhere. */
const TAKEN_BY: Record<StimulusSource['kind'], SensorKind[]> = {
  digit: ['retina'],
  'digit-stream': ['retina'],
  shape: ['retina'],
  drawing: ['retina'],
  image: ['retina'],
  tone: ['cochlea'],
  sweep: ['cochlea'],
  touch: ['touch'],
  noise: ['retina', 'cochlea', 'touch'],
};

const SENSE_WORDS: Record<SensorKind, string> = { retina: 'a retina', cochlea: 'a cochlea', touch: 'touch pads' };

/** Null when `sensor` takes the stimulus, else why not, in words. */
export function refusal(item: PaletteItem, sensor: SensorKind): string | null {
  const takers = TAKEN_BY[item.source.kind];
  if (takers.includes(sensor)) return null;
  return `${item.label} goes on ${takers.map((kind) => SENSE_WORDS[kind]).join(' or ')}, not on ${SENSE_WORDS[sensor]}`;
}

/** The sensor kind a stimulus is drawn for in the palette. */
export function homeSensor(item: PaletteItem): SensorKind {
  return TAKEN_BY[item.source.kind][0];
}

/** The patterns a stimulus makes on a sensor of `shape`. */
export function patternsFor(source: StimulusSource, shape: SensorShape): Float32Array[] {
  switch (source.kind) {
    case 'digit':
      return [digitPattern(source.image, shape)];
    case 'digit-stream':
      return source.images.map((image) => digitPattern(image, shape));
    case 'shape':
      return [shapePattern(shape, source.spec)];
    case 'tone':
      return [tonePattern(shape, source.frequencyHz)];
    case 'sweep':
      return source.frequenciesHz.map((hz) => tonePattern(shape, hz));
    case 'noise':
      return [noisePattern(shape, source.seed, source.density)];
    case 'touch':
      return [touchPattern(shape, source.pad)];
    case 'drawing':
      return [strokePattern(shape, source.strokes, DRAWING_BRUSH)];
    case 'image':
      return [imagePattern(shape, source.image)];
    default: {
      const unknown: never = source;
      throw new Error(`unknown stimulus ${JSON.stringify(unknown)}`);
    }
  }
}

/** The program a stimulus runs on a sensor: a stream presents its items in turn with rests, anything else is held. */
export function programFor(item: PaletteItem, shape: SensorShape): StimulusProgram {
  const patterns = patternsFor(item.source, shape);
  const kind = item.source.kind;
  if (kind === 'digit-stream') return { label: item.label, patterns, presentMs: STREAM_PRESENT_MS, restMs: STREAM_REST_MS, loop: true };
  if (kind === 'sweep') return { label: item.label, patterns, presentMs: SWEEP_TONE_MS, restMs: 0, loop: true };
  return { label: item.label, patterns, presentMs: HELD_PRESENT_MS, restMs: 0, loop: true };
}

/** A sensor of the genome with the grid its population lies on. */
export interface SensorSite {
  sensor: Sensor;
  shape: SensorShape;
}

export function sensorSites(genome: Genome): SensorSite[] {
  return genome.sensors.map((sensor) => {
    const population = genome.populations.find((p) => p.name === sensor.population)!;
    return { sensor, shape: sensorShape(population.layout, population.size) };
  });
}

/** The palette's built-in stimuli (digits come from the bundled set once loaded). */
export function builtInItems(): PaletteItem[] {
  const shape = (id: string, label: string, spec: ShapeSpec): PaletteItem => ({ id, label, group: 'shapes', source: { kind: 'shape', spec } });
  const tone = (hz: number): PaletteItem => ({ id: `tone-${hz}`, label: hz >= 1000 ? `${hz / 1000} kHz tone` : `${hz} Hz tone`, group: 'tones', source: { kind: 'tone', frequencyHz: hz } });
  return [
    shape('bar-vertical', 'Vertical bar', { kind: 'bar', angle_deg: 90, width: 0.15 }),
    shape('bar-horizontal', 'Horizontal bar', { kind: 'bar', angle_deg: 0, width: 0.15 }),
    shape('bar-diagonal', 'Diagonal bar', { kind: 'bar', angle_deg: 45, width: 0.15 }),
    shape('disc', 'Disc', { kind: 'disc', radius: 0.3 }),
    shape('ring', 'Ring', { kind: 'ring', radius: 0.3, width: 0.1 }),
    shape('square', 'Square', { kind: 'square', size: 0.5 }),
    shape('cross', 'Cross', { kind: 'cross', size: 0.7, width: 0.15 }),
    tone(250),
    tone(1000),
    tone(4000),
    { id: 'sweep', label: 'Rising sweep', group: 'tones', source: { kind: 'sweep', frequenciesHz: [200, 400, 800, 1600, 3200, 6400] } },
    ...[0, 1, 2, 3].map((pad): PaletteItem => ({ id: `touch-${pad}`, label: `Press pad ${pad + 1}`, group: 'touch', source: { kind: 'touch', pad } })),
    { id: 'noise', label: 'Noise', group: 'noise', source: { kind: 'noise', seed: 1, density: 0.3 } },
  ];
}

/** Digit items from the bundled digits: the first of each class, and the whole set as a looping stream. */
export function digitItems(images: Uint8Array[], labels: Uint8Array): PaletteItem[] {
  const items: PaletteItem[] = [];
  for (let digit = 0; digit < 10; digit++) {
    const k = labels.indexOf(digit);
    if (k >= 0) items.push({ id: `digit-${digit}`, label: `Digit ${digit}`, group: 'digits', source: { kind: 'digit', image: images[k], digit } });
  }
  items.push({ id: 'digit-stream', label: `Digit stream (${images.length}, looping)`, group: 'digits', source: { kind: 'digit-stream', images } });
  return items;
}

/** How a link names a stimulus on a sensor; null for an image of one's own, which a link cannot carry. */
export function bindingOf(item: PaletteItem, sensor: string): StimulusBinding | null {
  if (item.source.kind === 'image') return null;
  if (item.source.kind === 'drawing') return { sensor, drawing: item.source.strokes };
  return { sensor, stimulus: item.id };
}

/** The palette stimulus a link's binding names among `items`, or a drawing it carries; null for an id the palette does not have. */
export function itemForBinding(binding: StimulusBinding, items: readonly PaletteItem[]): PaletteItem | null {
  if ('drawing' in binding) return { id: 'drawing', label: 'Your drawing', group: 'yours', source: { kind: 'drawing', strokes: binding.drawing } };
  return items.find((item) => item.id === binding.stimulus) ?? null;
}
