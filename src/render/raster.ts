/**
 * The live spike raster: a Pixi Application that shows a `RasterImage` as
 * one texture. Frames write pixels column by column; the texture is drawn by
 * a TilingSprite whose offset follows the head column, so scrolling moves no
 * pixels. Fed by frames, not React; `destroy()` frees the canvas, the
 * texture and the GPU context.
 */
import { Application, BufferImageSource, Texture, TilingSprite } from 'pixi.js';
import { HostSize } from './host-size';
import './pixi-csp';
import type { PopulationLayout } from '@/sim';
import { BACKGROUND, populationColors } from './palette';
import { RasterImage, type RasterSpikes } from './raster-image';
import { layoutRows } from './row-layout';

/** Simulated ms per column at speed 1: 250 columns (pixels) per second of real time, about 5 s of history on a wide screen. */
export const COLUMN_MS_AT_REAL_TIME = 4;

/** Steps per column for a speed (simulated ms per wall ms): the raster scrolls at the same pixel rate at any speed. */
export function stepsPerColumn(speed: number, dtMs: number): number {
  return Math.max(1, Math.round((COLUMN_MS_AT_REAL_TIME * speed) / dtMs));
}

export interface RasterNetwork {
  populations: PopulationLayout[];
  dtMs: number;
}

export class SpikeRaster {
  private app: Application | null = null;
  private sprite: TilingSprite | null = null;
  private image: RasterImage | null = null;
  private network: RasterNetwork | null = null;
  private speed = 1;
  /** Size the current image was made for. */
  private width = 0;
  private height = 0;
  private frameRequest = 0;
  private destroyed = false;
  private readonly size: HostSize;

  /** Mounts a canvas into `host` (which sets the size); `onError` hears a renderer that could not start. */
  constructor(
    private readonly host: HTMLElement,
    private readonly onError: (message: string) => void,
  ) {
    this.size = new HostSize(host, () => this.requestRender());
    this.start().catch((error: unknown) => this.onError(`The raster could not start: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** A new network: new bands and colours, history cleared. */
  setNetwork(network: RasterNetwork): void {
    this.network = network;
    this.image = null;
    this.requestRender();
  }

  /** Simulated ms per wall ms, so the columns keep their pixel rate. */
  setSpeed(speed: number): void {
    this.speed = speed;
    if (this.image && this.network) this.image.setStepsPerColumn(stepsPerColumn(speed, this.network.dtMs));
  }

  draw(frame: RasterSpikes): void {
    const image = this.ensureImage();
    if (!image) return;
    image.draw(frame);
    this.requestRender();
  }

  destroy(): void {
    this.destroyed = true;
    cancelAnimationFrame(this.frameRequest);
    this.size.disconnect();
    this.app?.destroy({ removeView: true }, { children: true, texture: true, textureSource: true });
    this.app = null;
    this.sprite = null;
    this.image = null;
  }

  private async start(): Promise<void> {
    const app = new Application();
    await app.init({
      width: Math.max(1, this.size.width),
      height: Math.max(1, this.size.height),
      background: BACKGROUND,
      antialias: false,
      // One texel per CSS pixel: spikes are single pixels either way, and a smaller texture uploads faster.
      resolution: 1,
      // Drawn on demand when a frame arrives, not by a ticker at 60 Hz.
      autoStart: false,
      sharedTicker: false,
      preference: 'webgl',
    });
    if (this.destroyed) {
      app.destroy({ removeView: true }, { children: true, texture: true, textureSource: true });
      return;
    }
    app.canvas.classList.add('raster-canvas');
    this.host.appendChild(app.canvas);
    this.app = app;
    this.requestRender();
  }

  /** The image for the current size and network, rebuilt (history cleared) when either changed. */
  private ensureImage(): RasterImage | null {
    const width = Math.max(1, this.size.width);
    const height = Math.max(1, this.size.height);
    if (this.image && width === this.width && height === this.height) return this.image;
    if (!this.network) return null;
    this.width = width;
    this.height = height;
    const layout = layoutRows(this.network.populations, populationColors(this.network.populations), height);
    this.image = new RasterImage(width, layout, stepsPerColumn(this.speed, this.network.dtMs));
    this.sprite = null;
    return this.image;
  }

  private requestRender(): void {
    if (this.frameRequest || this.destroyed) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = 0;
      this.render();
    });
  }

  private render(): void {
    const app = this.app;
    const image = this.ensureImage();
    if (!app || this.destroyed) return;
    const width = Math.max(1, this.size.width);
    const height = Math.max(1, this.size.height);
    if (app.renderer.width !== width || app.renderer.height !== height) app.renderer.resize(width, height);
    if (image) {
      const sprite = this.sprite ?? this.makeSprite(app, image);
      sprite.texture.source.update();
      // The head column sits at the right edge; the texture wraps around to its left.
      sprite.tilePosition.x = image.width - 1 - image.head;
    }
    app.render();
  }

  private makeSprite(app: Application, image: RasterImage): TilingSprite {
    app.stage.removeChildren().forEach((child) => child.destroy({ texture: true, textureSource: true }));
    const source = new BufferImageSource({
      resource: image.pixels,
      width: image.width,
      height: image.layout.height,
      format: 'rgba8unorm',
      scaleMode: 'nearest',
      addressMode: 'repeat',
      label: 'SpikeRaster.columns',
    });
    const sprite = new TilingSprite({ texture: new Texture({ source }), width: image.width, height: image.layout.height });
    app.stage.addChild(sprite);
    this.sprite = sprite;
    return sprite;
  }
}
