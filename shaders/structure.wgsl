// Stage `structure` (cpu/structure.ts and the files it calls): its tables,
// constants and state, shared by its two kernels. structure-edits.wgsl makes
// the edits to the connectome (pruning, growth, births, newborn wiring) and
// counts them; structure-globals.wgsl is the stage's only access to the
// globals buffer: it brings in the structural totals, where the edits count,
// and updates each negative drive before the edits, and takes the totals
// back after them. Split so that no kernel binds more than 8 storage buffers,
// WebGPU's default limit per shader stage.

// The stage's tables (src/sim/gpu/stages/structure-layout.ts, field for field).
struct StructureMeta {
  aversion: u32,
  sample_size: u32,
  source_candidates: u32,
  list_start: u32,
  chosen_start: u32,
  initial_v_start: u32,
  totals_start: u32,
  crossed_start: u32,
}

struct StructureProjection {
  skip_self: u32,
  has_columns: u32,
  structural: u32,
  every_steps: u32,
  pull_per_period: f32,
  prune_below: f32,
  grow_per_period: u32,
  min_post_trace: f32,
  growth_weight_kind: u32,
  growth_weight: f32,
  growth_weight_min_lo: u32,
  growth_weight_min_hi: u32,
  growth_weight_range_lo: u32,
  growth_weight_range_hi: u32,
  wiring_weight_kind: u32,
  wiring_weight: f32,
  wiring_weight_min_lo: u32,
  wiring_weight_min_hi: u32,
  wiring_weight_range_lo: u32,
  wiring_weight_range_hi: u32,
  delay_kind: u32,
  delay_steps: u32,
  delay_table_start: u32,
  delay_table_length: u32,
  wiring: u32,
  indegree: u32,
  gap_mode: u32,
  gap_table_start: u32,
  gap_table_length: u32,
  outgoing_pairs: u32,
  incoming_pairs: u32,
  _pad0: u32,
}

struct StructurePopulation {
  has_drive: u32,
  drive_alpha: f32,
  drive_threshold: f32,
  drive_grow: u32,
  drive_birth: u32,
  has_birth_rate: u32,
  births_per_step_lo: u32,
  births_per_step_hi: u32,
}

// Streams of src/sim/rng.ts, StructuralEventKind of src/sim/engine.ts, DrawKind,
// WiringKind and GapMode of structure-layout.ts.
const STREAM_CONNECT: u32 = 1u;
const STREAM_SYNAPSE: u32 = 2u;
const STREAM_INIT: u32 = 3u;
const EVENT_GROWN: u32 = 0u;
const EVENT_PRUNED: u32 = 1u;
const EVENT_BORN: u32 = 2u;
const DRAW_UNIFORM: u32 = 1u;
const WIRING_PROBABILITY: u32 = 0u;
const WIRING_FIXED_INDEGREE: u32 = 1u;
const WIRING_ONE_TO_ONE: u32 = 2u;
const WIRING_TOPOGRAPHIC: u32 = 3u;
const GAP_NONE: u32 = 0u;
const GAP_ALL: u32 = 1u;
// Growth draws tags 0-3 on a projection's period (structure.ts), 4-7 under negative drive (negative-drive.ts).
const PERIOD_TAG: u32 = 0u;
const DRIVE_TAG: u32 = 4u;
// No slot, no neuron: the CPU's -1.
const NONE: u32 = 0xffffffffu;

// ---- The state ----

// Alive neurons of population p: always its first ones (a birth takes the lowest unborn index), so the first unborn one by bisection.
fn alive_count(p: u32) -> u32 {
  var lo = populations[p].start;
  var hi = populations[p].end;
  while (lo < hi) {
    let mid = (lo + hi) / 2u;
    if (neurons[field_at(F_ALIVE, mid)] != 0u) {
      lo = mid + 1u;
    } else {
      hi = mid;
    }
  }
  return lo - populations[p].start;
}
