/**
 * A rolling trace of one neuron's membrane potential: the last `windowMs`
 * of v as frames bring it, newest at the right edge, with the threshold
 * and reset levels as horizontal lines. The geometry is pure (a polyline
 * in a box); `drawMembrane` puts it on a 2D canvas.
 */
import { cssColor } from './palette';

/** A rectangle on the canvas, px. */
export interface PlotBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The potentials the box spans, and the two levels drawn across it, mV. */
export interface MembraneScale {
  /** Potential at the bottom edge. */
  vMinMv: number;
  /** Potential at the top edge. */
  vMaxMv: number;
  thresholdMv: number;
  resetMv: number;
}

export interface MembranePlot {
  /** The trace as x, y pairs, oldest first, px. */
  line: Float32Array;
  /** Heights of the threshold and reset lines, px. */
  thresholdY: number;
  resetY: number;
}

/** The last `windowMs` of v, one sample per step, in a ring. */
export class MembraneTrace {
  private samples = new Float32Array(0);
  /** Where the next sample goes. */
  private head = 0;
  private held = 0;
  private step = 0;

  constructor(readonly windowMs: number) {}

  /** Samples held, up to windowMs / dtMs. */
  get count(): number {
    return this.held;
  }

  /** Step of the samples held, ms; 0 before the first. */
  get dtMs(): number {
    return this.step;
  }

  /** Appends one frame's v, one sample per `dtMs`; a new step length starts the trace afresh. */
  append(v: Float32Array, dtMs: number): void {
    if (dtMs !== this.step) {
      this.step = dtMs;
      this.samples = new Float32Array(Math.max(1, Math.round(this.windowMs / dtMs)));
      this.clear();
    }
    const n = this.samples.length;
    // Only the last n of a long chunk can stay.
    for (let i = Math.max(0, v.length - n); i < v.length; i++) {
      this.samples[this.head] = v[i];
      this.head = (this.head + 1) % n;
    }
    this.held = Math.min(n, this.held + v.length);
  }

  clear(): void {
    this.head = 0;
    this.held = 0;
  }

  /** Sample i of those held, 0 the oldest, mV. */
  at(i: number): number {
    const n = this.samples.length;
    return this.samples[(this.head - this.held + i + n) % n];
  }
}

/** Height of potential v in the box, clamped to its edges. */
export function potentialY(v: number, box: PlotBox, scale: MembraneScale): number {
  const t = (scale.vMaxMv - v) / (scale.vMaxMv - scale.vMinMv);
  return box.y + box.height * Math.min(1, Math.max(0, t));
}

/**
 * The trace scaled to the box: a sample of age a ms (0 the newest) at
 * x = right edge - a / windowMs x width. When the samples outnumber the
 * box's pixel columns, each column keeps its lowest and highest sample in
 * the order they came, so a spike's peak survives at any window.
 */
export function plotMembrane(trace: MembraneTrace, box: PlotBox, scale: MembraneScale): MembranePlot {
  const right = box.x + box.width;
  const xOf = (i: number) => right - ((trace.count - 1 - i) * trace.dtMs * box.width) / trace.windowMs;
  const points: number[] = [];
  if (trace.count <= 2 * box.width) {
    for (let i = 0; i < trace.count; i++) points.push(xOf(i), potentialY(trace.at(i), box, scale));
  } else {
    let column = -1;
    let low = 0;
    let high = 0;
    const flush = () => {
      const x = box.x + column + 0.5;
      const [first, second] = low < high ? [low, high] : [high, low];
      points.push(x, potentialY(trace.at(first), box, scale));
      if (second !== first) points.push(x, potentialY(trace.at(second), box, scale));
    };
    for (let i = 0; i < trace.count; i++) {
      const c = Math.min(Math.floor(box.width) - 1, Math.floor(xOf(i) - box.x));
      if (c !== column) {
        if (column >= 0) flush();
        column = c;
        low = i;
        high = i;
      } else if (trace.at(i) < trace.at(low)) low = i;
      else if (trace.at(i) > trace.at(high)) high = i;
    }
    if (column >= 0) flush();
  }
  return { line: Float32Array.from(points), thresholdY: potentialY(scale.thresholdMv, box, scale), resetY: potentialY(scale.resetMv, box, scale) };
}

/** Colours of the plot, 0xRRGGBB. */
export interface MembraneColors {
  trace: number;
  threshold: number;
  reset: number;
}

/** Draws the plot into `box`: threshold dashed, reset dotted, then the trace. */
export function drawMembrane(context: CanvasRenderingContext2D, plot: MembranePlot, box: PlotBox, colors: MembraneColors): void {
  context.save();
  context.lineWidth = 1;
  const level = (y: number, color: number, dash: number[]) => {
    context.strokeStyle = cssColor(color);
    context.setLineDash(dash);
    context.beginPath();
    context.moveTo(box.x, y);
    context.lineTo(box.x + box.width, y);
    context.stroke();
  };
  level(plot.thresholdY, colors.threshold, [4, 3]);
  level(plot.resetY, colors.reset, [1, 3]);
  context.setLineDash([]);
  context.strokeStyle = cssColor(colors.trace);
  context.lineWidth = 1.5;
  context.beginPath();
  for (let i = 0; i < plot.line.length; i += 2) {
    if (i === 0) context.moveTo(plot.line[i], plot.line[i + 1]);
    else context.lineTo(plot.line[i], plot.line[i + 1]);
  }
  context.stroke();
  context.restore();
}
