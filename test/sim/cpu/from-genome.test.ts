/** The whole path a genome takes: parseGenome -> buildConnectome -> CpuEngine. */
import { describe, expect, it } from 'vitest';
import { balancedGenome, cubaGenome, parseGenome } from '@/model';
import { buildConnectome } from '@/sim';
import { CpuEngine } from '@/sim/cpu';

const grow = (input: unknown) => buildConnectome(parseGenome(input));

describe('CpuEngine on grown networks', () => {
  // Same genome, same seed: the builder and the engine draw only from Philox under that seed.
  it('runs CUBA (N = 4,000, random wiring and initial v) to identical spike trains from two builds of one genome over 1,000 steps', () => {
    const train = () => {
      const engine = new CpuEngine(grow(cubaGenome(4000, 3)));
      engine.step(1_000);
      const frame = engine.takeFrame();
      return { step: Array.from(frame.spikeStep), neuron: Array.from(frame.spikeNeuron), perPopulation: Array.from(frame.populationSpikes) };
    };
    const a = train();
    expect(a.perPopulation.every((n) => n > 0)).toBe(true);
    expect(train()).toEqual(a);
  });

  // The retina's 256 Poisson sources at 20 Hz over 0.2 s: 1,024 spikes expected, sd 32; allow 5 sd.
  it('drives the balanced preset\'s retina at its genome rate: 1,024 spikes from 256 sources at 20 Hz over 0.2 s, within 160', () => {
    const engine = new CpuEngine(grow(balancedGenome(1000, 42)));
    engine.step(2_000);
    expect(Math.abs(engine.takeFrame().populationSpikes[0] - 1024)).toBeLessThan(160);
  });

  // Every spike walks its rows in full: a frame's synaptic events are the sum over its spikes of
  // the spiking neuron's row lengths (rowEnd) over the projections leaving its population.
  it('counts synaptic events equal to the sum over spikes of the builder\'s row lengths (CUBA, N = 4,000, 0.2 s)', () => {
    const connectome = grow(cubaGenome(4000, 1));
    const engine = new CpuEngine(connectome);
    engine.step(2_000);
    const frame = engine.takeFrame();
    let expected = 0;
    for (const neuron of frame.spikeNeuron) {
      const population = connectome.populations[connectome.populationOf[neuron]];
      for (const p of connectome.projections) if (p.source === population.index) expected += connectome.synapses.rowEnd[p.rowStart + neuron - population.start];
    }
    expect(frame.spikeNeuron.length).toBeGreaterThan(1000);
    expect(frame.synapticEvents).toBe(expected);
  });

  it('refuses to restore a snapshot of the balanced preset into a CUBA engine, naming the first array that does not fit', async () => {
    const balanced = new CpuEngine(grow(balancedGenome(1000, 42)));
    const cuba = new CpuEngine(grow(cubaGenome(4000, 1)));
    await expect(cuba.restore(await balanced.snapshot())).rejects.toThrow('array "v" has length 1256, expected 4000');
  });
});
