// Stage `structure`'s edits (cpu/structure.ts and the files it calls):
// after step t, each structural projection whose period ends at t is pulled
// toward zero, pruned and grown (prune.ts, grow.ts: entry point `periodic`);
// each negative drive that crossed its threshold in this step grows synapses
// and may give birth (negative-drive.ts: `drive`); births by rate follow
// their schedule (neurogenesis.ts: `births`), and each newborn is wired
// (newborn-wiring.ts). Every event is counted in the totals and offered to
// the frame's sample (structure-events.ts). The totals and the crossings
// are in the stage's buffer, where structure-globals.wgsl put them.
//
// The edits are sequential (an attempt depends on the slots the previous one
// filled), so one invocation makes them in the CPU's order with the CPU's
// Philox draws; where the CPU computes in doubles, so does this kernel,
// exactly (doubles.wgsl). The two engines make the same edits.
//
// A GPU compiler inlines every call, and SwiftShader's time grows faster than
// the code: loops whose body holds a large call run their trip count from a
// uniform, so they are not unrolled.

// ---- The state ----

fn trace_of(i: u32) -> f32 {
  return bitcast<f32>(neurons[field_at(F_TRACE, i)]);
}

fn list_at(k: u32) -> u32 {
  return structure_meta.list_start + k;
}

// ---- Events (structure-events.ts) ----

// Events since the start, all kinds: a 64-bit count (low, high).
fn events_since_start() -> vec2<u32> {
  var lo = 0u;
  var hi = 0u;
  for (var kind = 0u; kind < 3u; kind++) {
    let at = structure_meta.totals_start + 2u * kind;
    let sum = lo + structure[at];
    hi += structure[at + 1u] + select(0u, 1u, sum < lo);
    lo = sum;
  }
  return vec2<u32>(lo, hi);
}

// Counts an event and offers it to the frame's reservoir sample (algorithm R, keyed by the event's number since the start).
fn record_event(kind: u32, pre: u32, post: u32) {
  let sample = 1u + structure[0] * (2u + 3u * structure_meta.sample_size);
  let k = structure[sample];
  structure[sample] = k + 1u;
  var place = k;
  if (k >= structure_meta.sample_size) {
    let n = events_since_start();
    let words = philox(vec4<u32>(n.x, n.y, 0u, 10u), vec2<u32>(net.seed, STREAM_STRUCTURE));
    place = uniform_index(words.x, words.y, k + 1u);
  }
  if (place < structure_meta.sample_size) {
    let at = sample + 2u + 3u * place;
    structure[at] = kind;
    structure[at + 1u] = pre;
    structure[at + 2u] = post;
    if (place == structure[sample + 1u]) {
      structure[sample + 1u] = place + 1u;
    }
  }
  let at = structure_meta.totals_start + 2u * kind;
  let low = structure[at] + 1u;
  structure[at] = low;
  if (low == 0u) {
    structure[at + 1u] += 1u;
  }
}

// ---- Slots and the reverse index (synapse-slots.ts, reverse-index.ts) ----

fn row_first(j: u32, row: u32) -> u32 {
  return projections[j].slot_start + row * projections[j].row_capacity;
}

// The row's first empty slot: a hole below rowEnd, else slot rowEnd; NONE when full.
fn free_slot(j: u32, row: u32) -> u32 {
  let first = row_first(j, row);
  let used = row_end[projections[j].row_start + row];
  for (var s = first; s < first + used; s++) {
    if (post_of[s] == EMPTY_SLOT) {
      return s;
    }
  }
  return select(NONE, first + used, used < projections[j].row_capacity);
}

fn is_connected(j: u32, row: u32, post: u32) -> bool {
  let first = row_first(j, row);
  for (var s = first; s < first + row_end[projections[j].row_start + row]; s++) {
    if (post_of[s] == post) {
      return true;
    }
  }
  return false;
}

fn target_has_room(j: u32, post: u32) -> bool {
  let pj = projections[j];
  return structure_projections[j].has_columns == 0u || reverse[pj.count_start + post - pj.target_start] < pj.column_capacity;
}

// Makes row -> post in `slot` (from free_slot), entered in post's column; the caller draws its weight and delay.
fn place_synapse(j: u32, row: u32, slot: u32, post: u32) {
  let pj = projections[j];
  post_of[slot] = post;
  let end = slot - row_first(j, row) + 1u;
  if (end > row_end[pj.row_start + row]) {
    row_end[pj.row_start + row] = end;
  }
  if (structure_projections[j].has_columns != 0u) {
    let column = post - pj.target_start;
    let count = reverse[pj.count_start + column];
    reverse[pj.column_start + column * pj.column_capacity + count] = slot;
    reverse[pj.count_start + column] = count + 1u;
  }
  if (net.eligibility_length > 0u) {
    eligibility[slot] = 0u;
  }
}

// Empties `slot`: it leaves its target's column (the column's last entry takes its place), and rowEnd drops past any empty tail.
fn empty_slot(j: u32, row: u32, slot: u32) {
  let pj = projections[j];
  let post = post_of[slot];
  if (structure_projections[j].has_columns != 0u) {
    let column = post - pj.target_start;
    let first = pj.column_start + column * pj.column_capacity;
    let count = reverse[pj.count_start + column];
    for (var k = first; k < first + count; k++) {
      if (reverse[k] != slot) {
        continue;
      }
      let last = first + count - 1u;
      reverse[k] = reverse[last];
      reverse[last] = 0u;
      reverse[pj.count_start + column] = count - 1u;
      break;
    }
  }
  post_of[slot] = EMPTY_SLOT;
  weight[slot] = 0.0;
  delay[slot] = 0u;
  if (net.eligibility_length > 0u) {
    eligibility[slot] = 0u;
  }
  let first = row_first(j, row);
  var end = row_end[pj.row_start + row];
  while (end > 0u && post_of[first + end - 1u] == EMPTY_SLOT) {
    end--;
  }
  row_end[pj.row_start + row] = end;
}

// ---- Weights and delays of new synapses (build/synapse-values.ts) ----

// drawFromWords of a uniform, min + (max - min) u with u = (word >> 8) 2^-24, in doubles; clipped at 0 and rounded to f32.
fn uniform_weight(min: F64, range: F64, word: u32) -> f32 {
  let x = f64_add(min, f64_mul(range, f64_exact(0u, vec2<u32>(word >> 8u, 0u), -24)));
  if (x.neg == 1u) {
    return 0.0;
  }
  return bitcast<f32>(f64_to_f32_bits(x));
}

// Entries of the ascending table at `start` that are <= m.
fn entries_at_most(start: u32, length: u32, m: u32) -> u32 {
  var lo = 0u;
  var hi = length;
  while (lo < hi) {
    let mid = (lo + hi) / 2u;
    if (structure[start + mid] <= m) {
      lo = mid + 1u;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// Weight and delay of the synapse in `slot`: the growth rule's weight or the projection's own (`wiring`); key (seed, stream), `counter`.
fn draw_synapse_value(j: u32, wiring: bool, slot: u32, stream: u32, counter: vec4<u32>) {
  let sp = structure_projections[j];
  let uniform = select(sp.growth_weight_kind, sp.wiring_weight_kind, wiring) == DRAW_UNIFORM;
  var words = vec4<u32>(0u);
  if (uniform || sp.delay_kind == DRAW_UNIFORM) {
    words = philox(counter, vec2<u32>(net.seed, stream));
  }
  if (uniform) {
    let min = select(vec2<u32>(sp.growth_weight_min_lo, sp.growth_weight_min_hi), vec2<u32>(sp.wiring_weight_min_lo, sp.wiring_weight_min_hi), wiring);
    let range = select(vec2<u32>(sp.growth_weight_range_lo, sp.growth_weight_range_hi), vec2<u32>(sp.wiring_weight_range_lo, sp.wiring_weight_range_hi), wiring);
    weight[slot] = uniform_weight(f64_from_bits(min.x, min.y), f64_from_bits(range.x, range.y), words.x);
  } else {
    weight[slot] = select(sp.growth_weight, sp.wiring_weight, wiring);
  }
  var steps = sp.delay_steps;
  if (sp.delay_kind == DRAW_UNIFORM) {
    steps += entries_at_most(sp.delay_table_start, sp.delay_table_length, words.z >> 8u);
  }
  delay[slot] = steps;
}

// ---- Pruning and growth (prune.ts, grow.ts) ----

fn pull_and_prune(j: u32) {
  let sp = structure_projections[j];
  let pj = projections[j];
  if (sp.pull_per_period == 0.0 && sp.prune_below == 0.0) {
    return;
  }
  let rows = alive_count(pj.source_population);
  for (var row = 0u; row < rows; row++) {
    let first = row_first(j, row);
    // empty_slot may lower rowEnd: read afresh.
    for (var s = first; s < first + row_end[pj.row_start + row]; s++) {
      let post = post_of[s];
      if (post == EMPTY_SLOT) {
        continue;
      }
      let pulled = weight[s] - sp.pull_per_period;
      let w = select(pulled, 0.0, pulled < 0.0);
      if (w < sp.prune_below) {
        empty_slot(j, row, s);
        record_event(EVENT_PRUNED, pj.source_start + row, post);
      } else {
        weight[s] = w;
      }
    }
  }
}

// Up to `attempts` synapses on projection j: a target among those whose trace reaches min_post_trace, four source candidates tried by falling trace.
fn grow(j: u32, attempts: u32, step: u32, tag: u32) {
  let sp = structure_projections[j];
  let pj = projections[j];
  let sources = alive_count(pj.source_population);
  let targets = alive_count(pj.target_population);
  if (attempts == 0u || sources == 0u) {
    return;
  }
  var eligible = 0u;
  for (var t = 0u; t < targets; t++) {
    if (trace_of(pj.target_start + t) >= sp.min_post_trace) {
      structure[list_at(eligible)] = t;
      eligible++;
    }
  }
  if (eligible == 0u) {
    return;
  }
  let key = vec2<u32>(net.seed, STREAM_STRUCTURE);
  // The attempt's candidates, in the scratch of Floyd's marks (wiring a newborn, which uses it, never runs inside growth).
  let drawn = structure_meta.chosen_start;
  for (var a = 0u; a < attempts; a++) {
    let target_words = philox(vec4<u32>(step, j, a, tag), key);
    let t = structure[list_at(uniform_index(target_words.x, target_words.y, eligible))];
    let post = pj.target_start + t;
    if (!target_has_room(j, post)) {
      continue;
    }
    // Draw d of the attempt (the target is d = 0, candidate c is d = c + 1) takes words 2 (d % 2) and 2 (d % 2) + 1 of call d / 2.
    for (var c = 0u; c < structure_meta.source_candidates; c++) {
      let d = c + 1u;
      let words = philox(vec4<u32>(step, j, a, tag + d / 2u), key);
      let pair = select(words.xy, words.zw, (d & 1u) == 1u);
      structure[drawn + c] = uniform_index(pair.x, pair.y, sources);
    }
    // Tried by falling trace, equal traces in draw order (the CPU's stable sort); a tried one is marked NONE.
    for (var k = 0u; k < structure_meta.source_candidates; k++) {
      var best = NONE;
      var best_trace = 0.0;
      for (var c = 0u; c < structure_meta.source_candidates; c++) {
        let candidate = structure[drawn + c];
        if (candidate != NONE && (best == NONE || trace_of(pj.source_start + candidate) > best_trace)) {
          best = c;
          best_trace = trace_of(pj.source_start + candidate);
        }
      }
      let row = structure[drawn + best];
      structure[drawn + best] = NONE;
      if ((sp.skip_self != 0u && row == t) || is_connected(j, row, post)) {
        continue;
      }
      let slot = free_slot(j, row);
      if (slot == NONE) {
        continue;
      }
      place_synapse(j, row, slot, post);
      draw_synapse_value(j, false, slot, STREAM_STRUCTURE, vec4<u32>(step, j, a, tag + 3u));
      record_event(EVENT_GROWN, pj.source_start + row, post);
      break;
    }
  }
}

// ---- Newborn wiring (newborn-wiring.ts) ----

// build/connect-probability.ts geometricSample into the list: candidates 0 .. n - 1 but `skip`, gaps floor(ln u / ln(1 - p)) from the projection's table.
fn geometric_sample(j: u32, n: u32, skip: u32, stream: u32, c0: u32, c1: u32, tag: u32) -> u32 {
  let sp = structure_projections[j];
  var used = 0u;
  if (sp.gap_mode == GAP_NONE) {
    return 0u;
  }
  if (sp.gap_mode == GAP_ALL) {
    for (var c = 0u; c < n; c++) {
      if (c != skip) {
        structure[list_at(used)] = c;
        used++;
      }
    }
    return used;
  }
  // The candidate after the last one chosen or skipped (the CPU's c + 1).
  var next = 0u;
  for (var call = 0u; ; call++) {
    let words = philox(vec4<u32>(c0, c1, call, tag), vec2<u32>(net.seed, stream));
    for (var w = 0u; w < 4u; w++) {
      // floor(G) counts the table's entries above word >> 8 (a prefix: the table does not rise).
      var lo = 0u;
      var hi = sp.gap_table_length;
      let m = words[w] >> 8u;
      while (lo < hi) {
        let mid = (lo + hi) / 2u;
        if (m < structure[sp.gap_table_start + mid]) {
          lo = mid + 1u;
        } else {
          hi = mid;
        }
      }
      let gap = lo;
      if (gap >= n) {
        return used;
      }
      let c = next + gap;
      if (c >= n) {
        return used;
      }
      if (c != skip) {
        structure[list_at(used)] = c;
        used++;
      }
      next = c + 1u;
    }
  }
}

// build/connect-fixed-indegree.ts floydSources into the list: target t's k distinct sources among `candidates`.
fn floyd_sources(j: u32, t: u32, k: u32, candidates: u32, skip: bool) {
  let chosen = structure_meta.chosen_start;
  for (var c = 0u; c < candidates; c++) {
    structure[chosen + c] = NONE;
  }
  var draw = 0u;
  for (var m = candidates - k; m < candidates; m++) {
    let words = philox(vec4<u32>(j, t, draw, 1u), vec2<u32>(net.seed, STREAM_CONNECT));
    let r = uniform_index(words.x, words.y, m + 1u);
    let c = select(r, m, structure[chosen + r] == t);
    structure[chosen + c] = t;
    structure[list_at(draw)] = select(c, c + 1u, skip && c >= t);
    draw++;
  }
}

// The partners newborn i (local) gets in projection j, into the list: its targets when it is the source
// (`outgoing`), its sources when the target; returns how many.
fn partners(j: u32, i: u32, outgoing: bool) -> u32 {
  let sp = structure_projections[j];
  let pj = projections[j];
  let n = alive_count(select(pj.source_population, pj.target_population, outgoing));
  let skip = select(NONE, i, sp.skip_self != 0u);
  switch (sp.wiring) {
    case WIRING_PROBABILITY: {
      return geometric_sample(j, n, skip, select(STREAM_STRUCTURE, STREAM_CONNECT, outgoing), j, i, select(8u, 0u, outgoing));
    }
    case WIRING_FIXED_INDEGREE: {
      // Outgoing: every target already has its k sources (the row waits for growth).
      if (outgoing) {
        return 0u;
      }
      // The pair (i, i) is only excluded where source i exists.
      let skipped = sp.skip_self != 0u && i < n;
      let candidates = n - select(0u, 1u, skipped);
      let k = min(sp.indegree, candidates);
      floyd_sources(j, i, k, candidates, skipped);
      return k;
    }
    case WIRING_ONE_TO_ONE: {
      if (sp.skip_self != 0u || i >= n) {
        return 0u;
      }
      structure[list_at(0u)] = i;
      return 1u;
    }
    default: {
      // Topographic: the pairs in reach of each unborn neuron, ascending, from the table.
      let table = select(sp.incoming_pairs, sp.outgoing_pairs, outgoing);
      var count = 0u;
      for (var at = structure[table + i]; at < structure[table + i + 1u]; at++) {
        let k = structure[at];
        if (k >= n) {
          break;
        }
        structure[list_at(count)] = k;
        count++;
      }
      return count;
    }
  }
}

// Wires newborn i (local) by projection j: each partner in the first free slot of the source's row, where the target's column has room.
fn wire(j: u32, i: u32, outgoing: bool) {
  let pj = projections[j];
  // On a recurrent projection the outgoing pass made the pair (i, i) already, except under fixed in-degree.
  let own_pair_done = !outgoing && pj.source_population == pj.target_population && structure_projections[j].wiring != WIRING_FIXED_INDEGREE;
  let count = partners(j, i, outgoing);
  for (var k = 0u; k < count; k++) {
    let other = structure[list_at(k)];
    if (own_pair_done && other == i) {
      continue;
    }
    let row = select(other, i, outgoing);
    let post = pj.target_start + select(i, other, outgoing);
    // A full column ends the newborn's incoming synapses, a full row its outgoing ones; the other kind is skipped.
    if (!target_has_room(j, post)) {
      if (outgoing) {
        continue;
      }
      return;
    }
    let slot = free_slot(j, row);
    if (slot == NONE) {
      if (outgoing) {
        return;
      }
      continue;
    }
    place_synapse(j, row, slot, post);
    // Outgoing as the builder draws a row's: counter (projection, row, slot, 1) of Stream.synapse; incoming (projection, source, target, 9) of Stream.structure.
    let counter = select(vec4<u32>(j, other, i, 9u), vec4<u32>(j, i, slot - row_first(j, i), 1u), outgoing);
    draw_synapse_value(j, true, slot, select(STREAM_STRUCTURE, STREAM_SYNAPSE, outgoing), counter);
    record_event(EVENT_GROWN, pj.source_start + row, post);
  }
}

// ---- Births (neurogenesis.ts) ----

// The lowest unborn neuron of population p starts from its initial state, alive, and is wired; nothing at capacity.
fn give_birth(p: u32) {
  let pop = populations[p];
  let n = pop.start + alive_count(p);
  if (n >= pop.end) {
    return;
  }
  let v = structure[structure_meta.initial_v_start + n];
  neurons[field_at(F_V, n)] = v;
  var u = 0u;
  if (pop.kind == KIND_IZHIKEVICH) {
    // b v of two f32: exact in doubles, so the CPU's rounding of it is the f32 product's.
    u = bitcast<u32>(pop.b * bitcast<f32>(v));
  }
  neurons[field_at(F_U, n)] = u;
  neurons[field_at(F_GE, n)] = 0u;
  neurons[field_at(F_GI, n)] = 0u;
  neurons[field_at(F_G_E, n)] = 0u;
  neurons[field_at(F_G_I, n)] = 0u;
  neurons[field_at(F_REFRACTORY, n)] = 0u;
  var phase = 0.0;
  if (pop.kind == KIND_SPIKE_SOURCE && (pop.flags & FLAG_REGULAR) != 0u) {
    // state.ts initialPhase.
    phase = to_uniform(philox(vec4<u32>(p, n - pop.start, 1u, 0u), vec2<u32>(net.seed, STREAM_INIT)).x);
  }
  neurons[field_at(F_PHASE, n)] = bitcast<u32>(phase);
  neurons[field_at(F_TRACE, n)] = 0u;
  neurons[field_at(F_THETA, n)] = 0u;
  neurons[field_at(F_ALIVE, n)] = 1u;
  record_event(EVENT_BORN, n, n);
  // Each projection of p in order, outgoing before incoming.
  for (var q = 0u; q < 2u * net.projection_count; q++) {
    let j = q >> 1u;
    let outgoing = (q & 1u) == 0u;
    let pj = projections[j];
    if (select(pj.target_population, pj.source_population, outgoing) == p) {
      wire(j, n - select(pj.target_start, pj.source_start, outgoing), outgoing);
    }
  }
}

// ---- Births by rate and the entry points ----

// floor((t + 1) rate dt) - floor(t rate dt) births in step t.
fn births_due(p: u32, step: u32) -> u32 {
  let per_step = f64_from_bits(structure_populations[p].births_per_step_lo, structure_populations[p].births_per_step_hi);
  var floors = vec2<u32>(0u);
  for (var k = 0u; k < 2u; k++) {
    floors[k] = f64_floor_u32(f64_mul(f64_from_u32(step + k), per_step));
  }
  return floors.y - floors.x;
}

// Each structural projection whose period ends with this step is pulled and pruned, then grown.
@compute @workgroup_size(1)
fn periodic() {
  let step = tick.step;
  for (var j = 0u; j < net.projection_count; j++) {
    let sp = structure_projections[j];
    if (sp.structural == 0u || (step + 1u) % sp.every_steps != 0u) {
      continue;
    }
    pull_and_prune(j);
    grow(j, sp.grow_per_period, step, PERIOD_TAG);
  }
}

// At each crossing of a negative drive, in population order, its incoming projections grow and it may give birth.
@compute @workgroup_size(1)
fn drive() {
  for (var p = 0u; p < net.population_count; p++) {
    let c = structure_populations[p];
    if (c.has_drive == 0u || structure[structure_meta.crossed_start + p] == 0u) {
      continue;
    }
    for (var j = 0u; j < net.projection_count; j++) {
      if (projections[j].target_population == p) {
        grow(j, c.drive_grow, tick.step, DRIVE_TAG);
      }
    }
    if (c.drive_birth != 0u) {
      give_birth(p);
    }
  }
}

// The births due by rate in this step.
@compute @workgroup_size(1)
fn births() {
  for (var p = 0u; p < net.population_count; p++) {
    if (structure_populations[p].has_birth_rate == 0u) {
      continue;
    }
    let due = births_due(p, tick.step);
    for (var k = 0u; k < due; k++) {
      give_birth(p);
    }
  }
}
