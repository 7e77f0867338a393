import type { Citation } from '../domain.js';
import { metricTokens } from './text-metrics.js';

/** Each `sentence [n]` of an answer, with the ids it cites. */
export function citedSentences(answer: string): { sentence: string; ids: number[] }[] {
  const result: { sentence: string; ids: number[] }[] = [];
  for (const match of answer.matchAll(/([^[\]]+?)((?:\s*\[\d+\])+)/g)) {
    const sentence = (match[1] ?? '').trim();
    const ids = [...(match[2] ?? '').matchAll(/\[(\d+)\]/g)].map((id) => Number(id[1]));
    if (sentence) result.push({ sentence, ids });
  }
  return result;
}

/**
 * Share of cited sentences whose cited passage supports them: at least 80% of the sentence's
 * words appear in the cited excerpt. Returns null when the answer cites nothing.
 */
export function citationFaithfulness(answer: string, citations: Citation[]): number | null {
  const sentences = citedSentences(answer);
  if (sentences.length === 0) return null;
  let supported = 0;
  for (const { sentence, ids } of sentences) {
    const words = metricTokens(sentence);
    const ok = ids.some((id) => {
      const excerpt = new Set(metricTokens(citations.find((citation) => citation.id === id)?.excerpt ?? ''));
      return words.length > 0 && words.filter((word) => excerpt.has(word)).length / words.length >= 0.8;
    });
    if (ok) supported++;
  }
  return supported / sentences.length;
}
