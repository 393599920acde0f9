// Stage `plasticity` (cpu/plasticity.ts, trace.ts, stdp.ts, diehl-cook.ts,
// vogels.ts), four dispatches in the CPU's order: every kept trace decays to
// step t (trace_decay); each spike of t walks the rows of its plastic
// projections as presynaptic (pre); each spike of t walks its reverse-index
// columns as postsynaptic (post); the spikes of t enter the traces
// (trace_spikes). A slot is touched by one row in `pre` and by one column in
// `post`, so neither pass has a write conflict. Weights are shared by the
// copies: the spikes of copy 0 change them; every copy keeps its traces.

// cpu/trace.ts TraceMode.
const TRACE_NONE: u32 = 0u;
const TRACE_ADD: u32 = 1u;

fn trace_at(at: u32) -> f32 {
  return bitcast<f32>(neurons[field_at(F_TRACE, at)]);
}

// A rule's change: into the eligibility when a modulator gates the projection, else into the weight, clipped.
fn apply_change(pj: Projection, s: u32, w: f32, dw: f32) {
  if (pj.modulated != 0u) {
    eligibility[s] += dw;
  } else {
    weight[s] = clamp(w + dw, pj.w_min, pj.w_max);
  }
}

// The presynaptic neuron of slot s: its row within the projection.
fn source_of_slot(pj: Projection, s: u32) -> u32 {
  return pj.source_start + (s - pj.slot_start) / pj.row_capacity;
}

// (w_max - w)^mu as cpu/diehl-cook.ts computes it: exp(mu ln(w_max - w)), 0 at w = w_max, 1 for mu = 0.
fn weight_dependence(pj: Projection, w: f32) -> f32 {
  if (pj.mu == 0.0) {
    return 1.0;
  }
  let room = pj.w_max - w;
  if (room <= 0.0) {
    return 0.0;
  }
  return exp(pj.mu * log(room));
}

@compute @workgroup_size(64)
fn trace_decay(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= net.neuron_count) {
    return;
  }
  let p = populations[population_of(i)];
  if (p.trace_mode == TRACE_NONE) {
    return;
  }
  let at = field_at(F_TRACE, gid.y * net.neuron_count + i);
  neurons[at] = bitcast<u32>(bitcast<f32>(neurons[at]) * p.trace_alpha);
}

// Pre spike: STDP dw = -a_minus (additive: w_max; multiplicative: w - w_min) x_post, skipped where x_post = 0;
// Vogels dw = eta (x_post - alpha). Workgroups take spikes in turn, their threads the slots of a row.
@compute @workgroup_size(64)
fn pre(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let list = spike_list(0u, tick.step & 1u);
  let count = spikes[list];
  for (var k = wg.x; k < count; k += groups.x) {
    let source = spikes[list + 1u + k];
    let population = population_of(source);
    for (var j = 0u; j < net.projection_count; j++) {
      let pj = projections[j];
      if (pj.source_population != population || (pj.rule != RULE_STDP && pj.rule != RULE_VOGELS)) {
        continue;
      }
      let row = source - pj.source_start;
      let slots = row_slots(pj, row);
      for (var s = slots.x + lane; s < slots.y; s += 64u) {
        let post = post_of[s];
        if (post == EMPTY_SLOT) {
          continue;
        }
        let x_post = trace_at(post);
        let w = weight[s];
        if (pj.rule == RULE_VOGELS) {
          weight[s] = clamp(w + pj.eta * (x_post - pj.vogels_alpha), pj.w_min, pj.w_max);
        } else if (x_post != 0.0) {
          let scale = select(pj.w_max, w - pj.w_min, pj.multiplicative != 0u);
          apply_change(pj, s, w, -pj.a_minus * scale * x_post);
        }
      }
    }
  }
}

// Post spike, over the reverse-index column of each plastic projection into its population:
// STDP dw = a_plus (additive: w_max; multiplicative: w_max - w) x_pre, skipped where x_pre = 0;
// Diehl & Cook dw = eta_post (x_pre - x_tar) (w_max - w)^mu; Vogels dw = eta x_pre, skipped where x_pre = 0.
@compute @workgroup_size(64)
fn post(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let list = spike_list(0u, tick.step & 1u);
  let count = spikes[list];
  for (var k = wg.x; k < count; k += groups.x) {
    let target_neuron = spikes[list + 1u + k];
    let population = population_of(target_neuron);
    for (var j = 0u; j < net.projection_count; j++) {
      let pj = projections[j];
      if (pj.target_population != population || pj.rule == RULE_NONE) {
        continue;
      }
      let column = target_neuron - pj.target_start;
      let entries = column_entries(pj, column);
      for (var e = entries.x + lane; e < entries.y; e += 64u) {
        let s = reverse[e];
        let x_pre = trace_at(source_of_slot(pj, s));
        let w = weight[s];
        if (pj.rule == RULE_DIEHL_COOK) {
          apply_change(pj, s, w, pj.eta_post * (x_pre - pj.x_tar) * weight_dependence(pj, w));
        } else if (x_pre != 0.0) {
          if (pj.rule == RULE_VOGELS) {
            weight[s] = clamp(w + pj.eta * x_pre, pj.w_min, pj.w_max);
          } else {
            let scale = select(pj.w_max, pj.w_max - w, pj.multiplicative != 0u);
            apply_change(pj, s, w, pj.a_plus * scale * x_pre);
          }
        }
      }
    }
  }
}

// The spikes of t enter their traces (add: x + 1, set: x = 1), every copy; threads take spikes in turn.
@compute @workgroup_size(64)
fn trace_spikes(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let copy = gid.y;
  let list = spike_list(copy, tick.step & 1u);
  let count = spikes[list];
  for (var k = gid.x; k < count; k += groups.x * 64u) {
    let i = spikes[list + 1u + k];
    let mode = populations[population_of(i)].trace_mode;
    if (mode == TRACE_NONE) {
      continue;
    }
    let at = field_at(F_TRACE, copy * net.neuron_count + i);
    neurons[at] = bitcast<u32>(select(1.0, bitcast<f32>(neurons[at]) + 1.0, mode == TRACE_ADD));
  }
}
