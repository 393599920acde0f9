import { describe, expect, it } from 'vitest';
import { dotStride, GROUP_PADDING_PX, LABEL_HEIGHT_PX, layoutConnectome, MAX_DOTS_PER_POPULATION, sunflower } from '@/render/connectome-layout';
import { populations } from './fixtures';

const network = populations([
  { name: 'retina', size: 100, role: 'sensor' },
  { name: 'exc', size: 400, capacity: 500 },
  { name: 'inh', size: 100, sign: 'inhibitory' },
  { name: 'out', size: 10, role: 'output' },
]);

describe('layoutConnectome', () => {
  it('puts sensors left, hidden populations centre and outputs right: column centres 150, 450, 750 px of 900', () => {
    const { groups } = layoutConnectome(network, 900, 600);
    expect(groups.map((g) => g.x)).toEqual([150, 450, 450, 750]);
    // The two hidden discs are stacked, exc above inh, without overlap (label room between).
    expect(groups[2].y - groups[2].radius - LABEL_HEIGHT_PX).toBeGreaterThanOrEqual(groups[1].y + groups[1].radius);
  });

  it('scales discs by sqrt(capacity): the largest (500) fills its column less padding, r = (300 - 2 x 12) / 2 = 138 px; 100 neurons get 138 sqrt(100/500) = 61.7 px', () => {
    const { groups } = layoutConnectome(network, 900, 600);
    expect(groups[1].radius).toBeCloseTo((300 - 2 * GROUP_PADDING_PX) / 2, 4);
    expect(groups[0].radius).toBeCloseTo(138 * Math.sqrt(100 / 500), 4);
    // 10 outputs would get 138 sqrt(10/500) = 19.5 px; the floor is 0.3 of the largest, 41.4 px.
    expect(groups[3].radius).toBeCloseTo(0.3 * 138, 4);
  });

  it('keeps every neuron inside its disc and every disc with its label inside the box', () => {
    for (const [width, height] of [
      [900, 600],
      [300, 1000],
      [1600, 200],
    ]) {
      const layout = layoutConnectome(network, width, height);
      for (const p of network) {
        const g = layout.groups[p.index];
        expect(g.x - g.radius).toBeGreaterThanOrEqual(0);
        expect(g.x + g.radius).toBeLessThanOrEqual(width);
        expect(g.y - g.radius - LABEL_HEIGHT_PX).toBeGreaterThanOrEqual(0);
        expect(g.y + g.radius).toBeLessThanOrEqual(height + 1e-9);
        for (let n = p.start; n < p.start + p.capacity; n++) {
          expect(Math.hypot(layout.x[n] - g.x, layout.y[n] - g.y)).toBeLessThanOrEqual(g.radius + 1e-3);
        }
      }
    }
  });

  it('is deterministic: the same populations and size give the same positions', () => {
    const a = layoutConnectome(network, 900, 600);
    const b = layoutConnectome(network, 900, 600);
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
  });

  it('places sunflower point k of n at radius r sqrt((k + 1/2) / n), turned k golden angles (137.5 deg)', () => {
    const [x0, y0] = sunflower(0, 1, 10);
    expect(x0).toBeCloseTo(10 * Math.sqrt(0.5), 9);
    expect(y0).toBeCloseTo(0, 9);
    const [x1, y1] = sunflower(1, 4, 10);
    expect(Math.hypot(x1, y1)).toBeCloseTo(10 * Math.sqrt(1.5 / 4), 9);
    expect(Math.atan2(y1, x1)).toBeCloseTo((137.5077640500378 * Math.PI) / 180, 9);
  });

  it('draws 10,000 neurons as every 5th: stride ceil(10000 / 2000) = 5, 2,000 dots, each standing for 5 neighbours', () => {
    const big = populations([
      { name: 'retina', size: 784, role: 'sensor' },
      { name: 'exc', size: 10_000 },
      { name: 'out', size: 10, role: 'output' },
    ]);
    const layout = layoutConnectome(big, 1200, 800);
    const g = layout.groups[1];
    expect(dotStride(10_000)).toBe(5);
    expect(g.stride).toBe(5);
    expect(g.dots).toBe(MAX_DOTS_PER_POPULATION);
    expect(layout.dotNeuron.length).toBe(784 + 2000 + 10);
    expect(layout.dotNeuron[g.firstDot + 3]).toBe(784 + 15);
    // Neurons 15..19 of exc share dot 3's position.
    for (let j = 15; j < 20; j++) expect([layout.x[784 + j], layout.y[784 + j]]).toEqual([layout.x[784 + 15], layout.y[784 + 15]]);
    expect(layout.x.every(Number.isFinite) && layout.y.every(Number.isFinite)).toBe(true);
  });

  it('collapses to zero-size discs, with no NaN, in a 0 x 0 box', () => {
    const layout = layoutConnectome(network, 0, 0);
    expect(layout.groups.every((g) => g.radius === 0)).toBe(true);
    expect(layout.x.every(Number.isFinite) && layout.y.every(Number.isFinite)).toBe(true);
  });

  it('lays out no populations as an empty picture', () => {
    const layout = layoutConnectome([], 800, 600);
    expect(layout.groups).toEqual([]);
    expect(layout.dotNeuron.length).toBe(0);
  });
});
