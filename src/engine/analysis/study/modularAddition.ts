/**
 * Completeness study of modular addition: candidates are the frequencies
 * k = 1..(p−1)/2 scored by the initial signal S_k; the final representation is the set of circle
 * frequencies of the analysed embedding (S_k > 2·mean).
 */
import type { Float64Matrix } from '../cka';
import {
  circleThreshold,
  circularities,
  dftSignal,
  finalCircles,
  fourierNorms,
  halfSpectrum,
  keyFrequencies,
} from '../completeness/fourier';
import { frequencyTSquared, templateZ } from '../completeness/templates';
import type { InitialStudy, StudyInput, TaskStudy } from './types';

/** Candidates and details of an initial embedding alone. */
export function modularAdditionInitial(e0: Float64Matrix, sigma: number): InitialStudy {
  const p = e0.rows;
  const initialSignal = halfSpectrum(dftSignal(e0));
  return {
    candidates: frequencyCandidates(initialSignal, p, e0.cols, sigma),
    modularAddition: { p, initialSignal, initialCircularity: circularities(e0) },
  };
}

/** The full study: initial candidates, final circles and the Fourier details. */
export function modularAdditionStudy(input: StudyInput): TaskStudy {
  const { e0, eFinal, sigma, firstLayer } = input;
  const initial = modularAdditionInitial(e0, sigma);
  const finalFull = dftSignal(eFinal);
  const circles = finalCircles(eFinal);
  const keys =
    firstLayer === undefined
      ? []
      : keyFrequencies(
          eFinal,
          firstLayer.w1,
          firstLayer.b1,
          firstLayer.combine,
          firstLayer.activation,
        );
  return {
    candidates: initial.candidates,
    chosen: circles.map((k) => k - 1),
    modularAddition: {
      ...initial.modularAddition!,
      finalSignal: halfSpectrum(finalFull),
      threshold: circleThreshold(finalFull),
      finalCircularity: circularities(eFinal),
      finalCircles: circles,
      fourierNorms: fourierNorms(eFinal),
      keyFrequencies: keys,
    },
  };
}

/** Frequency candidates; the cos + sin templates of k give T² = (2/p)·S_k² with q = 2d. */
function frequencyCandidates(signal: number[], p: number, d: number, sigma: number) {
  return {
    kind: 'frequency',
    count: signal.length,
    sampled: false,
    labels: signal.map((_, i) => `k=${i + 1}`),
    initial: signal,
    z: signal.map((s) => templateZ(frequencyTSquared(s, p), sigma, 2 * d)),
  };
}
