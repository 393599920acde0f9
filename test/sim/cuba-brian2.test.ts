/**
 * Our CPU engine against Brian2 on CUBA (Vogels & Abbott 2005, Brian2's
 * examples/CUBA.py): N = 4,000, 1 s. Brian2 does not run here; its figures
 * were recorded with
 *
 *   for s in $(seq 1 20); do
 *     /usr/bin/python3 bench/brian2/cuba.py --neurons 4000 --duration 1 --seed $s --mode cpp_standalone
 *   done
 *
 * (Brian2 2.5.1): mean rates 5.2305 .. 6.0803 Hz over the 20 seeds, mean
 * 5.579 Hz, seed-to-seed sd 0.212 Hz, kept in src/cli/cuba-reference.ts.
 * `npm run bench` repeats the comparison live.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BRIAN2_CUBA_4000_MEAN_HZ,
  BRIAN2_CUBA_4000_RATES_HZ,
  BRIAN2_CUBA_4000_SD_HZ,
  checkCubaRate,
  cubaRateToleranceHz,
} from '@/cli/cuba-reference';
import { cubaGenome, CUBA_IN_DEGREE, parseGenome } from '@/model';
import { buildConnectome } from '@/sim';
import { CpuEngine } from '@/sim/cpu';

const NEURONS = 4000;
const STEPS = 10_000; // 1 s at dt = 0.1 ms

function runCuba() {
  const connectome = buildConnectome(parseGenome(cubaGenome(NEURONS, 1)));
  const engine = new CpuEngine(connectome, { recordSpikes: false });
  engine.step(STEPS);
  const frame = engine.takeFrame();
  const spikes = frame.populationSpikes.reduce((a, b) => a + b, 0);
  return { spikes, rateHz: spikes / NEURONS, events: frame.synapticEvents };
}

describe('CUBA, N = 4,000, 1 s: our CPU engine against Brian2 2.5.1', () => {
  let ours: ReturnType<typeof runCuba>;
  beforeAll(() => {
    ours = runCuba();
  });

  it('uses the recorded Brian2 figures: 20 seeds, mean 5.579 Hz, sd 0.212 Hz; tolerance 3 sd x sqrt(1 + 1/20) = 0.652 Hz', () => {
    expect(BRIAN2_CUBA_4000_RATES_HZ).toHaveLength(20);
    expect(BRIAN2_CUBA_4000_MEAN_HZ).toBeCloseTo(5.5785, 4);
    expect(BRIAN2_CUBA_4000_SD_HZ).toBeCloseTo(0.2121, 4);
    expect(cubaRateToleranceHz(20)).toBeCloseTo(0.652, 3);
  });

  it("fires at Brian2's mean rate, 5.579 Hz, within 0.652 Hz (one more realisation of the random network)", () => {
    const check = checkCubaRate(ours.rateHz, BRIAN2_CUBA_4000_MEAN_HZ, BRIAN2_CUBA_4000_RATES_HZ.length);
    expect(Math.abs(check.differenceHz)).toBeLessThanOrEqual(check.toleranceHz);
    expect(check.agrees).toBe(true);
  });

  it(`delivers each spike to ${CUBA_IN_DEGREE} synapses on average (Brian2 seed 1: 1,801,466 events / 22,463 spikes = 80.2), within 2`, () => {
    expect(Math.abs(ours.events / ours.spikes - CUBA_IN_DEGREE)).toBeLessThan(2);
  });
});
