// Reads for the views (gpu/inspect.ts), between steps. `gather_slots`
// copies what the requested synapse slots hold; `find_incoming` walks a
// projection's slots for synapses onto the requested neurons (a bitset over
// its target population) and appends slot, post and weight to a list,
// counting every one found even past the list's capacity, so the host can
// ask again with room for all. Request: x = projection, y = the list's
// capacity (entries), z = slots to gather.

@compute @workgroup_size(64)
fn gather_slots(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  for (var k = gid.x; k < inspect_request.z; k += groups.x * 64u) {
    let s = inspect_in[k];
    atomicStore(&inspect_out[2u * k], post_of[s]);
    atomicStore(&inspect_out[2u * k + 1u], bitcast<u32>(weight[s]));
  }
}

@compute @workgroup_size(64)
fn find_incoming(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let pj = projections[inspect_request.x];
  let slot_count = pj.source_count * pj.row_capacity;
  for (var g = gid.x; g < slot_count; g += groups.x * 64u) {
    let s = pj.slot_start + g;
    let post = post_of[s];
    if (post == EMPTY_SLOT) {
      continue;
    }
    let j = post - pj.target_start;
    if ((inspect_in[j >> 5u] & (1u << (j & 31u))) == 0u) {
      continue;
    }
    let k = atomicAdd(&inspect_out[0], 1u);
    if (k < inspect_request.y) {
      atomicStore(&inspect_out[1u + 3u * k], s);
      atomicStore(&inspect_out[2u + 3u * k], post);
      atomicStore(&inspect_out[3u + 3u * k], bitcast<u32>(weight[s]));
    }
  }
}
