import { describe, expect, it } from 'vitest';
import { MembraneTrace, plotMembrane, potentialY } from '@/render/membrane-plot';

const box = { x: 0, y: 0, width: 100, height: 50 };
/** -80 mV at the bottom (y 50), -40 mV at the top (y 0): 1.25 px per mV. */
const scale = { vMinMv: -80, vMaxMv: -40, thresholdMv: -50, resetMv: -70 };
const held = (trace: MembraneTrace) => Array.from({ length: trace.count }, (_, i) => trace.at(i));

describe('MembraneTrace', () => {
  it('keeps the last 10 ms at dt 1 ms: 10 samples, oldest first, across chunks', () => {
    const trace = new MembraneTrace(10);
    trace.append(Float32Array.from([1, 2, 3, 4]), 1);
    expect(held(trace)).toEqual([1, 2, 3, 4]);
    trace.append(Float32Array.from([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]), 1);
    expect(held(trace)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    // A chunk longer than the window keeps its last 10.
    trace.append(Float32Array.from({ length: 25 }, (_, i) => 100 + i), 1);
    expect(held(trace)).toEqual([115, 116, 117, 118, 119, 120, 121, 122, 123, 124]);
  });

  it('starts afresh when the step changes: 10 ms at 0.5 ms holds 20 samples', () => {
    const trace = new MembraneTrace(10);
    trace.append(Float32Array.from([1, 2, 3]), 1);
    trace.append(Float32Array.from({ length: 30 }, (_, i) => i), 0.5);
    expect(trace.dtMs).toBe(0.5);
    expect(held(trace)).toEqual(Array.from({ length: 20 }, (_, i) => 10 + i));
  });
});

describe('plotMembrane', () => {
  it('puts the newest sample at the right edge and older ones 1 ms x 100 px / 10 ms = 10 px apart, v scaled between the bounds', () => {
    const trace = new MembraneTrace(10);
    trace.append(Float32Array.from([-80, -60, -40]), 1);
    const plot = plotMembrane(trace, box, scale);
    expect(Array.from(plot.line)).toEqual([80, 50, 90, 25, 100, 0]);
    // Threshold -50 mV: 10 mV below the top, 12.5 px; reset -70 mV: 37.5 px.
    expect(plot.thresholdY).toBe(12.5);
    expect(plot.resetY).toBe(37.5);
  });

  it('clamps potentials outside the bounds to the box edges, and offsets by the box origin', () => {
    expect(potentialY(-100, box, scale)).toBe(50);
    expect(potentialY(20, box, scale)).toBe(0);
    expect(potentialY(-60, { x: 5, y: 20, width: 10, height: 40 }, scale)).toBe(40);
  });

  it('keeps a spike when 1,000 samples fall on 10 pixel columns: one point per column, two (peak, then trough) where the spike is', () => {
    const trace = new MembraneTrace(100);
    const v = new Float32Array(1000).fill(-70);
    v[555] = -40;
    v[556] = -80;
    trace.append(v, 0.1);
    const plot = plotMembrane(trace, { x: 0, y: 0, width: 10, height: 50 }, scale);
    const points = Array.from({ length: plot.line.length / 2 }, (_, i) => [plot.line[2 * i], plot.line[2 * i + 1]]);
    // Sample i sits at x = 10 - (999 - i) x 0.01: samples 499..598 are column 5, centre 5.5.
    expect(points).toHaveLength(11);
    expect(points.slice(5, 7)).toEqual([
      [5.5, 0],
      [5.5, 50],
    ]);
    expect(points.filter((_, i) => i < 5 || i > 6).every(([, y]) => y === 37.5)).toBe(true);
  });

  it('plots nothing before the first sample or into a box of width 0', () => {
    const trace = new MembraneTrace(10);
    expect(plotMembrane(trace, box, scale).line.length).toBe(0);
    trace.append(Float32Array.from([-60, -60]), 1);
    expect(plotMembrane(trace, { ...box, width: 0 }, scale).line.length).toBe(0);
  });
});
