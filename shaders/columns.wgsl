// Included by kernels that bind reverse.

// A target neuron's reverse-index column of a plastic projection pj: the entries [x, y) of `reverse` in use, each a synapse slot.
fn column_entries(pj: Projection, column: u32) -> vec2<u32> {
  let first = pj.column_start + column * pj.column_capacity;
  return vec2<u32>(first, first + reverse[pj.count_start + column]);
}
