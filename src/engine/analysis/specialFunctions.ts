/** Special functions behind the statistical tests (float64): normal tail, log Γ, incomplete Γ and B. */

/** Upper tail of the standard normal, P(Z > z) = ½·Q(½, z²/2) for z ≥ 0. */
export function normalSf(z: number): number {
  if (Number.isNaN(z)) {
    return Number.NaN;
  }
  if (z === Infinity) {
    return 0;
  }
  if (z === -Infinity) {
    return 1;
  }
  const q = regularizedGammaQ(0.5, (z * z) / 2);
  return z >= 0 ? 0.5 * q : 1 - 0.5 * q;
}

/**
 * log Γ(x) for x > 0: shift x up to ≥ 15 with Γ(x) = Γ(x + m)/(x(x+1)…(x+m−1)), then the Stirling
 * series with Bernoulli terms up to x^−13 (truncation error < 1e−17 there).
 */
export function logGamma(x: number): number {
  if (!(x > 0)) {
    throw new RangeError(`logGamma needs x > 0, got ${x}`);
  }
  let shift = 0;
  let z = x;
  while (z < 15) {
    shift += Math.log(z);
    z += 1;
  }
  const inv2 = 1 / (z * z);
  const series =
    (1 / z) *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 *
            (1 / 1260 +
              inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 / 156))))));
  return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series - shift;
}

export function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

const EPS = 1e-15;
const TINY = 1e-300;
const MAX_ITER = 100_000;

/** Q(a, x) = Γ(a, x)/Γ(a): series for x < a + 1, continued fraction otherwise (NR §6.2). */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) {
    return 1;
  }
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITER && Math.abs(term) > Math.abs(sum) * EPS; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * front;
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = nonZero(an * d + b);
    c = nonZero(b + an / c);
    d = 1 / d;
    h *= d * c;
    if (Math.abs(d * c - 1) < EPS) {
      break;
    }
  }
  return front * h;
}

/** I_x(a, b), the regularized incomplete beta function (NR §6.4, Lentz continued fraction). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) {
    return 0;
  }
  if (x >= 1) {
    return 1;
  }
  const logFront =
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) {
    return (Math.exp(logFront) * betaFraction(x, a, b)) / a;
  }
  return 1 - (Math.exp(logFront) * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 / nonZero(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 / nonZero(1 + even * d);
    c = nonZero(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 / nonZero(1 + odd * d);
    c = nonZero(1 + odd / c);
    h *= d * c;
    if (Math.abs(d * c - 1) < EPS) {
      break;
    }
  }
  return h;
}

function nonZero(v: number): number {
  return Math.abs(v) < TINY ? TINY : v;
}
