/** Small numeric helpers for the workload model. */

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), odd-extended. */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return sign * y;
}

/** Standard normal CDF. */
export function normalCdf(z: number): number {
  return 0.5 * (1 + erf(z / Math.SQRT2));
}

/** The standard normal quantile of 0.95, for "P95 = median · e^(1.645σ)". */
export const Z95 = 1.6448536269514722;

/** P(X ≤ x) for a log-normal X with the given median and log-space sigma. */
export function lognormalCdf(x: number, median: number, sigma: number): number {
  if (x <= 0) {
    return 0;
  }
  return normalCdf(Math.log(x / median) / sigma);
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

export function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}

export function smoothstep(x: number): number {
  const c = clamp(x, 0, 1);
  return c * c * (3 - 2 * c);
}
