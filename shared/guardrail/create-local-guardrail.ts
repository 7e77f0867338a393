import type { Guardrail, GuardrailCheck, GuardrailVerdict } from '../ports.js';
import { detectionView } from '../text/detection-view.js';
import { groundingScore, relevanceScore } from './check-grounding.js';
import { type Confidence, classifyContent, strengthBlocks } from './classify-content.js';
import { decodePayloads } from './decode-payloads.js';
import { detectPii, maskPii } from './detect-pii.js';
import type {
  ContentFilter,
  ContentFilterType,
  GuardrailPolicy,
  PiiAction,
  PiiEntityType,
} from './guardrail-policy.js';
import { createWordMatcher } from './match-words.js';
import { obfuscationVariants } from './obfuscation-variants.js';

export interface LocalGuardrailOptions {
  policy: GuardrailPolicy;
  /** Query expansion used for the relevance check (the retriever's acronyms and paraphrases). */
  expandQuery?: (query: string) => string;
}

const RANK: Record<Confidence, number> = { NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/**
 * Applies the shared guardrail policy in process: content filters with Bedrock's strength
 * semantics, denied topics, word lists, PII (mask or block per entity) and, for outputs,
 * contextual grounding and relevance thresholds. Everything reads one normalised detection view
 * of the text (homoglyphs, invisible characters, fullwidth forms folded); content filters, topics
 * and words also read any instructions decoded from base64, hex or character references, and
 * readings of leetspeak, spaced-out, reversed and ROT13 text.
 */
export function createLocalGuardrail(options: LocalGuardrailOptions): Guardrail {
  const { policy } = options;
  const topics = policy.topicPolicy.topics.map((topic) => ({
    name: topic.name,
    patterns: topic.localPatterns.map((pattern) => new RegExp(pattern, 'iu')),
  }));
  const matchWords = createWordMatcher(
    policy.wordPolicy.words,
    policy.wordPolicy.managedWordLists.includes('PROFANITY'),
  );
  const piiActions = new Map<PiiEntityType, PiiAction>(
    policy.sensitiveInformationPolicy.piiEntities.map((entity) => [entity.type, entity.action]),
  );
  const activeOf = (strength: (filter: ContentFilter) => string) =>
    new Set(policy.contentPolicy.filters.filter((filter) => strength(filter) !== 'NONE').map((f) => f.type));
  const activeInput = activeOf((filter) => filter.inputStrength);
  const activeOutput = activeOf((filter) => filter.outputStrength);
  const thresholds = new Map(
    policy.contextualGroundingPolicy.filters.map((filter) => [filter.type, filter.threshold]),
  );

  return {
    async check(input: GuardrailCheck): Promise<GuardrailVerdict> {
      const blocked: string[] = [];
      const masked: string[] = [];
      const isInput = input.source === 'INPUT';

      const view = detectionView(input.text);
      const scanned = [
        view.text,
        ...[...decodePayloads(view.text), ...obfuscationVariants(input.text, view.text)].map(
          (variant) => detectionView(variant).text,
        ),
      ];
      const confidences = new Map<ContentFilterType, Confidence>();
      // Categories whose strength is NONE for this source (PROMPT_ATTACK on outputs) are not run.
      const active = isInput ? activeInput : activeOutput;
      const topicsFound = new Set<string>();
      const listsFound = new Set<string>();
      for (const text of scanned) {
        for (const [type, confidence] of classifyContent(text, active)) {
          if (RANK[confidence] > RANK[confidences.get(type) ?? 'NONE']) confidences.set(type, confidence);
        }
        for (const topic of topics) {
          if (topic.patterns.some((pattern) => pattern.test(text))) topicsFound.add(topic.name);
        }
        for (const list of matchWords(text)) listsFound.add(list);
      }
      for (const filter of policy.contentPolicy.filters) {
        const confidence = confidences.get(filter.type) ?? 'NONE';
        if (strengthBlocks(isInput ? filter.inputStrength : filter.outputStrength, confidence)) {
          blocked.push(`content:${filter.type}:${confidence}`);
        }
      }
      for (const name of topicsFound) blocked.push(`topic:${name}`);
      for (const list of listsFound) blocked.push(`word:${list}`);

      const pii = detectPii(view, new Set(piiActions.keys()));
      for (const type of new Set(pii.map((match) => match.type))) {
        if (piiActions.get(type) === 'BLOCK') blocked.push(`pii:${type}:BLOCKED`);
        else masked.push(`pii:${type}:ANONYMIZED`);
      }

      if (!isInput && input.groundingSources && input.groundingSources.length > 0) {
        const grounding = thresholds.get('GROUNDING');
        if (grounding !== undefined) {
          const score = groundingScore(input.text, input.groundingSources);
          if (score < grounding) blocked.push(`grounding:GROUNDING:${score.toFixed(2)}<${grounding}`);
        }
        const relevance = thresholds.get('RELEVANCE');
        if (relevance !== undefined && input.query) {
          const expansion = options.expandQuery?.(input.query) ?? '';
          const score = relevanceScore(input.query, input.text, input.groundingSources, expansion);
          if (score < relevance) blocked.push(`grounding:RELEVANCE:${score.toFixed(2)}<${relevance}`);
        }
      }

      if (blocked.length > 0) {
        return {
          action: 'INTERVENED',
          blocked: true,
          text: isInput ? policy.blockedInputMessaging : policy.blockedOutputsMessaging,
          reasons: [...blocked, ...masked],
        };
      }
      if (masked.length > 0) {
        return { action: 'INTERVENED', blocked: false, text: maskPii(input.text, pii), reasons: masked };
      }
      return { action: 'NONE', blocked: false, text: input.text, reasons: [] };
    },
  };
}
