/**
 * Where the connectome view puts each neuron: every population is a disc of
 * dots, discs stacked in columns by role (sensors left, hidden and
 * modulatory in the centre, outputs right). Inside a disc, neurons sit on a
 * sunflower (phyllotaxis) spiral by local index over the population's whole
 * capacity, so a newborn takes the next place outward and no dot ever moves.
 * Pure: positions in CSS pixels of a given size, deterministic from the
 * populations alone.
 */
import type { PopulationLayout } from '@/sim';

/**
 * Dots drawn per population at most. A larger population draws every
 * `stride`-th neuron (a deterministic subset); each dot stands for the
 * `stride` consecutive neurons from its own, and their synapses end on it.
 */
export const MAX_DOTS_PER_POPULATION = 2000;
/** Space kept around and between discs, px. */
export const GROUP_PADDING_PX = 12;
/** Room above each disc for its population's name, px. */
export const LABEL_HEIGHT_PX = 16;
/** A disc's radius grows with sqrt(capacity) (equal dot density) but never below this share of the largest one's, so ten output neurons stay visible beside ten thousand hidden ones. */
export const MIN_RADIUS_SHARE = 0.3;

/** The golden angle, rad: successive dots of a sunflower turn by it, which packs them evenly at any count. */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

export interface GroupLayout {
  /** Centre of the disc, px. */
  x: number;
  y: number;
  /** Radius of the disc (the whole capacity), px. */
  radius: number;
  /** Radius of one dot, px. */
  dotRadius: number;
  /** Neurons each dot stands for: 1 up to MAX_DOTS_PER_POPULATION neurons, more above. */
  stride: number;
  /** Dots of the whole capacity; dot d is neuron start + d * stride. */
  dots: number;
  /** Index of the population's first dot in `ConnectomeLayout.dotNeuron`. */
  firstDot: number;
}

export interface ConnectomeLayout {
  width: number;
  height: number;
  groups: GroupLayout[];
  /** Position of each neuron (its dot's), px, by global index. */
  x: Float32Array;
  y: Float32Array;
  /** Global index of the neuron each dot is drawn for, population by population. */
  dotNeuron: Uint32Array;
}

/** Column of a role: 0 left, 1 centre, 2 right. */
function columnOf(population: PopulationLayout): number {
  if (population.role === 'sensor') return 0;
  if (population.role === 'output') return 2;
  return 1;
}

/** Neurons each dot stands for in a population of `capacity`. */
export function dotStride(capacity: number): number {
  return Math.max(1, Math.ceil(capacity / MAX_DOTS_PER_POPULATION));
}

/** Offset of the k-th of n sunflower places in a disc of radius r: place k at radius r sqrt((k + 1/2) / n), turned k golden angles. */
export function sunflower(k: number, n: number, r: number): [number, number] {
  const radius = r * Math.sqrt((k + 0.5) / n);
  const angle = k * GOLDEN_ANGLE;
  return [radius * Math.cos(angle), radius * Math.sin(angle)];
}

export function layoutConnectome(populations: readonly PopulationLayout[], width: number, height: number): ConnectomeLayout {
  width = Math.max(0, width);
  height = Math.max(0, height);
  const neuronCount = populations.reduce((end, p) => Math.max(end, p.start + p.capacity), 0);
  const columns = [0, 1, 2].map((c) => populations.filter((p) => columnOf(p) === c)).filter((column) => column.length > 0);
  const largest = Math.sqrt(Math.max(1, ...populations.map((p) => p.capacity)));
  const weight = (p: PopulationLayout) => Math.max(Math.sqrt(Math.max(1, p.capacity)), MIN_RADIUS_SHARE * largest);

  // One scale for every disc (radius = scale x weight): the largest that fits each column's height and width.
  const columnWidth = columns.length > 0 ? width / columns.length : 0;
  let scale = Infinity;
  for (const column of columns) {
    const free = height - column.length * LABEL_HEIGHT_PX - (column.length + 1) * GROUP_PADDING_PX;
    scale = Math.min(scale, free / (2 * column.reduce((sum, p) => sum + weight(p), 0)));
    scale = Math.min(scale, (columnWidth - 2 * GROUP_PADDING_PX) / (2 * Math.max(...column.map(weight))));
  }
  scale = Number.isFinite(scale) ? Math.max(0, scale) : 0;

  const groups: GroupLayout[] = new Array(populations.length);
  columns.forEach((column, c) => {
    // Height left over in this column is shared out evenly between its discs.
    const used = column.reduce((sum, p) => sum + 2 * scale * weight(p) + LABEL_HEIGHT_PX, 0);
    const gap = Math.max(0, (height - used) / (column.length + 1));
    let top = gap;
    for (const p of column) {
      const radius = scale * weight(p);
      const stride = dotStride(p.capacity);
      const dots = Math.ceil(p.capacity / stride);
      // Dot spacing is about sqrt(disc area / dots); a dot takes a third of it, 0.5 to 4 px.
      const dotRadius = Math.min(4, Math.max(0.5, 0.35 * radius * Math.sqrt(Math.PI / Math.max(1, dots))));
      groups[p.index] = { x: (c + 0.5) * columnWidth, y: top + LABEL_HEIGHT_PX + radius, radius, dotRadius, stride, dots, firstDot: 0 };
      top += 2 * radius + LABEL_HEIGHT_PX + gap;
    }
  });

  const x = new Float32Array(neuronCount);
  const y = new Float32Array(neuronCount);
  let dotCount = 0;
  for (const p of populations) {
    groups[p.index].firstDot = dotCount;
    dotCount += groups[p.index].dots;
  }
  const dotNeuron = new Uint32Array(dotCount);
  for (const p of populations) {
    const group = groups[p.index];
    for (let d = 0; d < group.dots; d++) {
      const [dx, dy] = sunflower(d, group.dots, group.radius);
      const first = p.start + d * group.stride;
      dotNeuron[group.firstDot + d] = first;
      const end = Math.min(p.start + p.capacity, first + group.stride);
      x.fill(group.x + dx, first, end);
      y.fill(group.y + dy, first, end);
    }
  }
  return { width, height, groups, x, y, dotNeuron };
}
