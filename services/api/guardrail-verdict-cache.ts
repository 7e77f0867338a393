import type { Guardrail, GuardrailCheck, GuardrailVerdict } from '../../shared/ports.js';
import { createBoundedCache, stringBytes } from '../../shared/text/bounded-cache.js';

/** Bytes the verdicts of one engine thread may hold (keys included). */
export const GUARDRAIL_VERDICT_CACHE_BYTES = 8 * 1024 * 1024;

const verdictBytes = (verdict: GuardrailVerdict) =>
  200 + stringBytes(verdict.text) + (verdict.reasons ?? []).reduce((sum, r) => sum + stringBytes(r), 0);

/**
 * Everything a check depends on, as one string: each part length-prefixed, and an absent
 * question or grounding list marked as absent (not empty), so no two inputs share a key.
 */
const keyOf = ({ source, query, text, groundingSources, ...rest }: GuardrailCheck) => {
  // A field added to GuardrailCheck must join the key: this line stops compiling until it does.
  const nothingElse: Record<string, never> = rest;
  const part = (value: string | undefined) => (value === undefined ? '-' : `${value.length}:${value}`);
  const sources =
    groundingSources === undefined
      ? '-'
      : `${groundingSources.length}#${groundingSources.map(part).join('')}`;
  return `${source}${part(query)}${part(text)}${sources}${Object.keys(nothingElse).length}`;
};

/**
 * Remembers the offline guardrail's verdicts by their whole input (source, text, question and
 * grounding passages): the checks are pure functions of it, and the same questions and answers
 * recur (a class asks the same things). Nothing about the rules changes; the memory is bounded
 * by {@link GUARDRAIL_VERDICT_CACHE_BYTES}, oldest first. Verdicts are shared: read-only.
 */
export function cacheGuardrailVerdicts(
  guardrail: Guardrail,
  maxBytes = GUARDRAIL_VERDICT_CACHE_BYTES,
): Guardrail & { readonly cache: { readonly bytes: number; readonly size: number } } {
  const cache = createBoundedCache<GuardrailVerdict>({ maxBytes, sizeOf: verdictBytes });
  return {
    cache,
    async check(input) {
      const key = keyOf(input);
      const known = cache.get(key);
      if (known) return known;
      const verdict = await guardrail.check(input);
      cache.set(key, verdict);
      return verdict;
    },
  };
}
