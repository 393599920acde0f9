/**
 * The raster's pixels, apart from any renderer: an RGBA image used as a ring
 * of columns, one column per time bin, one row band per population. Frames
 * paint spikes into the column of their step; the column being filled (the
 * head) is the newest and is shown at the right edge, so time flows right to
 * left.
 */
import type { RowLayout } from './row-layout';

/** The parts of a frame the raster reads. */
export interface RasterSpikes {
  stepStart: number;
  stepEnd: number;
  spikeStep: Uint32Array;
  spikeNeuron: Uint32Array;
}

export class RasterImage {
  /** RGBA bytes, row-major, `width` x `layout.height`: the texture's resource. */
  readonly pixels: Uint8Array;
  private readonly words: Uint32Array;
  /** Column being filled: the newest. */
  head = 0;
  /** First step of the head column; -1 before the first frame. */
  private columnStartStep = -1;

  constructor(
    readonly width: number,
    readonly layout: RowLayout,
    private stepsPerColumn: number,
  ) {
    this.pixels = new Uint8Array(width * layout.height * 4);
    this.words = new Uint32Array(this.pixels.buffer);
    this.clearAll();
  }

  /** Simulated steps per column, from the head column on. */
  setStepsPerColumn(steps: number): void {
    this.stepsPerColumn = Math.max(1, Math.round(steps));
  }

  draw(frame: RasterSpikes): void {
    // The first frame, or a network that restarted its clock: begin at the frame.
    if (this.columnStartStep < 0 || frame.stepStart < this.columnStartStep) {
      this.columnStartStep = frame.stepStart;
      this.clearAll();
    }
    const { neuronRow, neuronRowSpan } = this.layout;
    for (let i = 0; i < frame.spikeStep.length; i++) {
      this.advanceTo(frame.spikeStep[i]);
      const neuron = frame.spikeNeuron[i];
      if (neuron >= neuronRow.length) continue;
      const first = neuronRow[neuron];
      const end = first + neuronRowSpan[neuron];
      for (let row = first; row < end; row++) this.words[row * this.width + this.head] = this.layout.rowSpike[row];
    }
    this.advanceTo(frame.stepEnd - 1);
  }

  /** Moves the head until its column holds `step`, clearing each column it enters. */
  private advanceTo(step: number): void {
    if (step < this.columnStartStep + this.stepsPerColumn) return;
    const behind = Math.floor((step - this.columnStartStep) / this.stepsPerColumn);
    if (behind >= this.width) {
      // A jump longer than the whole window (a long `step`): nothing old stays visible.
      this.columnStartStep += behind * this.stepsPerColumn;
      this.head = (this.head + behind) % this.width;
      this.clearAll();
      return;
    }
    for (let k = 0; k < behind; k++) {
      this.head = (this.head + 1) % this.width;
      this.clearColumn(this.head);
    }
    this.columnStartStep += behind * this.stepsPerColumn;
  }

  private clearColumn(column: number): void {
    const { rowBackground, height } = this.layout;
    for (let row = 0; row < height; row++) this.words[row * this.width + column] = rowBackground[row];
  }

  private clearAll(): void {
    const { rowBackground, height } = this.layout;
    for (let row = 0; row < height; row++) this.words.fill(rowBackground[row], row * this.width, (row + 1) * this.width);
  }
}
