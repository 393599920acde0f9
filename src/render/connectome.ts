/**
 * The live connectome: a Pixi Application that draws a `ConnectomeModel`.
 * Populations are discs of dots with their names; the synapse sample is
 * lines coloured by the source population, grown ones flashing in white,
 * pruned ones fading out in red. Its own ticker redraws at display rate
 * while something moves and stops when the picture is still. Fed by the
 * page's synapse reads and by frames, not React; `destroy()` frees the
 * canvas and the GPU context.
 */
import { Application, Container, Graphics, Text } from 'pixi.js';
import { HostSize } from './host-size';
import './pixi-csp';
import type { PopulationLayout, StructuralEvents } from '@/sim';
import { ConnectomeModel, steadyAlpha, type Edge, type NeuronDots, type SynapseSample } from './connectome-model';
import { BACKGROUND, mixColor, populationColors } from './palette';

/** How near a pointer must come to a dot's edge to pick its neuron, CSS px. */
export const HIT_TOLERANCE_PX = 4;
/** Colour of a pruned synapse while it fades. */
export const PRUNED_COLOR = 0xef4444;
/** Steady edges are batched by weight into this many levels of opacity and width: one stroke per level and population. */
const WEIGHT_LEVELS = 8;
const LABEL_COLOR = 0xcbd5e1;
const WHITE = 0xffffff;

export class ConnectomeView {
  private app: Application | null = null;
  private readonly model = new ConnectomeModel();
  private colors: number[] = [];
  private names: string[] = [];
  private readonly scene = new Container();
  /**
   * Steady edges, group outlines, dots and names: redrawn only when a read
   * or a settling flash changes them, and shown as one cached texture, since
   * thousands of lines and dots each frame would cost the GPU far more.
   */
  private readonly still = new Container();
  private readonly steadyEdges = new Graphics();
  private readonly dots = new Graphics();
  private readonly labels = new Container();
  /** Growing and fading edges, drawn each frame over the dots. */
  private readonly movingEdges = new Graphics();
  /** Newborn rings and the hovered neuron's ring. */
  private readonly overlay = new Graphics();
  /** What the still layer was drawn for: the layout, the neurons alive, the read and the steady edges. */
  private drawnLayout: unknown = null;
  private drawnDots = -1;
  private drawnRead = -1;
  private drawnSteady = -1;
  /** Something changed since the last draw. */
  private dirty = true;
  /** The last draw showed an animation, so one more draw shows its end. */
  private wasAnimating = false;
  private hovered = -1;
  private readonly clickListeners = new Set<(neuron: number) => void>();
  private destroyed = false;
  private readonly size: HostSize;

  /** Mounts a canvas into `host` (which sets the size); `onError` hears a renderer that could not start. */
  constructor(
    private readonly host: HTMLElement,
    private readonly onError: (message: string) => void,
  ) {
    this.still.addChild(this.steadyEdges, this.dots, this.labels);
    this.scene.addChild(this.still, this.movingEdges, this.overlay);
    this.size = new HostSize(host, () => this.requestDraw());
    this.start().catch((error: unknown) => this.onError(`The connectome view could not start: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** A new network: new discs and colours, the old synapses forgotten. */
  setNetwork(populations: PopulationLayout[]): void {
    this.model.setNetwork(populations);
    this.colors = populationColors(populations);
    this.names = populations.map((p) => p.name);
    this.hovered = -1;
    this.drawnLayout = null;
    this.requestDraw();
  }

  /** A new read of the synapse sample: changes since the last read flash in or fade out. */
  applySample(sample: SynapseSample): void {
    this.model.applySample(sample, performance.now());
    this.requestDraw();
  }

  /** A frame's structural events: newborn neurons and sampled growths and prunings. */
  applyFrame(frame: { structure: StructuralEvents }): void {
    if (frame.structure.sample.length === 0) return;
    this.model.applyEvents(frame.structure, performance.now());
    this.requestDraw();
  }

  /** Global slot indices with a line on screen now (pruned ones until their fade ends). */
  drawnSlots(): number[] {
    return [...this.model.drawnSlots(performance.now())];
  }

  /** Calls `callback` with the global index of a neuron clicked; returns the unsubscribe. */
  onNeuronClick(callback: (neuron: number) => void): () => void {
    this.clickListeners.add(callback);
    return () => this.clickListeners.delete(callback);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.size.disconnect();
    this.clickListeners.clear();
    if (this.app) {
      this.app.canvas.removeEventListener('pointermove', this.onPointerMove);
      this.app.canvas.removeEventListener('pointerleave', this.onPointerLeave);
      this.app.canvas.removeEventListener('click', this.onClick);
      this.app.destroy({ removeView: true }, { children: true });
      this.app = null;
    } else {
      this.scene.destroy({ children: true });
    }
  }

  private async start(): Promise<void> {
    const app = new Application();
    await app.init({
      width: Math.max(1, this.size.width),
      height: Math.max(1, this.size.height),
      background: BACKGROUND,
      antialias: true,
      resolution: window.devicePixelRatio || 1,
      autoDensity: true,
      sharedTicker: false,
      preference: 'webgl',
    });
    if (this.destroyed) {
      app.destroy({ removeView: true }, { children: true });
      return;
    }
    app.canvas.classList.add('connectome-canvas');
    app.canvas.addEventListener('pointermove', this.onPointerMove);
    app.canvas.addEventListener('pointerleave', this.onPointerLeave);
    app.canvas.addEventListener('click', this.onClick);
    this.still.cacheAsTexture({ resolution: app.renderer.resolution, antialias: true });
    app.stage.addChild(this.scene);
    app.ticker.add(this.tick);
    this.host.appendChild(app.canvas);
    this.app = app;
    this.requestDraw();
  }

  /** Wakes the ticker; it goes back to sleep once the picture is still. */
  private requestDraw(): void {
    this.dirty = true;
    if (this.app && !this.destroyed) this.app.ticker.start();
  }

  private readonly tick = (): void => {
    const app = this.app;
    if (!app) return;
    const now = performance.now();
    const animating = this.model.animating(now);
    if (!this.dirty && !animating && !this.wasAnimating) {
      // Still: stop after this frame's render, which shows the same picture.
      app.ticker.stop();
      return;
    }
    this.dirty = false;
    this.wasAnimating = animating;
    const width = this.size.width;
    const height = this.size.height;
    if (app.renderer.width !== Math.max(1, width) || app.renderer.height !== Math.max(1, height)) app.renderer.resize(Math.max(1, width), Math.max(1, height));
    this.model.setSize(width, height);
    this.draw(now);
  };

  /** Per tick, only what moves is built: the still layer's dots and steady edges only when their counts or the read change. */
  private draw(now: number): void {
    const layout = this.model.layout;
    const newLayout = layout !== this.drawnLayout;
    if (newLayout) this.drawLabels();
    if (newLayout || this.model.dotCount() !== this.drawnDots) this.drawDots(this.model.neurons(now));
    if (newLayout || this.model.sampleReads !== this.drawnRead || this.model.steadyCount(now) !== this.drawnSteady) this.drawSteadyEdges(this.model.steadyEdges(now));
    this.drawMovingEdges(this.model.movingEdges(now));
    const born = this.model.flashingDots(now);
    this.overlay.clear();
    for (let i = 0; i < born.neuron.length; i++) {
      const flash = born.flash[i];
      if (flash <= 0) continue;
      // The ring widens as it fades.
      const radius = layout.groups[born.population[i]].dotRadius + 2 + 10 * (1 - flash);
      this.overlay.circle(born.x[i], born.y[i], radius).stroke({ width: 1.5, color: WHITE, alpha: flash });
    }
    if (this.hovered >= 0) {
      const radius = layout.groups[this.model.populationOfNeuron(this.hovered)].dotRadius + 3;
      this.overlay.circle(layout.x[this.hovered], layout.y[this.hovered], radius).stroke({ width: 1.5, color: WHITE, alpha: 0.9 });
    }
  }

  private drawDots(neurons: NeuronDots): void {
    const layout = this.model.layout;
    this.drawnLayout = layout;
    this.drawnDots = neurons.neuron.length;
    this.dots.clear();
    layout.groups.forEach((group, p) => {
      if (group.radius > 0) this.dots.circle(group.x, group.y, group.radius).stroke({ width: 1, color: this.colors[p], alpha: 0.15 });
    });
    // One fill per population: all its dots are one path.
    for (let i = 0; i < neurons.neuron.length; ) {
      const p = neurons.population[i];
      const radius = layout.groups[p].dotRadius;
      for (; i < neurons.neuron.length && neurons.population[i] === p; i++) this.dots.circle(neurons.x[i], neurons.y[i], radius);
      this.dots.fill({ color: this.colors[p], alpha: 0.9 });
    }
    this.still.updateCacheTexture();
  }

  /** Steady edges batched by source population and weight level: one stroke per batch. */
  private drawSteadyEdges(steady: Edge[]): void {
    const { x, y } = this.model.layout;
    this.drawnRead = this.model.sampleReads;
    this.drawnSteady = steady.length;
    this.steadyEdges.clear();
    const batches = new Map<number, Edge[]>();
    for (const edge of steady) {
      if (edge.pre === edge.post) continue;
      const level = Math.min(WEIGHT_LEVELS - 1, Math.floor(edge.weight * WEIGHT_LEVELS));
      const key = this.model.populationOfNeuron(edge.pre) * WEIGHT_LEVELS + level;
      const batch = batches.get(key);
      if (batch) batch.push(edge);
      else batches.set(key, [edge]);
    }
    for (const [key, batch] of batches) {
      // The level's middle weight sets its opacity (as the model's steady alpha) and width.
      const weight = ((key % WEIGHT_LEVELS) + 0.5) / WEIGHT_LEVELS;
      for (const edge of batch) this.steadyEdges.moveTo(x[edge.pre], y[edge.pre]).lineTo(x[edge.post], y[edge.post]);
      this.steadyEdges.stroke({ width: 0.5 + weight, color: this.colors[Math.floor(key / WEIGHT_LEVELS)], alpha: steadyAlpha(weight) });
    }
    this.still.updateCacheTexture();
  }

  /** Growing edges whiten with their flash; pruned ones fade in red. */
  private drawMovingEdges(edges: Edge[]): void {
    const { x, y } = this.model.layout;
    this.movingEdges.clear();
    for (const edge of edges) {
      if (edge.pre === edge.post) continue;
      const source = this.colors[this.model.populationOfNeuron(edge.pre)];
      const color = edge.state === 'fading' ? PRUNED_COLOR : mixColor(source, WHITE, 0.8 * edge.flash);
      this.movingEdges
        .moveTo(x[edge.pre], y[edge.pre])
        .lineTo(x[edge.post], y[edge.post])
        .stroke({ width: 1 + edge.weight + edge.flash, color, alpha: edge.alpha });
    }
  }

  private drawLabels(): void {
    this.labels.removeChildren().forEach((label) => label.destroy());
    const { groups } = this.model.layout;
    this.names.forEach((name, p) => {
      const group = groups[p];
      if (!group || group.radius <= 0) return;
      const label = new Text({
        text: name,
        style: { fill: LABEL_COLOR, fontSize: 11, fontFamily: 'system-ui, sans-serif' },
      });
      label.anchor.set(0.5, 1);
      label.position.set(group.x, group.y - group.radius - 2);
      this.labels.addChild(label);
    });
  }

  private pointerPosition(event: MouseEvent): [number, number] {
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top];
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    const [px, py] = this.pointerPosition(event);
    const neuron = this.model.hitTest(px, py, HIT_TOLERANCE_PX);
    if (neuron === this.hovered) return;
    this.hovered = neuron;
    if (this.app) this.app.canvas.style.cursor = neuron >= 0 ? 'pointer' : '';
    this.requestDraw();
  };

  private readonly onPointerLeave = (): void => {
    if (this.hovered < 0) return;
    this.hovered = -1;
    this.requestDraw();
  };

  private readonly onClick = (event: MouseEvent): void => {
    const [px, py] = this.pointerPosition(event);
    const neuron = this.model.hitTest(px, py, HIT_TOLERANCE_PX);
    if (neuron < 0) return;
    for (const listener of this.clickListeners) listener(neuron);
  };
}
