// Exact integer and double arithmetic on u32 words, for stage `structure`,
// which computes in doubles where the CPU does: 128-bit integers, IEEE 754
// binary64 rounded to nearest even as JavaScript computes, and the CPU's
// uniform index (build/distributions.ts).

// ---- 128-bit integers (vec4<u32>, lowest word first) ----

// w >> s for s < 128.
fn wide_shr(w: vec4<u32>, s: u32) -> vec4<u32> {
  var v = w;
  if (s >= 64u) {
    v = vec4<u32>(v.zw, 0u, 0u);
  }
  if ((s & 32u) != 0u) {
    v = vec4<u32>(v.yzw, 0u);
  }
  let r = s & 31u;
  if (r != 0u) {
    v = (v >> vec4<u32>(r)) | (vec4<u32>(v.yzw, 0u) << vec4<u32>(32u - r));
  }
  return v;
}

// w << s for s < 128.
fn wide_shl(w: vec4<u32>, s: u32) -> vec4<u32> {
  var v = w;
  if (s >= 64u) {
    v = vec4<u32>(0u, 0u, v.xy);
  }
  if ((s & 32u) != 0u) {
    v = vec4<u32>(0u, v.xyz);
  }
  let r = s & 31u;
  if (r != 0u) {
    v = (v << vec4<u32>(r)) | (vec4<u32>(0u, v.xyz) >> vec4<u32>(32u - r));
  }
  return v;
}

fn wide_add(a: vec4<u32>, b: vec4<u32>) -> vec4<u32> {
  let s = a + b;
  // Each word's carry out of the plain sum, then rippled up.
  let c = select(vec4<u32>(0u), vec4<u32>(1u), s < a);
  let y = s.y + c.x;
  let cy = c.y + select(0u, 1u, y < c.x);
  let z = s.z + cy;
  let cz = c.z + select(0u, 1u, z < cy);
  return vec4<u32>(s.x, y, z, s.w + cz);
}

// a - b for a >= b.
fn wide_sub(a: vec4<u32>, b: vec4<u32>) -> vec4<u32> {
  let d = a - b;
  let c = select(vec4<u32>(0u), vec4<u32>(1u), a < b);
  let y = d.y - c.x;
  let by = c.y + select(0u, 1u, d.y < c.x);
  let z = d.z - by;
  let bz = c.z + select(0u, 1u, d.z < by);
  return vec4<u32>(d.x, y, z, d.w - bz);
}

fn wide_less(a: vec4<u32>, b: vec4<u32>) -> bool {
  if (a.w != b.w) {
    return a.w < b.w;
  }
  if (a.z != b.z) {
    return a.z < b.z;
  }
  if (a.y != b.y) {
    return a.y < b.y;
  }
  return a.x < b.x;
}

fn wide_bit_length(w: vec4<u32>) -> u32 {
  if (w.w != 0u) {
    return 128u - countLeadingZeros(w.w);
  }
  if (w.z != 0u) {
    return 96u - countLeadingZeros(w.z);
  }
  if (w.y != 0u) {
    return 64u - countLeadingZeros(w.y);
  }
  return 32u - countLeadingZeros(w.x);
}

// Whether any of bits 0 .. s - 1 is set, s < 128.
fn wide_low_nonzero(w: vec4<u32>, s: u32) -> bool {
  return s > 0u && any(wide_shl(w, 128u - s) != vec4<u32>(0u));
}

// ---- Doubles: IEEE 754 binary64, round to nearest even, as JavaScript computes ----

// (-1)^neg sig 2^e with sig zero or of exactly 53 bits (sig.y holds bits 32-52). Finite, normal.
struct F64 {
  neg: u32,
  sig: vec2<u32>,
  e: i32,
}

fn f64_zero(neg: u32) -> F64 {
  return F64(neg, vec2<u32>(0u), 0);
}

fn f64_is_zero(a: F64) -> bool {
  return all(a.sig == vec2<u32>(0u));
}

// (-1)^neg x 2^e for x < 2^53 (low, high words): exact.
fn f64_exact(neg: u32, x: vec2<u32>, e: i32) -> F64 {
  if (all(x == vec2<u32>(0u))) {
    return f64_zero(neg);
  }
  let shift = 53u - wide_bit_length(vec4<u32>(x, 0u, 0u));
  return F64(neg, wide_shl(vec4<u32>(x, 0u, 0u), shift).xy, e - i32(shift));
}

// The double nearest (-1)^neg (w + f) 2^e, ties to even, f a fraction in (0, 1) where `sticky`, else 0; w >= 2^53 where sticky.
fn f64_round(neg: u32, w: vec4<u32>, e: i32, sticky: bool) -> F64 {
  let length = wide_bit_length(w);
  if (length <= 53u) {
    return f64_exact(neg, w.xy, e);
  }
  let s = length - 53u;
  var kept = wide_shr(w, s).xy;
  var exponent = e + i32(s);
  let half = (wide_shr(w, s - 1u).x & 1u) == 1u;
  if (half && (sticky || wide_low_nonzero(w, s - 1u) || (kept.x & 1u) == 1u)) {
    kept = wide_add(vec4<u32>(kept, 0u, 0u), vec4<u32>(1u, 0u, 0u, 0u)).xy;
    // Carried into bit 53: 2^53 is 2^52 one exponent up.
    if (kept.y >= (1u << 21u)) {
      kept = vec2<u32>(0u, 1u << 20u);
      exponent += 1;
    }
  }
  return F64(neg, kept, exponent);
}

// A double from its words (the CPU's Float64 bits); subnormal doubles (below 2^-1022, never a genome's) read as 0.
fn f64_from_bits(lo: u32, hi: u32) -> F64 {
  let biased = (hi >> 20u) & 0x7ffu;
  if (biased == 0u) {
    return f64_zero(hi >> 31u);
  }
  return F64(hi >> 31u, vec2<u32>(lo, (hi & 0xfffffu) | 0x100000u), i32(biased) - 1075);
}

// An f32 from its bits (so a subnormal is never flushed) as a double: exact.
fn f64_from_f32_bits(bits: u32) -> F64 {
  let biased = (bits >> 23u) & 0xffu;
  let fraction = bits & 0x7fffffu;
  if (biased == 0u) {
    return f64_exact(bits >> 31u, vec2<u32>(fraction, 0u), -149);
  }
  return f64_exact(bits >> 31u, vec2<u32>(fraction | 0x800000u, 0u), i32(biased) - 150);
}

fn f64_from_u32(n: u32) -> F64 {
  return f64_exact(0u, vec2<u32>(n, 0u), 0);
}

fn f64_mul(a: F64, b: F64) -> F64 {
  let p00 = mul_hi_lo(a.sig.x, b.sig.x);
  let p01 = mul_hi_lo(a.sig.x, b.sig.y);
  let p10 = mul_hi_lo(a.sig.y, b.sig.x);
  let p11 = mul_hi_lo(a.sig.y, b.sig.y);
  var w = wide_add(vec4<u32>(p00.y, p00.x, p11.y, p11.x), vec4<u32>(0u, p01.y, p01.x, 0u));
  w = wide_add(w, vec4<u32>(0u, p10.y, p10.x, 0u));
  return f64_round(a.neg ^ b.neg, w, a.e + b.e, false);
}

fn f64_add(a: F64, b: F64) -> F64 {
  if (f64_is_zero(a) && f64_is_zero(b)) {
    return f64_zero(a.neg & b.neg);
  }
  if (f64_is_zero(b)) {
    return a;
  }
  if (f64_is_zero(a)) {
    return b;
  }
  var x = a;
  var y = b;
  if (b.e > a.e) {
    x = b;
    y = a;
  }
  // x's significand at bits 64-116, y's shifted right by the exponent difference; what falls off is sticky.
  let d = u32(x.e - y.e);
  let big = vec4<u32>(0u, 0u, x.sig);
  let placed = vec4<u32>(0u, 0u, y.sig);
  var small = vec4<u32>(0u);
  var sticky = true;
  if (d < 128u) {
    small = wide_shr(placed, d);
    sticky = wide_low_nonzero(placed, d);
  }
  var neg = x.neg;
  var sum = wide_add(big, small);
  if (x.neg != y.neg) {
    // Opposite signs: |x| > |y| unless the exponents are equal.
    var top = big;
    var bottom = small;
    if (d == 0u && wide_less(big, small)) {
      top = small;
      bottom = big;
      neg = y.neg;
    }
    if (all(top == bottom)) {
      return f64_zero(0u);
    }
    // top - (bottom + f) = (top - bottom - 1) + (1 - f).
    sum = wide_sub(wide_sub(top, bottom), vec4<u32>(select(0u, 1u, sticky), 0u, 0u, 0u));
  }
  return f64_round(neg, sum, x.e - 64, sticky);
}

// a / n for a whole number 1 <= n < 2^24: long division of the significand x 2^64 by n, a byte at a time.
fn f64_div_u32(a: F64, n: u32) -> F64 {
  let dividend = vec4<u32>(0u, 0u, a.sig);
  var quotient = vec4<u32>(0u);
  var r = 0u;
  for (var i = 3i; i >= 0i; i--) {
    var q = 0u;
    for (var b = 0u; b < 4u; b++) {
      // r < n < 2^24: the next byte fits beside it.
      let x = (r << 8u) | ((dividend[i] >> (24u - 8u * b)) & 0xffu);
      q = (q << 8u) | (x / n);
      r = x % n;
    }
    quotient[i] = q;
  }
  return f64_round(a.neg, quotient, a.e - 64, r != 0u);
}

// a < b for two f32 given by their bits, exactly (a subnormal is never flushed; -0 equals 0).
fn f32_bits_less(a: u32, b: u32) -> bool {
  let order = vec2<u32>(a, b) & vec2<u32>(0x7fffffffu);
  let key = select(0x80000000u + order, 0x80000000u - order, (vec2<u32>(a, b) >> vec2<u32>(31u)) == vec2<u32>(1u));
  return key.x < key.y;
}

// Math.fround: the nearest f32's bits, ties to even, subnormals kept.
fn f64_to_f32_bits(a: F64) -> u32 {
  let sign = a.neg << 31u;
  if (f64_is_zero(a)) {
    return sign;
  }
  let top = a.e + 52;
  if (top > 127) {
    return sign | 0x7f800000u;
  }
  // A normal f32 keeps 24 bits; below 2^-126 the last kept bit is 2^-149.
  let drop = u32(select(29, -149 - a.e, top < -126));
  if (drop > 54u) {
    return sign;
  }
  let w = vec4<u32>(a.sig, 0u, 0u);
  var kept = wide_shr(w, drop).x;
  if ((wide_shr(w, drop - 1u).x & 1u) == 1u && (wide_low_nonzero(w, drop - 1u) || (kept & 1u) == 1u)) {
    kept += 1u;
  }
  if (top < -126) {
    return sign | kept;
  }
  // kept has the leading bit, which adds one to the exponent field (and carries on when rounding reached 2^24).
  return sign | ((u32(top + 126) << 23u) + kept);
}

// Math.floor of a double in [0, 2^32), as a u32.
fn f64_floor_u32(a: F64) -> u32 {
  if (a.neg == 1u || f64_is_zero(a) || a.e <= -53) {
    return 0u;
  }
  let w = vec4<u32>(a.sig, 0u, 0u);
  if (a.e >= 0) {
    return wide_shl(w, u32(min(a.e, 127))).x;
  }
  return wide_shr(w, u32(-a.e)).x;
}

// build/distributions.ts uniformIndex(w0, w1, n) = floor(x 2^-53 n) in doubles, x the 53 bits 27 of w0 and 26 of w1 make:
// the exact product X = x n, whose rounding to 53 bits reaches the next multiple of 2^53 within half a unit (ties too: it is even).
fn uniform_index(w0: u32, w1: u32, n: u32) -> u32 {
  let high = w0 >> 5u;
  let low = mul_hi_lo((high << 26u) | (w1 >> 6u), n);
  let upper = mul_hi_lo(high >> 6u, n);
  let x1 = low.x + upper.y;
  let product = vec4<u32>(low.y, x1, upper.x + select(0u, 1u, x1 < low.x), 0u);
  let q = (product.z << 11u) | (product.y >> 21u);
  let length = wide_bit_length(product);
  if (length >= 54u && (product.y & 0x1fffffu) == 0x1fffffu && product.x >= 0u - (1u << (length - 54u))) {
    return q + 1u;
  }
  return q;
}
