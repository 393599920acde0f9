// Shared by every stage: constants of the model, Philox4x32-10 (the CPU's
// src/sim/rng.ts, word for word), fixed-point input, population lookup.

const EMPTY_SLOT: u32 = 0xffffffffu;
const CHANNELS: u32 = 4u;
const FROM_FIXED_POINT: f32 = 1.0 / 65536.0;
const STREAM_INPUT: u32 = 4u;
const STREAM_STRUCTURE: u32 = 5u;

// High and low 32 bits of a 32 x 32-bit product, from 16-bit halves.
fn mul_hi_lo(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu;
  let a1 = a >> 16u;
  let b0 = b & 0xffffu;
  let b1 = b >> 16u;
  let p01 = a0 * b1;
  let p10 = a1 * b0;
  let mid = ((a0 * b0) >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return vec2<u32>(a1 * b1 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u), a * b);
}

fn philox(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = counter;
  var k = key;
  for (var round = 0u; round < 10u; round++) {
    if (round > 0u) {
      k = k + vec2<u32>(0x9e3779b9u, 0xbb67ae85u);
    }
    let r0 = mul_hi_lo(0xd2511f53u, c.x);
    let r1 = mul_hi_lo(0xcd9e8d57u, c.z);
    c = vec4<u32>(r1.x ^ c.y ^ k.x, r1.y, r0.x ^ c.w ^ k.y, r0.y);
  }
  return c;
}

// A u32 as a uniform float in [0, 1) with 24 bits, exact in f32.
fn to_uniform(word: u32) -> f32 {
  return f32(word >> 8u) * (1.0 / 16777216.0);
}

// floor(w 2^16 + 0.5) without the rounding of the addition: w 2^16 is exact.
fn to_fixed_point(w: f32) -> i32 {
  let x = w * 65536.0;
  let f = floor(x);
  return i32(f) + select(0, 1, x - f >= 0.5);
}

// The population of global neuron i (populations are few: a scan).
fn population_of(i: u32) -> u32 {
  for (var p = 0u; p < net.population_count; p++) {
    if (i < populations[p].end) {
      return p;
    }
  }
  return net.population_count - 1u;
}

// Index of field f of neuron `at` (= copy x neuron_count + neuron) in the packed state.
fn field_at(f: u32, at: u32) -> u32 {
  return f * net.field_stride + at;
}

// Start of the spike list of a copy for steps of a parity: count, then neuron indices.
fn spike_list(copy: u32, parity: u32) -> u32 {
  return (copy * 2u + parity) * (net.neuron_count + 1u);
}
