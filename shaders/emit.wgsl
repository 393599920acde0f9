// Appends neuron i to its copy's spike list of this step. The order of a
// list depends on thread scheduling; nothing downstream depends on it
// (input is summed as integers, each plasticity pass touches a slot once).
fn emit(copy: u32, i: u32) {
  let list = spike_list(copy, tick.step & 1u);
  let k = atomicAdd(&spikes[list], 1u);
  atomicStore(&spikes[list + 1u + k], i);
}
