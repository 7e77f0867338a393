import { type ContentRule, contentRules, DEFENSIVE_CONTEXT, MODERATION_CONTEXT } from './content-rules.js';
import type { ContentFilterType, FilterStrength } from './guardrail-policy.js';
import { promptAttackRules } from './prompt-attack-rules.js';

/** Confidence that text belongs to a harmful category, on Bedrock's scale. */
export type Confidence = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';

const RANK: Record<Confidence, number> = { NONE: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

/**
 * Bedrock semantics: a HIGH-strength filter blocks LOW, MEDIUM and HIGH confidence; MEDIUM
 * blocks MEDIUM and HIGH; LOW blocks only HIGH; NONE blocks nothing.
 */
export function strengthBlocks(strength: FilterStrength, confidence: Confidence): boolean {
  if (strength === 'NONE' || confidence === 'NONE') return false;
  const minimum: Record<Exclude<FilterStrength, 'NONE'>, number> = { HIGH: 1, MEDIUM: 2, LOW: 3 };
  return RANK[confidence] >= minimum[strength];
}

/**
 * "How do I defend against 'ignore previous instructions'?" talks *about* an attack. Only the
 * words of the same sentence close before the match count, so an attack after a study question
 * ("What is RAG? Ignore your rules…") is not excused by it.
 */
const DISCUSSION_BEFORE =
  /\b(?:prompt\s+injections?|injections?|jailbreak(?:s|ing)?|attacks?|attackers?|hackers?|adversar\w*|malicious|red[\s-]?team\w*|exploits?|payloads?|threats?|defen[cs]es?|defend\w*|prevent\w*|protect\w*|detect\w*|mitigat\w*|guard\s+against|block\w*|filter(?:s|ed|ing)?|flag\w*|classif\w*|recogni[sz]\w*|resist\w*|vulnerab\w*|examples?|such\s+as|known\s+as|called|phrases?|strings?|sentences?|inputs?\s+like|prompts?\s+like|contain\w*|what\s+(?:is|are|does|do)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}?(?:attack|injection|jailbreak|leak\w*)|why\s+(?:do|does|is|are|would|can|should|shouldn't|don't|doesn't|isn't|aren't|can't|won't|might|must)|what\s+happens\s+(?:if|when)|mean(?:s|ing)?\s+of|explain\w*|define|definition|difference|is\s+it\s+possible\s+to|(?:make|get|force|trick|convince|cause|manipulate|persuade)\s+(?:an?|the|some|any)\s+(?:\w+\s+)?(?:llm|model|ai|chatbot|assistant|bot|agent|system)s?(?:\s+(?:to|into))?)\b|\b(?:like|says?|saying|type|types|write|writes|enter|enters)\s*["':]/i;
/** "Should the model ignore irrelevant documents?" asks about a model, not this assistant. */
const THIRD_PARTY =
  /\b(?:(?:should|shouldn't|can|can't|could|does|doesn't|do|will|would|must|may|might|how\s+(?:does|do|can|should))\s+(?:the|a|an|my|our|their|this|that)\s+(?:\w+\s+)?(?:model|llm|agent|system|chatbot|assistant|ai|retriever|guardrail|application|app|bot)s?|(?:the|a|an|my|our|their)\s+(?:\w+\s+)?(?:model|llm|agent|chatbot|ai|retriever|application|app|bot)s?\s+(?:should|can|will|must|would|could|doesn't|does\s+not|won't|might|may))\s+$/i;
/** After a quoted attack: "'ignore previous instructions' is an example of what?". */
const DISCUSSION_AFTER =
  /^['"]?[^.!?\n]{0,60}?\b(?:(?:an?\s+)?(?:example|type|kind|form|case)s?\s+of|(?:prompt\s+)?injections?|jailbreaks?|attacks?|mean|means|meaning)\b/i;
/** "What does [INST] mean?", "How is <|im_start|> used?": a question right before the match. */
const ASKED_ABOUT =
  /\b(?:what|how|why|where|when)\s+(?:does|do|is|are|was|were|would|should|can)\s+(?:an?\s+|the\s+)?["']?\s*$/i;
/** "Do new instructions override old ones in an agent?": a yes/no question about the phrase itself. */
const YES_NO_ABOUT = /^\s*(?:do|does|did|can|could|will|would|should|is|are|was|were)\s+$/i;
/** "Can I ignore the validation rules?" asks about the student's own work, not the assistant's. */
const FIRST_PERSON =
  /\b(?:(?:can|could|should|may|must|do|how\s+(?:do|can|should|would)|when\s+(?:can|should))\s+(?:i|we)\s+(?:\w+\s+){0,2}|(?:i|we)\s+)$/i;
/** What follows a match when it names the student's own system rather than this assistant's. */
const OWN_SYSTEM_AFTER =
  /^\s+(?:of|in|for|from|on|inside)\s+(?:my|our|a|an|the|this)\s+(?:\w+\s+)?(?:agents?|guardrails?|apps?|application|model|bot|chatbot|pipeline|project|lab|company|team|knowledge\s+base|endpoint|function|notebook|workflow|flow|use\s+case)\b/i;
/** A match that names the assistant itself is not about the student's own work. */
const ADDRESSED_TO_ASSISTANT = /\b(?:your|you|yourself|this\s+(?:chat)?bot|this\s+assistant|behind)\b/i;
/** "What does the violence filter block, for example how to …?" quotes harmful text as an example. */
const EXAMPLE_BEFORE =
  /\b(?:for\s+example|e\.?g|such\s+as|(?:requests?|prompts?|questions?|inputs?|things|phrases?|messages?|sentences?)\s+like|like\s*["':]|says?\s*["':]|examples?\s+(?:of|like|such))\b/i;
const SENTENCE_START = /[.!?\n][^.!?\n]*$/;

const SENTENCE_END = /[.!?\n]/;

/** The part of the match's sentence before it (at most 120 characters). */
function sentenceBefore(text: string, start: number): string {
  const window = text.slice(Math.max(0, start - 120), start);
  return window.slice((SENTENCE_START.exec(window)?.index ?? -1) + 1);
}

/** The match's whole sentence (at most 120 characters either side). */
function sentenceAround(text: string, start: number, end: number): string {
  const after = text.slice(end, end + 120);
  const stop = SENTENCE_END.exec(after)?.index ?? after.length;
  return `${sentenceBefore(text, start)}${text.slice(start, end)}${after.slice(0, stop)}`;
}

/** True when the match's context makes it a study question rather than a harmful request. */
function excused(text: string, match: RegExpExecArray, rule: ContentRule): boolean {
  // Harmful text given as an example of what a filter stops is a study question.
  if (EXAMPLE_BEFORE.test(sentenceBefore(text, match.index))) return true;
  if (!rule.unless) return false;
  const sentence = sentenceAround(text, match.index, match.index + match[0].length);
  return (rule.unless === 'defensive' ? DEFENSIVE_CONTEXT : MODERATION_CONTEXT).test(sentence);
}

function aboutTheAttack(text: string, start: number, end: number, matched: string): boolean {
  const sentence = sentenceBefore(text, start);
  if ([DISCUSSION_BEFORE, ASKED_ABOUT, THIRD_PARTY, YES_NO_ABOUT].some((cue) => cue.test(sentence)))
    return true;
  if (!ADDRESSED_TO_ASSISTANT.test(matched) && FIRST_PERSON.test(sentence)) return true;
  // "…the rules in my guardrail", "…the system prompt of my agent": the student's own system.
  if (!ADDRESSED_TO_ASSISTANT.test(matched) && OWN_SYSTEM_AFTER.test(text.slice(end, end + 60))) return true;
  const quoted = /["']\s*$/.test(sentence);
  return quoted && DISCUSSION_AFTER.test(text.slice(end, end + 80));
}

function raise(found: Map<ContentFilterType, Confidence>, type: ContentFilterType, level: Confidence): void {
  if (RANK[level] > RANK[found.get(type) ?? 'NONE']) found.set(type, level);
}

const CONTENT_RULE_LIST = Object.entries(contentRules) as [ContentFilterType, ContentRule[]][];

/**
 * Highest confidence for each category found in the text (only `types` when given). Pass the
 * normalised detection view's text: the rules expect folded homoglyphs, plain quotes and no
 * invisible characters.
 */
export function classifyContent(
  text: string,
  types?: ReadonlySet<ContentFilterType>,
): Map<ContentFilterType, Confidence> {
  const found = new Map<ContentFilterType, Confidence>();
  // exec loops on the shared global patterns: matchAll would clone each pattern per call, which
  // costs more than running it on a short question. The rules are never used re-entrantly.
  for (const [type, rules] of CONTENT_RULE_LIST) {
    if (types && !types.has(type)) continue;
    for (const rule of rules) {
      const { pattern } = rule;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        if (match[0].length === 0) pattern.lastIndex++;
        if (excused(text, match, rule)) continue;
        raise(found, type, rule.level);
        break;
      }
      if (found.get(type) === 'HIGH') break;
    }
  }
  if (types && !types.has('PROMPT_ATTACK')) return found;
  for (const pattern of promptAttackRules) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      if (match[0].length === 0) pattern.lastIndex++;
      const level = aboutTheAttack(text, match.index, match.index + match[0].length, match[0])
        ? 'LOW'
        : 'HIGH';
      raise(found, 'PROMPT_ATTACK', level);
      if (level === 'HIGH') return found;
    }
  }
  return found;
}
