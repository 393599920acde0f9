// Stage `record` (cpu/record.ts): the spikes of step t are counted per
// population and per neuron, and, when recording, set their bits in the
// raster ring's row for t (copy 0, which frames carry). One thread writes
// the probed neuron's v after step t into the probe ring (cpu/probe.ts).

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let copy = gid.y;
  if (gid.x == 0u && copy == 0u && net.probe_neuron != NO_PROBE) {
    probe_v[tick.step % PROBE_CAPACITY] = bitcast<f32>(neurons[field_at(F_V, net.probe_neuron)]);
  }
  let list = spike_list(copy, tick.step & 1u);
  let count = spikes[list];
  for (var k = gid.x; k < count; k += net.spike_groups * 64u) {
    let i = spikes[list + 1u + k];
    let at = field_at(F_SPIKE_COUNT, copy * net.neuron_count + i);
    neurons[at] = neurons[at] + 1u;
    if (copy == 0u) {
      atomicAdd(&counters[COUNTER_POPULATION_SPIKES + population_of(i)], 1u);
      if (net.record != 0u) {
        atomicOr(&raster[tick.raster_row * net.raster_words + (i >> 5u)], 1u << (i & 31u));
      }
    }
  }
}
