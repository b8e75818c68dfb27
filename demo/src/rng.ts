/**
 * Deterministic noise: every random-looking number is a hash of (seed, stream, tick), so a
 * sample's value never depends on which other samples were generated before it. That is what
 * lets live mode at time t emit exactly what a backfill holds for t.
 */

/** murmur3's 32-bit finaliser: a bijection on uint32 with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of s, mixed with seed. */
export function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

const TWO32 = 4294967296;

/** A named source of noise. `tick` is any integer (sample index, hour index …). */
export class Noise {
  readonly key: number;

  constructor(seed: number, name: string) {
    this.key = hashString(name, seed);
  }

  bits(tick: number): number {
    return fmix32((this.key + fmix32(tick >>> 0) + Math.floor(tick / TWO32)) >>> 0);
  }

  /** Uniform in [0, 1). */
  unit(tick: number): number {
    return this.bits(tick) / TWO32;
  }

  /** Uniform in [-1, 1). */
  signed(tick: number): number {
    return 2 * this.unit(tick) - 1;
  }

  /** Approximately standard normal: Irwin–Hall of four 16-bit uniforms, scaled to variance 1. */
  normal(tick: number): number {
    const a = this.bits(tick);
    const b = fmix32(a ^ 0x9e3779b9);
    const s = (a & 0xffff) + (a >>> 16) + (b & 0xffff) + (b >>> 16);
    return (s / 65536 - 2) * 1.7320508075688772;
  }

  /**
   * Smooth noise in [-1, 1]: random knots every `period` seconds joined by smoothstep, so it
   * wanders like a real load would instead of jumping each sample.
   */
  smooth(t: number, period: number): number {
    const x = t / period;
    const k = Math.floor(x);
    const f = x - k;
    const s = f * f * (3 - 2 * f);
    const a = this.signed(k);
    const b = this.signed(k + 1);
    return a + (b - a) * s;
  }
}

/** n rounded stochastically to an integer: floor(n + u) with u uniform, so the mean is kept. */
export function stochasticRound(n: number, u: number): number {
  return n <= 0 ? 0 : Math.floor(n + u);
}
