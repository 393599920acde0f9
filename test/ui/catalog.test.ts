/** The stimulus catalog: which sense takes what, the programs stimuli become, and the sensors of the default genome. */
import { describe, expect, it } from 'vitest';
import { parseGenome, PRESETS } from '@/model';
import { builtInItems, digitItems, HELD_PRESENT_MS, programFor, refusal, sensorSites, STREAM_PRESENT_MS, STREAM_REST_MS, type PaletteItem } from '@/ui/stimuli/catalog';

const item = (id: string): PaletteItem => builtInItems().find((i) => i.id === id)!;

describe('the stimulus catalog', () => {
  it('finds the playground sensors on their grids: retina 28 x 28, cochlea 32 x 1, touch 4 x 1', () => {
    const sites = sensorSites(parseGenome(PRESETS.playground.genome({})));
    expect(sites.map((s) => [s.sensor.name, s.shape.width, s.shape.height, s.sensor.encoding])).toEqual([
      ['retina', 28, 28, 'rate'],
      ['cochlea', 32, 1, 'rate'],
      ['touch', 4, 1, 'latency'],
    ]);
  });

  it('takes sights on a retina, sounds on a cochlea, presses on touch pads and noise anywhere; refuses the rest saying where they go', () => {
    expect(refusal(item('disc'), 'retina')).toBeNull();
    expect(refusal(item('tone-1000'), 'cochlea')).toBeNull();
    expect(refusal(item('touch-2'), 'touch')).toBeNull();
    expect(['retina', 'cochlea', 'touch'].map((sense) => refusal(item('noise'), sense as 'retina'))).toEqual([null, null, null]);
    expect(refusal(item('tone-250'), 'retina')).toBe('250 Hz tone goes on a cochlea, not on a retina');
    expect(refusal(item('disc'), 'touch')).toBe('Disc goes on a retina, not on touch pads');
  });

  it(`holds a single stimulus (presented every ${HELD_PRESENT_MS} ms, no rest) and streams the digits (${STREAM_PRESENT_MS} ms on, ${STREAM_REST_MS} ms rest, looping)`, () => {
    const held = programFor(item('bar-vertical'), { width: 28, height: 28 });
    expect([held.patterns.length, held.patterns[0].length, held.presentMs, held.restMs, held.loop]).toEqual([1, 784, HELD_PRESENT_MS, 0, true]);
    const images = [new Uint8Array(784).fill(255), new Uint8Array(784)];
    const items = digitItems(images, Uint8Array.of(0, 1));
    expect(items.map((i) => i.label)).toEqual(['Digit 0', 'Digit 1', 'Digit stream (2, looping)']);
    const program = programFor(items[2], { width: 14, height: 14 });
    expect([program.patterns.length, program.patterns[0][0], program.patterns[1][0], program.presentMs, program.restMs]).toEqual([2, 1, 0, STREAM_PRESENT_MS, STREAM_REST_MS]);
  });

  it('presses one touch pad: pad 3 of 4 lights only the fourth neuron', () => {
    expect(Array.from(programFor(item('touch-3'), { width: 4, height: 1 }).patterns[0])).toEqual([0, 0, 0, 1]);
  });
});
