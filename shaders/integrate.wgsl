// Stage `integrate` (cpu/integrate*.ts): each LIF or Izhikevich neuron takes
// its delay-ring entries for step t (and empties them), integrates over the
// step, fires and resets; the synaptic variables then decay. Thread 0 of
// each copy also empties the spike list the next step will fill.

fn take(k: u32) -> f32 {
  let x = ring[k];
  if (x != 0) {
    ring[k] = 0;
  }
  return f32(x) * FROM_FIXED_POINT;
}

fn read_f32(f: u32, at: u32) -> f32 {
  return bitcast<f32>(neurons[field_at(f, at)]);
}

fn write_f32(f: u32, at: u32, x: f32) {
  neurons[field_at(f, at)] = bitcast<u32>(x);
}

// Brian2's refractoriness: the countdown drops first; the neuron is held while it is still above 0.
fn refractory_holds(at: u32) -> bool {
  let r = bitcast<i32>(neurons[field_at(F_REFRACTORY, at)]);
  if (r == 0) {
    return false;
  }
  neurons[field_at(F_REFRACTORY, at)] = bitcast<u32>(r - 1);
  return r > 1;
}

fn fire(copy: u32, i: u32, at: u32, p: Population) {
  neurons[field_at(F_REFRACTORY, at)] = bitcast<u32>(i32(p.ref_steps));
  emit(copy, i);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let copy = gid.y;
  let n = net.neuron_count;
  if (i == 0u) {
    atomicStore(&spikes[spike_list(copy, (tick.step + 1u) & 1u)], 0u);
  }
  if (i >= n) {
    return;
  }
  let p = populations[population_of(i)];
  if (p.kind == KIND_SPIKE_SOURCE) {
    return;
  }
  let at = copy * n + i;
  let slot = (copy * net.ring_length + tick.step % net.ring_length) * CHANNELS * n + i;
  if (neurons[field_at(F_ALIVE, at)] == 0u) {
    for (var c = 0u; c < CHANNELS; c++) {
      ring[slot + c * n] = 0;
    }
    return;
  }
  let e = read_f32(F_GE, at) + take(slot);
  let inh = read_f32(F_GI, at) + take(slot + n);
  let conductance = p.kind == KIND_IZHIKEVICH || (p.flags & FLAG_CONDUCTANCE) != 0u;
  var g_exc = 0.0;
  var g_inh = 0.0;
  if (conductance) {
    g_exc = read_f32(F_G_E, at) + take(slot + 2u * n);
    g_inh = read_f32(F_G_I, at) + take(slot + 3u * n);
  }
  if (p.kind == KIND_IZHIKEVICH) {
    let v = read_f32(F_V, at);
    let u = read_f32(F_U, at);
    let current = e - inh + p.i_bias + g_exc * (p.e_exc - v) + g_inh * (p.e_inh - v);
    let v_next = v + p.dt_ms * (0.04 * v * v + 5.0 * v + 140.0 - u + current);
    let u_next = u + p.dt_ms * p.a * (p.b * v - u);
    if (v_next >= 30.0) {
      write_f32(F_V, at, p.c);
      write_f32(F_U, at, u_next + p.d);
      emit(copy, i);
    } else {
      write_f32(F_V, at, v_next);
      write_f32(F_U, at, u_next);
    }
  } else if (refractory_holds(at)) {
    write_f32(F_V, at, p.v_reset);
  } else {
    var v_inf = p.v_drive + e - inh;
    var factor = p.alpha_m;
    if (conductance) {
      let g = 1.0 + g_exc + g_inh;
      v_inf = (p.v_drive + e - inh + g_exc * p.e_exc + g_inh * p.e_inh) / g;
      factor = exp(-p.dt_over_tau_m * g);
    }
    let v_next = v_inf + (read_f32(F_V, at) - v_inf) * factor;
    var threshold = p.v_thresh;
    if ((p.flags & FLAG_ADAPTIVE) != 0u) {
      threshold = p.v_thresh + read_f32(F_THETA, at);
    }
    if (v_next >= threshold) {
      write_f32(F_V, at, p.v_reset);
      fire(copy, i, at, p);
    } else {
      write_f32(F_V, at, v_next);
    }
  }
  write_f32(F_GE, at, e * p.alpha_e);
  write_f32(F_GI, at, inh * p.alpha_i);
  if (conductance) {
    write_f32(F_G_E, at, g_exc * p.alpha_e);
    write_f32(F_G_I, at, g_inh * p.alpha_i);
  }
}
