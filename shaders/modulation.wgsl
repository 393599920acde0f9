// Stage `modulation` (cpu/modulation.ts): on every modulated projection each
// synapse's eligibility decays, e *= alpha_e, and its weight moves by
// learning_rate dt x M x e (clipped), M the level of the projection's
// modulator in this step (eligibility); then every modulator level decays
// (decay_modulators), a dispatch of its own so no thread reads a level
// another has already decayed. `pulse` adds a requested amount to a level
// between steps.

// The q-th modulated projection, in projection order.
fn modulated_projection(q: u32) -> u32 {
  var seen = 0u;
  for (var j = 0u; j < net.projection_count; j++) {
    if (projections[j].modulated != 0u) {
      if (seen == q) {
        return j;
      }
      seen++;
    }
  }
  return net.projection_count;
}

fn level(modulator: u32) -> f32 {
  return bitcast<f32>(globals[modulator]);
}

// Threads take the slots of a projection's rows in turn (x), a projection per y.
@compute @workgroup_size(64)
fn eligibility_decay(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let pj = projections[modulated_projection(gid.y)];
  let gain = pj.learning_rate_dt * level(pj.modulator);
  let slots = pj.source_count * pj.row_capacity;
  for (var g = gid.x; g < slots; g += groups.x * 64u) {
    let row = g / pj.row_capacity;
    let s = pj.slot_start + g;
    if (g - row * pj.row_capacity >= row_end[pj.row_start + row] || post_of[s] == EMPTY_SLOT) {
      continue;
    }
    let e = eligibility[s] * pj.alpha_eligibility;
    eligibility[s] = e;
    // gain 0 (no modulator) moves no weight: skipping is exact, and the CPU skips too.
    if (gain != 0.0) {
      weight[s] = clamp(weight[s] + gain * e, pj.w_min, pj.w_max);
    }
  }
}

@compute @workgroup_size(64)
fn decay_modulators(@builtin(local_invocation_index) j: u32) {
  if (j < arrayLength(&modulator_decay)) {
    globals[j] = bitcast<u32>(level(j) * modulator_decay[j]);
  }
}

// modulator_pulse: x the modulator's index, y the amount's f32 bits.
@compute @workgroup_size(1)
fn pulse() {
  let j = modulator_pulse.x;
  globals[j] = bitcast<u32>(level(j) + bitcast<f32>(modulator_pulse.y));
}
