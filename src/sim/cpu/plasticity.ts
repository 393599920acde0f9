/**
 * Stage `plasticity`: the spike-driven half of learning. In step t:
 * 1. every kept trace decays to t;
 * 2. each spike of t walks, as presynaptic, the rows of its plastic
 *    projections (depression: STDP, Vogels);
 * 3. each spike of t walks, as postsynaptic, its reverse-index columns
 *    (potentiation: STDP, Diehl & Cook, Vogels);
 * 4. the spikes of t enter the traces.
 * All presynaptic walks come before all postsynaptic ones: a slot is touched
 * by one row in pass 2 and by one column in pass 3, so the GPU runs each pass
 * without write conflicts and gets the same order as this loop.
 */
import { diehlCookPost } from './diehl-cook';
import type { PlasticProjections } from './plastic-projections';
import type { CpuState, SpikeList } from './state';
import { stdpPost, stdpPre } from './stdp';
import { addSpikesToTraces, decayTraces, type Traces } from './trace';
import { vogelsPost, vogelsPre } from './vogels';

export function plasticity(state: CpuState, traces: Traces, plastic: PlasticProjections, populationOf: Uint16Array, spikes: SpikeList): void {
  // No rule reads a trace: nothing to do (a network without plasticity pays nothing).
  if (traces.spans.length === 0) return;
  const { trace } = state;
  decayTraces(trace, traces);
  const { from, into } = plastic;
  const ids = spikes.neuron;
  // Imports read into locals once: tsx and vitest compile an imported binding to a getter, a call per read in the loop.
  const onStdpPre = stdpPre;
  const onStdpPost = stdpPost;
  const onDiehlCookPost = diehlCookPost;
  const onVogelsPre = vogelsPre;
  const onVogelsPost = vogelsPost;
  for (let k = 0; k < spikes.count; k++) {
    const pre = ids[k];
    const rules = from[populationOf[pre]];
    for (let r = 0; r < rules.length; r++) {
      const c = rules[r];
      switch (c.rule) {
        case 'stdp':
          onStdpPre(c, state, pre);
          break;
        case 'vogels':
          onVogelsPre(c, state, pre);
          break;
        case 'diehl_cook':
          // A pre spike only moves its own trace.
          break;
      }
    }
  }
  for (let k = 0; k < spikes.count; k++) {
    const post = ids[k];
    const rules = into[populationOf[post]];
    for (let r = 0; r < rules.length; r++) {
      const c = rules[r];
      switch (c.rule) {
        case 'stdp':
          onStdpPost(c, state, post);
          break;
        case 'diehl_cook':
          onDiehlCookPost(c, state, post);
          break;
        case 'vogels':
          onVogelsPost(c, state, post);
          break;
      }
    }
  }
  addSpikesToTraces(trace, traces, populationOf, spikes);
}
