// Stage `structure` and the globals buffer (cpu/structure.ts,
// negative-drive.ts): `enter`, before the step's edits, copies the
// structural totals into the stage's buffer, where structure-edits.wgsl
// counts its events, and updates each negative drive with the step's spikes,
// marking its crossings there; `leave`, after the edits, copies the totals
// back, where frames and snapshots read them. A drive's update depends on
// nothing the edits change before it on the CPU (its alive count, the
// spikes, the aversion level), so all of them can come first.

// Spikes of population p in this step (copy 0).
fn spikes_in(p: u32) -> u32 {
  let list = spike_list(0u, tick.step & 1u);
  let start = populations[p].start;
  let end = populations[p].end;
  var count = 0u;
  for (var k = 0u; k < spikes[list]; k++) {
    let i = spikes[list + 1u + k];
    count += select(0u, 1u, i >= start && i < end);
  }
  return count;
}

// D <- D alpha + A spikes / alive, in doubles rounded to f32; whether it reached the threshold (D is then 0).
fn drive_crossed(p: u32) -> bool {
  let c = structure_populations[p];
  let alive = alive_count(p);
  let at = net.drive_offset + p;
  var gain = f64_zero(0u);
  if (alive > 0u) {
    gain = f64_div_u32(f64_mul(f64_from_f32_bits(globals[structure_meta.aversion]), f64_from_u32(spikes_in(p))), alive);
  }
  let next = f64_to_f32_bits(f64_add(f64_mul(f64_from_f32_bits(globals[at]), f64_from_f32_bits(bitcast<u32>(c.drive_alpha))), gain));
  let crossed = !f32_bits_less(next, bitcast<u32>(c.drive_threshold));
  globals[at] = select(next, 0u, crossed);
  return crossed;
}

// The totals in, and each negative drive updated, its crossing marked.
@compute @workgroup_size(1)
fn enter() {
  // A (low, high) pair per event kind: grown, pruned, born.
  for (var k = 0u; k < 6u; k++) {
    structure[structure_meta.totals_start + k] = globals[net.totals_offset + k];
  }
  for (var p = 0u; p < net.population_count; p++) {
    if (structure_populations[p].has_drive != 0u) {
      structure[structure_meta.crossed_start + p] = select(0u, 1u, drive_crossed(p));
    }
  }
}

// The totals back.
@compute @workgroup_size(1)
fn leave() {
  for (var k = 0u; k < 6u; k++) {
    globals[net.totals_offset + k] = structure[structure_meta.totals_start + k];
  }
}
