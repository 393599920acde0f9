// Stage `homeostasis` (cpu/homeostasis.ts, normalize.ts): every adaptive
// threshold decays, theta *= alpha (theta_decay), then each spike of the step
// raises its neuron's by theta_plus (theta_rise), in every copy; on the steps
// where a projection's normalisation period ends, each target's incoming
// weights are scaled to sum to its total (normalize_due); normalize_requested
// does the same for one projection on request.
//
// Normalisation: a workgroup per target. Its threads sum strided shares of
// the target's incoming weights in f32, a tree adds the 64 partial sums, so
// a sum of n weights carries about n / 64 + 6 roundings (the CPU sums in
// f64); then the threads scale the same weights. A plastic projection's
// incoming synapses are its reverse-index column; any other projection has
// no reverse index, so each thread scans whole rows for slots onto the target
// (slots x targets work, in a pass that runs once a period or on request).

@compute @workgroup_size(64)
fn theta_decay(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= net.neuron_count) {
    return;
  }
  let p = populations[population_of(i)];
  if ((p.flags & FLAG_ADAPTIVE) == 0u) {
    return;
  }
  let at = field_at(F_THETA, gid.y * net.neuron_count + i);
  neurons[at] = bitcast<u32>(bitcast<f32>(neurons[at]) * p.theta_alpha);
}

// Threads take the spikes of the step in turn.
@compute @workgroup_size(64)
fn theta_rise(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let copy = gid.y;
  let list = spike_list(copy, tick.step & 1u);
  let count = spikes[list];
  for (var k = gid.x; k < count; k += groups.x * 64u) {
    let i = spikes[list + 1u + k];
    let p = populations[population_of(i)];
    if ((p.flags & FLAG_ADAPTIVE) == 0u) {
      continue;
    }
    let at = field_at(F_THETA, copy * net.neuron_count + i);
    neurons[at] = bitcast<u32>(bitcast<f32>(neurons[at]) + p.theta_plus);
  }
}

var<workgroup> partial_sums: array<f32, 64>;

// Sum of the weights of projection pj onto its target `column` (every thread gets it).
fn incoming_sum(pj: Projection, column: u32, lane: u32) -> f32 {
  var sum = 0.0;
  if (pj.rule != RULE_NONE) {
    let entries = column_entries(pj, column);
    for (var e = entries.x + lane; e < entries.y; e += 64u) {
      sum += weight[reverse[e]];
    }
  } else {
    let post = pj.target_start + column;
    for (var row = lane; row < pj.source_count; row += 64u) {
      let slots = row_slots(pj, row);
      for (var s = slots.x; s < slots.y; s++) {
        if (post_of[s] == post) {
          sum += weight[s];
        }
      }
    }
  }
  partial_sums[lane] = sum;
  workgroupBarrier();
  for (var half = 32u; half > 0u; half >>= 1u) {
    if (lane < half) {
      partial_sums[lane] += partial_sums[lane + half];
    }
    workgroupBarrier();
  }
  let total = partial_sums[0];
  // Every thread has the sum before the next target's partial sums overwrite it.
  workgroupBarrier();
  return total;
}

// The scaled weight, clipped to a plastic projection's bounds (others: to [0, inf), which a weight >= 0 scaled by a factor > 0 already is).
fn scaled(pj: Projection, w: f32, factor: f32) -> f32 {
  let x = w * factor;
  if (pj.rule == RULE_NONE) {
    return x;
  }
  return clamp(x, pj.norm_w_min, pj.norm_w_max);
}

fn normalize_target(j: u32, column: u32, lane: u32) {
  let pj = projections[j];
  let sum = incoming_sum(pj, column, lane);
  // A target that receives nothing keeps its weights (factor 1), clipped as the CPU clips them.
  let factor = select(pj.norm_total / sum, 1.0, sum == 0.0);
  if (pj.rule != RULE_NONE) {
    let entries = column_entries(pj, column);
    for (var e = entries.x + lane; e < entries.y; e += 64u) {
      let s = reverse[e];
      weight[s] = scaled(pj, weight[s], factor);
    }
  } else {
    let post = pj.target_start + column;
    for (var row = lane; row < pj.source_count; row += 64u) {
      let slots = row_slots(pj, row);
      for (var s = slots.x; s < slots.y; s++) {
        if (post_of[s] == post) {
          weight[s] = scaled(pj, weight[s], factor);
        }
      }
    }
  }
}

// The q-th projection whose normalisation period ends with this step, in projection order.
fn due_projection(q: u32) -> u32 {
  var seen = 0u;
  for (var j = 0u; j < net.projection_count; j++) {
    let every = projections[j].norm_every;
    if (projections[j].normalized != 0u && every > 0u && (tick.step + 1u) % every == 0u) {
      if (seen == q) {
        return j;
      }
      seen++;
    }
  }
  return net.projection_count;
}

// Workgroups take the targets (x) of each due projection (y) in turn.
@compute @workgroup_size(64)
fn normalize_due(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let j = due_projection(wg.y);
  if (j >= net.projection_count) {
    return;
  }
  for (var column = wg.x; column < projections[j].target_count; column += groups.x) {
    normalize_target(j, column, lane);
  }
}

// normalize_request.x: the projection to normalise now; workgroups take its targets in turn.
@compute @workgroup_size(64)
fn normalize_requested(@builtin(workgroup_id) wg: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let j = normalize_request.x;
  for (var column = wg.x; column < projections[j].target_count; column += groups.x) {
    normalize_target(j, column, lane);
  }
}
