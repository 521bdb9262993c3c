/**
 * Seeded pseudo-random numbers for reproducible runs.
 *
 * Generator: xoshiro128** 1.1 — D. Blackman and S. Vigna, "Scrambled Linear
 * Pseudorandom Number Generators", 2018 (ACM TOMS 47(4), 2021;
 * https://prng.di.unimi.it/xoshiro128starstar.c). 128-bit state, period
 * 2^128 - 1, 32-bit outputs, using only 32-bit operations (Math.imul, shifts),
 * which V8 keeps in integer registers.
 *
 * Seeding: a (seed, stream name) pair is reduced to two 32-bit words — the low
 * 32 bits of the seed, and an FNV-1a hash of the seed's high bits followed by
 * the stream name's UTF-16 code units — and expanded to the 128-bit state with
 * the splitmix32 output function (the 32-bit analogue of SplitMix64, Steele,
 * Lea & Flood 2014, with the "lowbias32" mixer from C. Wellons' hash
 * prospector). The mixer is a bijection, so distinct (low seed, hash) pairs
 * always give distinct states. The first output is discarded (see the constructor). Each named stream therefore has its own state:
 * drawing from stream "failures" never shifts the numbers of stream "jobs".
 */

import { dmath } from './math';

const TWO_POW_32 = 2 ** 32;
const GOLDEN_GAMMA = 0x9e3779b9;
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** `seed`: any safe integer; `stream`: name of an independent sub-stream ("" by default). */
  constructor(seed: number, stream = '') {
    if (!Number.isSafeInteger(seed)) {
      throw new RangeError(`Rng: seed must be a safe integer, got ${seed}`);
    }
    const low = seed | 0;
    const high = Math.floor(seed / TWO_POW_32) | 0;
    let hash = fnv1aWord(FNV_OFFSET_BASIS, high);
    for (let i = 0; i < stream.length; i++) {
      hash = Math.imul(hash ^ stream.charCodeAt(i), FNV_PRIME);
    }
    this.s0 = splitmix32(low);
    this.s1 = splitmix32(hash);
    this.s2 = splitmix32(low ^ this.s1);
    this.s3 = splitmix32(hash ^ this.s0);
    // xoshiro's only fixed point is the all-zero state.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    // xoshiro128**'s first output is a function of s1 alone, and s1 of the hash alone: without this
    // discarded word, the first draw of every stream ignored the seed's low 32 bits — each unit's first
    // failure time and each arrival stream's first gap were the same for every seed below 2^32 (a Monte
    // Carlo study of replicates seeded 1, 2, 3 … drew the same first failure everywhere).
    this.nextUint32();
  }

  /** Independent named stream of the same experiment seed, e.g. `Rng.stream(seed, 'failures')`. */
  static stream(seed: number, name: string): Rng {
    return new Rng(seed, name);
  }

  /** Next raw 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2 ^ s0;
    const s3 = this.s3 ^ s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    this.s0 = s0 ^ s3;
    this.s1 = s1 ^ s2;
    this.s2 = s2 ^ (s1 << 9);
    this.s3 = rotl(s3, 11);
    return result >>> 0;
  }

  /**
   * Uniform in [0, 1) from ONE 32-bit draw: resolution 2^-32, one draw per
   * call keeps stream positions easy to reason about. (Consequence: the
   * exponential tail is truncated at 32 ln 2 ≈ 22.2 means, probability 2^-32.)
   */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in [a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /** Exponential with the given mean, by inversion; 1 - u lies in (0, 1] so the log is finite. */
  exponential(mean: number): number {
    return -mean * dmath.log(1 - this.next());
  }

  /**
   * Normal by Box-Muller, two draws per sample. The second variate is
   * discarded rather than cached so every call consumes exactly two draws.
   */
  normal(mean: number, sd: number): number {
    const radius = Math.sqrt(-2 * dmath.log(1 - this.next()));
    return mean + sd * radius * dmath.cos(2 * Math.PI * this.next());
  }

  /** Uniform integer in [0, n) for integer 1 <= n <= 2^32, unbiased by rejection. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`Rng.int: n must be an integer in [1, 2^32], got ${n}`);
    }
    // Accept only draws below the largest multiple of n, so `% n` is exact.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** splitmix32 output: one Weyl step then the lowbias32 mixer (a bijection on 32-bit words). */
function splitmix32(x: number): number {
  let z = (x + GOLDEN_GAMMA) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return z ^ (z >>> 15);
}

/** FNV-1a over the four little-endian bytes of a 32-bit word. */
function fnv1aWord(hash: number, word: number): number {
  for (let shift = 0; shift < 32; shift += 8) {
    hash = Math.imul(hash ^ ((word >>> shift) & 0xff), FNV_PRIME);
  }
  return hash;
}
