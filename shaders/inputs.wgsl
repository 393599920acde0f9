// Stage `inputs` (cpu/inputs.ts): spike sources emit their spikes for step t.
// Poisson: neuron i fires when word i % 4 of Philox(key (seed, STREAM_INPUT),
// counter (t, i / 4, copy, 0)) as a uniform is below rate dt. Regular: the
// phase advances by rate dt and fires on reaching 1.

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let copy = gid.y;
  if (i >= net.neuron_count) {
    return;
  }
  let p = populations[population_of(i)];
  if (p.kind != KIND_SPIKE_SOURCE) {
    return;
  }
  let at = copy * net.neuron_count + i;
  if (neurons[field_at(F_ALIVE, at)] == 0u) {
    return;
  }
  let rate = bitcast<f32>(neurons[field_at(F_RATE_HZ, at)]);
  if ((p.flags & FLAG_REGULAR) != 0u) {
    let advance = rate * p.dt_s;
    var phase = bitcast<f32>(neurons[field_at(F_PHASE, at)]) + advance;
    if (phase >= 1.0) {
      phase -= 1.0;
      emit(copy, i);
    }
    neurons[field_at(F_PHASE, at)] = bitcast<u32>(phase);
    return;
  }
  if (rate == 0.0) {
    return;
  }
  let words = philox(vec4<u32>(tick.step, i >> 2u, copy, 0u), vec2<u32>(net.seed, STREAM_INPUT));
  if (to_uniform(words[i & 3u]) < rate * p.dt_s) {
    emit(copy, i);
  }
}
