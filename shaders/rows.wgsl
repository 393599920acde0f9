// Included by kernels that bind row_end.

// A source neuron's row of projection pj: the slots [x, y) in use (row_end counts them from the row's start).
fn row_slots(pj: Projection, row: u32) -> vec2<u32> {
  let first = pj.slot_start + row * pj.row_capacity;
  return vec2<u32>(first, first + row_end[pj.row_start + row]);
}
