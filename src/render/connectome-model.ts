/**
 * What the connectome view shows, apart from any renderer: the neurons alive
 * (a dot each, a ring when newborn) and a sample of synapses as edges, with
 * their changes animated. The page re-reads the same synapse slots a few
 * times a second; each read is diffed against the one before, so a slot that
 * became occupied flashes in (grown) and one that became empty fades out
 * (pruned). Structural events from frames add births, and flash the growths
 * and prunings the slot sample does not hold. Time comes in as an argument
 * (ms, any clock), so every animation is a pure function of it.
 */
import { EMPTY_SLOT, StructuralEventKind, type PopulationLayout, type StructuralEvents } from '@/sim';
import { layoutConnectome, type ConnectomeLayout } from './connectome-layout';

/** How long a grown slot flashes before it settles, and a pruned one takes to fade out, ms. */
export const TRANSITION_MS = 1000;
/** How long a growth or pruning seen only in a frame's event sample stays, ms. */
export const EVENT_FLASH_MS = 600;
/** How long a newborn neuron's ring lasts, ms. */
export const BIRTH_FLASH_MS = 1000;
/** Opacity of a steady edge of weight 0; the sample's strongest is opaque. */
export const MIN_EDGE_ALPHA = 0.08;
/** Edges that are fading or flashing without a slot, at most: the oldest go first past it. */
export const MAX_GHOSTS = 4096;

/** Opacity of a steady edge of normalised weight w (0..1). */
export function steadyAlpha(weight: number): number {
  return MIN_EDGE_ALPHA + (1 - MIN_EDGE_ALPHA) * weight;
}

/** Synapse slots as the page reads them; slot k is the same slot on every read. */
export interface SynapseSample {
  /** Global slot index of each sampled slot. */
  slots: Uint32Array;
  /** Presynaptic neuron (the row's owner). */
  pre: Uint32Array;
  /** Postsynaptic neuron, or EMPTY_SLOT for a free slot. */
  post: Uint32Array;
  weight: Float32Array;
}

export type EdgeState = 'steady' | 'growing' | 'fading';

/** One line to draw. */
export interface Edge {
  /** Global slot index; -1 for an event outside the slot sample. */
  slot: number;
  pre: number;
  post: number;
  /** Weight over the sample's largest, 0..1; 1 for an event (its weight is not known). */
  weight: number;
  /** Opacity, 0..1. */
  alpha: number;
  /** How fresh the change is: 1 when it happened, 0 once settled or gone. */
  flash: number;
  state: EdgeState;
}

/** The dots of the neurons alive, as parallel arrays (one entry per dot). */
export interface NeuronDots {
  /** Global index of the neuron the dot is drawn for. */
  neuron: Uint32Array;
  population: Uint16Array;
  x: Float32Array;
  y: Float32Array;
  /** Newborn ring: 1 at birth down to 0 after BIRTH_FLASH_MS. */
  flash: Float32Array;
}

/** An edge with no slot in the sample any more (a fading prune) or none at all (an event). */
interface Ghost {
  slot: number;
  pre: number;
  post: number;
  weight: number;
  startMs: number;
  durationMs: number;
  state: 'growing' | 'fading';
}

/** Dots that came alive together: dots firstDot..endDot - 1, born at bornMs. */
interface Birth {
  firstDot: number;
  endDot: number;
  bornMs: number;
}

const EMPTY_SAMPLE: SynapseSample = { slots: new Uint32Array(0), pre: new Uint32Array(0), post: new Uint32Array(0), weight: new Float32Array(0) };

function emptyDots(count: number): NeuronDots {
  return { neuron: new Uint32Array(count), population: new Uint16Array(count), x: new Float32Array(count), y: new Float32Array(count), flash: new Float32Array(count) };
}

export class ConnectomeModel {
  private populations: readonly PopulationLayout[] = [];
  private width = 0;
  private height = 0;
  private currentLayout: ConnectomeLayout = layoutConnectome([], 0, 0);
  private populationOf = new Uint16Array(0);
  /** Neurons alive per population, counted from its start: births take the next index. */
  private alive: number[] = [];
  /** When each dot's neuron was born, ms; -Infinity for those alive from the start. */
  private dotBornAt = new Float64Array(0);
  /** The latest sample, copied (the page may reuse its buffers). */
  private sample: SynapseSample = EMPTY_SAMPLE;
  /** When each sampled slot last became occupied, ms; -Infinity when it was occupied on the first read. */
  private grownAt = new Float64Array(0);
  private maxWeight = 0;
  private occupied = 0;
  private reads = 0;
  /** (pre, post) keys of the occupied sampled slots. */
  private occupiedPairs = new Set<number>();
  private ghosts: Ghost[] = [];
  /** How many fading ghosts each (pre, post) key has: a pruning already fading needs no second line. */
  private fadingPairs = new Map<number, number>();
  /** Sampled slot indices (k) whose growth still flashes, in slot order; the settled are dropped lazily. */
  private growing: number[] = [];
  /** Dots whose birth ring still shows; the faded are dropped lazily. */
  private births: Birth[] = [];
  /** When the last animation started ends, ms. */
  private animationEndMs = -Infinity;
  private neuronCount = 0;

  /** Positions for the current network and size; a new object whenever either changes. */
  get layout(): ConnectomeLayout {
    return this.currentLayout;
  }

  /** A new network: layout rebuilt, everything it showed forgotten. */
  setNetwork(populations: readonly PopulationLayout[]): void {
    this.populations = populations;
    this.neuronCount = populations.reduce((end, p) => Math.max(end, p.start + p.capacity), 0);
    this.populationOf = new Uint16Array(this.neuronCount);
    for (const p of populations) this.populationOf.fill(p.index, p.start, p.start + p.capacity);
    this.alive = populations.map((p) => p.size);
    this.currentLayout = layoutConnectome(populations, this.width, this.height);
    this.dotBornAt = new Float64Array(this.layout.dotNeuron.length).fill(-Infinity);
    this.sample = EMPTY_SAMPLE;
    this.grownAt = new Float64Array(0);
    this.maxWeight = 0;
    this.occupied = 0;
    this.reads = 0;
    this.occupiedPairs.clear();
    this.ghosts = [];
    this.fadingPairs.clear();
    this.growing = [];
    this.births = [];
    this.animationEndMs = -Infinity;
  }

  /** The drawing area, CSS px: positions follow it, nothing else changes. */
  setSize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    this.width = width;
    this.height = height;
    this.currentLayout = layoutConnectome(this.populations, width, height);
  }

  /** A new read of the synapse sample; a read of other slots (or another count) starts afresh without flashes. */
  applySample(sample: SynapseSample, nowMs: number): void {
    const previous = this.sample;
    const continues = previous.slots.length === sample.slots.length && previous.slots.every((slot, k) => slot === sample.slots[k]);
    const next: SynapseSample = { slots: sample.slots.slice(), pre: sample.pre.slice(), post: sample.post.slice(), weight: sample.weight.slice() };
    if (!continues) this.grownAt = new Float64Array(sample.slots.length).fill(-Infinity);
    const previousMax = this.maxWeight;
    this.maxWeight = 0;
    this.occupied = 0;
    this.occupiedPairs.clear();
    this.growing = [];
    const prunedPairs = new Set<number>();
    for (let k = 0; k < next.slots.length; k++) {
      const pre = next.pre[k];
      const post = next.post[k];
      if (continues && (previous.post[k] !== post || previous.pre[k] !== pre)) {
        if (previous.post[k] !== EMPTY_SLOT) {
          const weight = previousMax > 0 ? previous.weight[k] / previousMax : 0;
          this.addGhost({ slot: next.slots[k], pre: previous.pre[k], post: previous.post[k], weight, startMs: nowMs, durationMs: TRANSITION_MS, state: 'fading' });
          prunedPairs.add(this.pairKey(previous.pre[k], previous.post[k]));
        }
        if (post !== EMPTY_SLOT) {
          this.grownAt[k] = nowMs;
          this.animateUntil(nowMs + TRANSITION_MS);
        }
      }
      if (!this.holdsSynapse(pre, post)) continue;
      this.occupied++;
      this.occupiedPairs.add(this.pairKey(pre, post));
      if (nowMs - this.grownAt[k] < TRANSITION_MS) this.growing.push(k);
      this.maxWeight = Math.max(this.maxWeight, next.weight[k]);
      this.markAlive(pre, nowMs);
      this.markAlive(post, nowMs);
    }
    this.sample = next;
    this.reads++;
    // An event flash hands over to its slot once the sample shows the same change.
    this.ghosts = this.ghosts.filter((g) => {
      if (g.slot >= 0) return true;
      const key = this.pairKey(g.pre, g.post);
      const stays = g.state === 'growing' ? !this.occupiedPairs.has(key) : !prunedPairs.has(key);
      if (!stays) this.forgetGhost(g);
      return stays;
    });
  }

  /** A frame's structural events: births bring neurons to life; sampled growths and prunings the slot sample does not show flash. */
  applyEvents(structure: StructuralEvents, nowMs: number): void {
    const events = structure.sample;
    for (let at = 0; at + 2 < events.length; at += 3) {
      const kind = events[at];
      const pre = events[at + 1];
      const post = events[at + 2];
      if (pre >= this.neuronCount || post >= this.neuronCount) continue;
      if (kind === StructuralEventKind.born) {
        this.markAlive(pre, nowMs);
        continue;
      }
      const key = this.pairKey(pre, post);
      if (kind === StructuralEventKind.grown) {
        this.markAlive(pre, nowMs);
        this.markAlive(post, nowMs);
        if (!this.occupiedPairs.has(key)) this.addGhost({ slot: -1, pre, post, weight: 1, startMs: nowMs, durationMs: EVENT_FLASH_MS, state: 'growing' });
      } else if (kind === StructuralEventKind.pruned) {
        // A sampled slot still holding the pair fades out on the next read; one fading already needs no second line.
        const shown = this.occupiedPairs.has(key) || this.fadingPairs.has(key);
        if (!shown) this.addGhost({ slot: -1, pre, post, weight: 1, startMs: nowMs, durationMs: EVENT_FLASH_MS, state: 'fading' });
      }
    }
  }

  /** Lines to draw now: the sample's occupied slots, then fading and event lines. */
  edges(nowMs: number): Edge[] {
    const out: Edge[] = [];
    const { slots, pre, post } = this.sample;
    for (let k = 0; k < slots.length; k++) if (this.holdsSynapse(pre[k], post[k])) out.push(this.sampledEdge(k, nowMs));
    this.expireGhosts(nowMs);
    for (const g of this.ghosts) out.push(this.ghostEdge(g, nowMs));
    return out;
  }

  /** The steady lines of `edges(nowMs)`, in the same order. */
  steadyEdges(nowMs: number): Edge[] {
    const out: Edge[] = [];
    const { slots, pre, post } = this.sample;
    for (let k = 0; k < slots.length; k++) if (this.holdsSynapse(pre[k], post[k]) && nowMs - this.grownAt[k] >= TRANSITION_MS) out.push(this.sampledEdge(k, nowMs));
    return out;
  }

  /** How many lines `steadyEdges(nowMs)` holds, without building them; `nowMs` no earlier than the last read. */
  steadyCount(nowMs: number): number {
    this.settleGrowing(nowMs);
    return this.occupied - this.growing.length;
  }

  /**
   * The lines of `edges(nowMs)` that move (growing, fading, event flashes),
   * in the same order, at a cost of the moving ones only; `nowMs` no earlier
   * than the last read or event (settled ones are forgotten).
   */
  movingEdges(nowMs: number): Edge[] {
    this.settleGrowing(nowMs);
    const out = this.growing.map((k) => this.sampledEdge(k, nowMs));
    this.expireGhosts(nowMs);
    for (const g of this.ghosts) out.push(this.ghostEdge(g, nowMs));
    return out;
  }

  /** Reads of the synapse sample applied since the network was set: a new read may change every weight. */
  get sampleReads(): number {
    return this.reads;
  }

  /** Sampled synapses that exist now (drawn steady or growing); event flashes and fading prunes are not counted. */
  visibleSynapses(): number {
    return this.occupied;
  }

  /** Global slot indices with a line drawn now: occupied sampled slots, and pruned ones until their fade ends. */
  drawnSlots(nowMs: number): Set<number> {
    const drawn = new Set<number>();
    const { slots, pre, post } = this.sample;
    for (let k = 0; k < slots.length; k++) if (this.holdsSynapse(pre[k], post[k])) drawn.add(slots[k]);
    this.expireGhosts(nowMs);
    for (const g of this.ghosts) if (g.slot >= 0) drawn.add(g.slot);
    return drawn;
  }

  /** How many dots `neurons()` holds, without building them. */
  dotCount(): number {
    return this.populations.reduce((sum, p) => sum + this.aliveDots(p.index), 0);
  }

  /**
   * The dots of `neurons(nowMs)` whose birth ring still shows, at a cost of
   * those only; `nowMs` no earlier than the last birth (faded ones are forgotten).
   */
  flashingDots(nowMs: number): NeuronDots {
    if (this.births.some((b) => nowMs - b.bornMs >= BIRTH_FLASH_MS)) this.births = this.births.filter((b) => nowMs - b.bornMs < BIRTH_FLASH_MS);
    const dots = emptyDots(this.births.reduce((sum, b) => sum + b.endDot - b.firstDot, 0));
    let i = 0;
    for (const b of this.births) for (let d = b.firstDot; d < b.endDot; d++) this.writeDot(dots, i++, d, nowMs);
    return dots;
  }

  /** The dots of the neurons alive now, population by population. */
  neurons(nowMs: number): NeuronDots {
    const dots = emptyDots(this.dotCount());
    let i = 0;
    for (const p of this.populations) {
      const first = this.layout.groups[p.index].firstDot;
      for (let d = first; d < first + this.aliveDots(p.index); d++) this.writeDot(dots, i++, d, nowMs);
    }
    return dots;
  }

  /** Dot `d` at position `i` of `dots`: its neuron, population, place and birth flash (1 at birth, fading to 0). */
  private writeDot(dots: NeuronDots, i: number, d: number, nowMs: number): void {
    const neuron = this.layout.dotNeuron[d];
    dots.neuron[i] = neuron;
    dots.population[i] = this.populationOf[neuron];
    dots.x[i] = this.layout.x[neuron];
    dots.y[i] = this.layout.y[neuron];
    const age = nowMs - this.dotBornAt[d];
    dots.flash[i] = age < BIRTH_FLASH_MS ? 1 - Math.max(0, age) / BIRTH_FLASH_MS : 0;
  }

  /** The drawn neuron nearest (x, y) whose dot is within `tolerancePx` of it, or -1. */
  hitTest(x: number, y: number, tolerancePx: number): number {
    let best = -1;
    let bestDistance = Infinity;
    for (const p of this.populations) {
      const group = this.layout.groups[p.index];
      const reach = tolerancePx + group.dotRadius;
      // Skip whole discs out of reach.
      if (Math.hypot(x - group.x, y - group.y) > group.radius + reach) continue;
      for (let d = group.firstDot; d < group.firstDot + this.aliveDots(p.index); d++) {
        const neuron = this.layout.dotNeuron[d];
        const distance = Math.hypot(x - this.layout.x[neuron], y - this.layout.y[neuron]);
        if (distance <= reach && distance < bestDistance) {
          best = neuron;
          bestDistance = distance;
        }
      }
    }
    return best;
  }

  /** Population of a neuron, for its colour. */
  populationOfNeuron(neuron: number): number {
    return this.populationOf[neuron];
  }

  /** Whether anything is still flashing or fading at `nowMs`: a still picture needs no redraw. */
  animating(nowMs: number): boolean {
    return nowMs < this.animationEndMs;
  }

  /** Dots of population p whose neuron is alive: alive neurons are a prefix, so the first ceil(alive / stride). */
  private aliveDots(p: number): number {
    return Math.ceil(this.alive[p] / this.layout.groups[p].stride);
  }

  /** A neuron seen alive: it and every index before it in its population (births go in order); those newly alive get a ring. */
  private markAlive(neuron: number, nowMs: number): void {
    const p = this.populationOf[neuron];
    const local = neuron - this.populations[p].start;
    if (local < this.alive[p]) return;
    const from = this.aliveDots(p);
    this.alive[p] = local + 1;
    const first = this.layout.groups[p].firstDot;
    const birth = { firstDot: first + from, endDot: first + this.aliveDots(p), bornMs: nowMs };
    this.dotBornAt.fill(nowMs, birth.firstDot, birth.endDot);
    if (birth.endDot > birth.firstDot) this.births.push(birth);
    this.animateUntil(nowMs + BIRTH_FLASH_MS);
  }

  /** Whether a sampled slot holds a synapse of this network (a read from another network's engine holds indices past its end). */
  private holdsSynapse(pre: number, post: number): boolean {
    return post !== EMPTY_SLOT && pre < this.neuronCount && post < this.neuronCount;
  }

  /** Sampled slot k as a line: weight over the sample's largest, flashing white for TRANSITION_MS after it grew. */
  private sampledEdge(k: number, nowMs: number): Edge {
    const { slots, pre, post, weight } = this.sample;
    const w = this.maxWeight > 0 ? Math.max(0, weight[k]) / this.maxWeight : 0;
    const steady = steadyAlpha(w);
    const age = nowMs - this.grownAt[k];
    const flash = age < TRANSITION_MS ? 1 - Math.max(0, age) / TRANSITION_MS : 0;
    const state = flash > 0 ? 'growing' : 'steady';
    return { slot: slots[k], pre: pre[k], post: post[k], weight: w, alpha: steady + (1 - steady) * flash, flash, state };
  }

  private ghostEdge(g: Ghost, nowMs: number): Edge {
    const left = 1 - Math.max(0, nowMs - g.startMs) / g.durationMs;
    return { slot: g.slot, pre: g.pre, post: g.post, weight: g.weight, alpha: left, flash: left, state: g.state };
  }

  /** Drops from `growing` the slots settled by `nowMs`. */
  private settleGrowing(nowMs: number): void {
    if (this.growing.some((k) => nowMs - this.grownAt[k] >= TRANSITION_MS)) this.growing = this.growing.filter((k) => nowMs - this.grownAt[k] < TRANSITION_MS);
  }

  private addGhost(ghost: Ghost): void {
    this.ghosts.push(ghost);
    if (ghost.state === 'fading') {
      const key = this.pairKey(ghost.pre, ghost.post);
      this.fadingPairs.set(key, (this.fadingPairs.get(key) ?? 0) + 1);
    }
    if (this.ghosts.length > MAX_GHOSTS) for (const old of this.ghosts.splice(0, this.ghosts.length - MAX_GHOSTS)) this.forgetGhost(old);
    this.animateUntil(ghost.startMs + ghost.durationMs);
  }

  /** A ghost leaving `ghosts`: its pair no longer counts as fading, unless another ghost fades it too. */
  private forgetGhost(ghost: Ghost): void {
    if (ghost.state !== 'fading') return;
    const key = this.pairKey(ghost.pre, ghost.post);
    const left = (this.fadingPairs.get(key) ?? 0) - 1;
    if (left > 0) this.fadingPairs.set(key, left);
    else this.fadingPairs.delete(key);
  }

  private expireGhosts(nowMs: number): void {
    if (!this.ghosts.some((g) => nowMs - g.startMs >= g.durationMs)) return;
    this.ghosts = this.ghosts.filter((g) => {
      const live = nowMs - g.startMs < g.durationMs;
      if (!live) this.forgetGhost(g);
      return live;
    });
  }

  private animateUntil(endMs: number): void {
    this.animationEndMs = Math.max(this.animationEndMs, endMs);
  }

  /** One number per (pre, post) pair: exact below 2^53, so for any network under 94 million neurons. */
  private pairKey(pre: number, post: number): number {
    return pre * this.neuronCount + post;
  }
}
