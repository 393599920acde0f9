import { PRESETS, validateGenome, type Genome, type GenomeInput } from '@/model';
import { buildConnectome } from '@/sim';
import { CpuEngine } from '@/sim/cpu';
import { learnedState } from '@/export/learned-state';
const genome = (i: GenomeInput): Genome => { const r = validateGenome(i); if (!r.ok) throw new Error('bad'); return r.genome; };
const stat = (xs: number[]) => { const m = xs.reduce((a, b) => a + b, 0) / xs.length; const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)); return `mean ${m.toFixed(4)} sd ${sd.toFixed(4)} (n=${xs.length})`; };
async function main() {
  const E: number[] = [], I: number[] = [];
  for (let s = 1; s <= 20; s++) {
    const g = genome(PRESETS.cuba.genome({ neurons: 1000, seed: s }));
    const c = buildConnectome(g); const e = new CpuEngine(c); e.step(5000); const f = e.takeFrame();
    E.push(f.populationSpikes[0] / c.populations[0].size / 0.5); I.push(f.populationSpikes[1] / c.populations[1].size / 0.5);
  }
  console.log('cuba1000 E', stat(E), 'I', stat(I));
  for (const theta of [true, false]) {
    const input = PRESETS.deprivation.genome({ seed: 1 }) as any;
    if (!theta) input.populations = input.populations.map((p: any) => { const { adaptive_threshold, ...rest } = p; return rest; });
    const g = genome(input);
    const c = buildConnectome(g); const e = new CpuEngine(c); e.step(Math.round(500 / g.dt_ms)); e.takeFrame(); console.log("dt", g.dt_ms);
    const snap = await e.snapshot();
    const st0 = learnedState(g, snap);
    const ee = g.projections.findIndex((p) => p.source === 'E' && p.target === 'E');
    const w0 = st0.projections[ee].weight; console.log(`theta=${theta} start E->E count ${w0.length} mean ${w0.reduce((a, b) => a + b, 0) / w0.length}`);
    const rates: Record<string, number[]> = {}; const wm: number[] = []; const wsd: number[] = [];
    for (let s = 1; s <= 20; s++) {
      const gs = genome({ ...input, seed: s });
      const cs = buildConnectome(gs); const es = new CpuEngine(cs); await es.restore(snap); es.step(Math.round(500 / gs.dt_ms)); const f = es.takeFrame();
      cs.populations.forEach((p, k) => { (rates[p.name] ??= []).push(f.populationSpikes[k] / p.size / 0.5); });
      const w = learnedState(gs, await es.snapshot()).projections[ee].weight;
      const m = w.reduce((a, b) => a + b, 0) / w.length; wm.push(m); wsd.push(Math.sqrt(w.reduce((a, b) => a + (b - m) ** 2, 0) / w.length));
    }
    for (const [k, v] of Object.entries(rates)) console.log(`  ${k}`, stat(v));
    console.log('  w mean', stat(wm), 'w sd', stat(wsd));
  }
}
main();
