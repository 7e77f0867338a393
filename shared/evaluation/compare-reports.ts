import { errorFunction, wilcoxonRankSum } from 'simple-statistics';
import type { EvaluationReport } from './run-evaluation.js';

/** Relative change of a latency figure below which it is not worth reporting. */
export const LATENCY_NOISE = 0.2;

/** Significance level at which two runs' latencies count as different distributions. */
export const LATENCY_SIGNIFICANCE = 0.05;

/**
 * Two-sided p-value that two latency samples come from the same distribution (Wilcoxon rank
 * sum / Mann–Whitney U, normal approximation). Rank-based, so one slow outlier (a GC pause,
 * the first request's JIT warm-up) cannot make a difference on its own.
 */
export function sameDistributionPValue(a: readonly number[], b: readonly number[]): number {
  const n1 = a.length;
  const n2 = b.length;
  const expected = (n1 * (n1 + n2 + 1)) / 2;
  const deviation = Math.sqrt((n1 * n2 * (n1 + n2 + 1)) / 12);
  const z = Math.abs(wilcoxonRankSum(a, b) - expected) / deviation;
  // Two-sided tail of the standard normal: 1 - erf(z / sqrt 2). (The library's normal table
  // only has four digits and stops at z = 3.09.)
  return Math.min(1, 1 - errorFunction(z / Math.SQRT2));
}

export interface CompareOptions {
  /**
   * Also judge latency figures (LATENCY_NOISE and the rank-sum test). Off by default: on a
   * shared machine two runs of the same code differ by up to 2x (measured: identical code was
   * flagged in 4 of 6 pairs), so only a quiet, dedicated machine makes the verdict mean anything.
   */
  judgeLatency?: boolean;
}

/**
 * Overall metrics that changed between two reports; higher is better except latency, cost,
 * errors, over-blocking, refused covered questions and non-answer quotes. Latency figures are
 * left out unless `judgeLatency` is set (then a latency figure is reported only when it moved
 * by more than LATENCY_NOISE and the per-question latencies of the two runs differ
 * significantly); `latencyFigures` lists them side by side.
 */
export function compareReports(
  current: EvaluationReport,
  baseline: EvaluationReport,
  options: CompareOptions = {},
) {
  const lowerIsBetter = /latency|context|errors|overBlocking|refused|nonAnswer/i;
  const latenciesDiffer =
    current.latenciesMs.length < 2 ||
    baseline.latenciesMs.length < 2 ||
    sameDistributionPValue(current.latenciesMs, baseline.latenciesMs) < LATENCY_SIGNIFICANCE;
  return Object.entries(current.overall)
    .map(([metric, value]) => {
      const before = (baseline.overall as unknown as Record<string, number>)[metric];
      if (typeof before !== 'number' || before === value) return null;
      const isLatency = /latency/i.test(metric);
      if (isLatency && !options.judgeLatency) return null;
      const latencyNoise =
        isLatency && (!latenciesDiffer || Math.abs(value - before) <= LATENCY_NOISE * before);
      if (latencyNoise) return null;
      const better = lowerIsBetter.test(metric) ? value < before : value > before;
      return {
        metric,
        before,
        after: value,
        change: better ? ('improved' as const) : ('regressed' as const),
      };
    })
    .filter((row) => row !== null);
}

/** The latency figures of both runs side by side, not judged (see `CompareOptions`). */
export function latencyFigures(current: EvaluationReport, baseline: EvaluationReport) {
  return Object.entries(current.overall)
    .filter(([metric]) => /latency/i.test(metric))
    .map(([metric, after]) => ({
      metric,
      before: (baseline.overall as unknown as Record<string, number>)[metric] ?? null,
      after,
    }));
}
