/** Word tokens for overlap metrics: lower case, citation markers removed. */
export function metricTokens(text: string): string[] {
  return (
    text
      .replace(/\[\d+\]/g, ' ')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function longestCommonSubsequence(a: string[], b: string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const token of a) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      current[j] =
        token === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** ROUGE-L F1 of a candidate against a reference (0..1). */
export function rougeL(candidate: string, reference: string): number {
  const c = metricTokens(candidate);
  const r = metricTokens(reference);
  if (c.length === 0 || r.length === 0) return 0;
  const lcs = longestCommonSubsequence(c, r);
  if (lcs === 0) return 0;
  const precision = lcs / c.length;
  const recall = lcs / r.length;
  return (2 * precision * recall) / (precision + recall);
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/**
 * Sentence BLEU (up to 4-grams, geometric mean, brevity penalty) with add-one smoothing for
 * n > 1 (Lin & Och), so short answers do not score zero for lack of 4-grams.
 */
export function bleu(candidate: string, reference: string, maxN = 4): number {
  const c = metricTokens(candidate);
  const r = metricTokens(reference);
  if (c.length === 0 || r.length === 0) return 0;
  let logSum = 0;
  for (let n = 1; n <= maxN; n++) {
    const candidateGrams = ngrams(c, n);
    const referenceGrams = ngrams(r, n);
    let matched = 0;
    let total = 0;
    for (const [gram, count] of candidateGrams) {
      matched += Math.min(count, referenceGrams.get(gram) ?? 0);
      total += count;
    }
    const precision = n === 1 ? matched / Math.max(1, total) : (matched + 1) / (total + 1);
    if (precision === 0) return 0;
    logSum += Math.log(precision) / maxN;
  }
  const brevity = c.length >= r.length ? 1 : Math.exp(1 - r.length / c.length);
  return brevity * Math.exp(logSum);
}

/** Percentile (nearest rank) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
