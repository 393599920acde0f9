// Stage `propagate` (cpu/propagate.ts): each spike of step t walks its
// outgoing rows and adds floor(w 2^16 + 0.5) into the delay ring at slot
// (t + delay) % ring_length of the target's channel. Workgroups take spikes
// in turn, their threads the slots of a row; integer atomics make the sum
// independent of the order.

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let copy = wg.y;
  let n = net.neuron_count;
  let list = spike_list(copy, tick.step & 1u);
  let count = spikes[list];
  let now = tick.step % net.ring_length;
  let ring_base = copy * net.ring_length * CHANNELS * n;
  var events = 0u;
  for (var k = wg.x; k < count; k += net.spike_groups) {
    let source = spikes[list + 1u + k];
    let population = population_of(source);
    for (var j = 0u; j < net.projection_count; j++) {
      let pj = projections[j];
      if (pj.source_population != population) {
        continue;
      }
      let row = source - pj.source_start;
      let slots = row_slots(pj, row);
      for (var s = slots.x + lane; s < slots.y; s += 64u) {
        let post = post_of[s];
        if (post == EMPTY_SLOT) {
          continue;
        }
        var slot = now + delay[s];
        if (slot >= net.ring_length) {
          slot -= net.ring_length;
        }
        atomicAdd(&ring[ring_base + (slot * CHANNELS + pj.channel) * n + post], to_fixed_point(weight[s]));
        events++;
      }
    }
  }
  // One atomic per thread that walked anything (no workgroup barrier: SwiftShader runs those on fibers, slowly).
  if (copy == 0u && events > 0u) {
    let old = atomicAdd(&counters[COUNTER_EVENTS_LO], events);
    if (old + events < old) {
      atomicAdd(&counters[COUNTER_EVENTS_HI], 1u);
    }
  }
}
