import { randomUUID } from 'node:crypto';
import { estimateTokens } from '../../corpus/estimate-tokens.js';
import type { AnswerResult, AskQuery, Citation, Passage } from '../../domain.js';
import type { Answerer, ConversationTurn, SessionStore } from '../../ports.js';
import { contentTerms, normaliseTerm, tokenize } from '../../text/text-analysis.js';
import { withoutPiiPlaceholders } from '../../text/without-pii-placeholders.js';
import { type AnalysedQuery, type CarriedSubject, partTerms } from './analyse-query.js';
import { type AnalysedUnit, serviceNamed } from './chunk-analysis.js';
import { headDefines } from './definitions.js';
import { findListAnswer } from './list-answer.js';
import type { LocalRetriever, ScoredPassage } from './local-retriever.js';
import { type QuestionType, questionParts, questionType } from './question-type.js';

export interface ExtractiveAnswererOptions {
  retriever: LocalRetriever;
  sessions: SessionStore;
  /** Said when the notes do not cover a question (the assistant profile's `noAnswerMessage`). */
  noAnswerMessage: string;
  /** Sentences in an answer at most. */
  maxSentences?: number;
  /** Words in an answer at most (sentences are never cut). */
  maxWords?: number;
  /** Passages considered when `k` is not given. */
  defaultK?: number;
  /**
   * Share (0..1, IDF-weighted) of the question's rarest terms (at most three) that one of the
   * best passages must contain; below it the answer says the notes do not cover the question.
   * Default 0.5.
   */
  minEvidence?: number;
}

/** Subject terms a turn keeps for a follow-up (its rarest search terms). */
export const MAX_SUBJECT_TERMS = 6;
/** Weight of the previous subject's terms in a follow-up's search. */
export const CARRIED_WEIGHT = 0.7;
/** Question terms whose rarity decides whether the notes cover a question. */
const KEY_TERMS = 3;
/**
 * IDF mass one passage must hold of a question with words the notes lack entirely, in units of
 * the rarest possible term's IDF (so it means the same for a corpus of any size): on the course
 * notes 9, about two specific words and a common one.
 */
const MIN_MASS_WITH_UNKNOWN = 1.6;
/** A question term this rare (share of the rarest IDF) found on its own makes a subject of its own. */
const STRONG_SUBJECT_IDF = 0.6;

/** Weight of what a message says before its question ("Hi, my email is ... . What is X?"). */
const PREAMBLE_WEIGHT = 0.4;
const REFERS_BACK = /\b(?:it|its|it's|they|them|their|theirs|this|these|those|he|she|him|her)\b/i;
const CONTINUES = /^\s*(?:and|also|but|so|then|what about|how about)\b/i;
const SWITCHES_TOPIC =
  /\b(?:(?:different|new|another|unrelated|other|separate) (?:topic|question|subject)|switching (?:topics?|subjects?)|change (?:of )?(?:topic|subject)|on another note)\b/i;

/** True when a question leans on an earlier turn: a pronoun or "and ..." with nothing of its own. */
export function refersBack(question: string): boolean {
  return REFERS_BACK.test(question) || (CONTINUES.test(question) && contentTerms(question).length === 0);
}

/** True when a question says it changes the subject ("different topic - ..."). */
export function switchesTopic(question: string): boolean {
  return SWITCHES_TOPIC.test(question);
}

/** How well the best passages support a question, from its rarest terms. */
export interface Evidence {
  covered: boolean;
  /** IDF-weighted share of the key (rarest) concepts found together in one passage. */
  share: number;
  /** Rarest matched concept's IDF (how specific the match is). */
  strongestIdf: number;
  /** Index of the passage that holds the evidence. */
  passage: number;
}

interface Concept {
  /** Terms any of which satisfies the concept (the word, its corrections, a paraphrase's terms). */
  any: string[];
  weight: number;
}

interface Candidate {
  unit: AnalysedUnit;
  passage: number;
  /** Index of the unit in its passage. */
  position: number;
  /** Rank: `base`, and for a definition the sentence that defines the subject first. */
  score: number;
  /** How well the sentence answers the question by itself (its match and the type's preferences). */
  base: number;
  /** Query weight the sentence matches by itself. */
  match: number;
  /** Concepts of the question it contains. */
  concepts: Set<number>;
  /**
   * Said before the sentence: its context line (heading or title), or the service a line above
   * names, when the sentence leaves out what that line names.
   */
  lead?: { text: string; unit: AnalysedUnit };
}

const NONE: ReadonlySet<number> = new Set();

/** Sentences and words one answer (or one part of a two-part answer) quotes at most. */
interface Limits {
  sentences: number;
  words: number;
}
/** Share of the answer's words each part of a two-part question may quote. */
const PART_WORDS_SHARE = 0.6;

/** A quoted sentence (or list), the passage it comes from and the units it is made of. */
interface Quote {
  text: string;
  passage: ScoredPassage;
  units: AnalysedUnit[];
}

/** What was picked to answer: a list answer already worded, or a unit and the line said before it. */
type Picked =
  | { list: Quote }
  | { unit: AnalysedUnit; passage: ScoredPassage; lead?: { text: string; unit: AnalysedUnit } };

/**
 * A count ("the four elements", "3 types"): how many things are asked for, not what they are.
 * It is searched but is no concept of the question: "Configure up to four sequences" is no
 * evidence for "name the four elements of a prompt", and its absence is no lack of one.
 */
const COUNT = /^(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)$/;

/** A sentence that opens by referring to the one before it. */
const REFERS_TO_PREVIOUS = /^(?:this|these|that|those|it|its|they|such)\b/i;

/** Weight of a question word found only in a sentence's heading or title line. */
const CONTEXT_WEIGHT = 0.5;

/** A heading or title line as the lead of a quoted sentence ("AWS Artifact: Download ..."). */
function contextLead(text: string): string {
  return text.replace(/^[\s*_"'“]+|[\s*_"'”:]+$/g, '');
}

/** Notes often hold fragments ("allows the model to ..."): present them as sentences, but leave code alone. */
export function asSentence(text: string): string {
  if (/`|[{};]\s*$|^[$>#]/.test(text)) return text;
  const first = /^\S+/.exec(text)?.[0] ?? '';
  const capitalised = /^[a-z][a-z'-]*[,:]?$/.test(first)
    ? text.charAt(0).toUpperCase() + text.slice(1)
    : text;
  return /[.!?]["')]?$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

const SERVICE_NAME = /\b(?:Amazon|AWS)\s+[A-Z][\w-]*|\bSageMaker\s+[A-Z][\w-]*|\b[A-Z][a-z]+[A-Z]\w*\b/;
/** Words of a which-service question that ask for a service rather than say what it must do. */
const ASKS_FOR_SERVICE = new Set(
  [
    'aws',
    'amazon',
    'service',
    'services',
    'tool',
    'tools',
    'feature',
    'features',
    'product',
    'offering',
    'capability',
  ]
    .map((word) => normaliseTerm(word))
    .filter((term): term is string => term !== null),
);
/** A which-service sentence must match this many of the question's task words (or all, when fewer). */
const MIN_TASK_WORDS = 2;

/** Words that set one thing against another between the two ("X ..., whereas Y ..."). */
const CONTRAST_BETWEEN = new Set([
  'whereas',
  'while',
  'whilst',
  'but',
  'however',
  'unlike',
  'instead',
  'than',
  'versus',
  'vs',
  'contrast',
  'opposed',
]);
/** Words that set the first thing named against the second from before both ("Rather than X, Y ..."). */
const CONTRAST_BEFORE = new Set(['unlike', 'rather', 'instead', 'compared', 'contrast', 'opposed']);

/**
 * True when a sentence sets two sides against each other: each side is named, and a contrast
 * word stands between them ("RAG will not change the weights ..., whereas fine-tuning will"), or
 * opens the sentence before the first with a comma between them ("Rather than having to
 * fine-tune ..., RAG retrieves ..."). "Although ML relies on supervised, unsupervised or ..."
 * names both sides but contrasts neither.
 */
export function contrasts(sentence: string, sides: [readonly string[], readonly string[]]): boolean {
  const words = sentence.toLowerCase().match(/[\p{L}\p{N}]+|,/gu) ?? [];
  const stems = words.map((word) => (word === ',' ? ',' : (normaliseTerm(word) ?? word)));
  const at = (terms: readonly string[]) => stems.findIndex((stem) => terms.includes(stem));
  const first = at(sides[0]);
  const second = at(sides[1]);
  if (first < 0 || second < 0) return false;
  const [from, to] = first < second ? [first, second] : [second, first];
  if (words.slice(from + 1, to).some((word) => CONTRAST_BETWEEN.has(word))) return true;
  return (
    words.slice(0, from).some((word) => CONTRAST_BEFORE.has(word)) && words.slice(from + 1, to).includes(',')
  );
}

/** The words a quoted unit adds: a label joined to it, or the items of the list it leads. */
const wordsOf = (unit: AnalysedUnit) => unit.items?.words ?? unit.words;

/** A lead and its items as one sentence: "Lead: a; b; c." or, for a lead that stops mid-sentence, "... during a; b; c." */
export function withItems(lead: string, items: readonly string[]): string {
  if (/:\s*$/.test(lead)) return `${lead.replace(/\s*:\s*$/, '')}: ${items.join('; ')}`;
  // "... during Data preparation": an ordinary capitalised word continues the sentence in lower case.
  const lowered = items.map((item) =>
    item.replace(/^([A-Z])(?=[a-z]+\b(?!\s*[A-Z]))/, (letter) => letter.toLowerCase()),
  );
  return `${lead} ${lowered.join('; ')}`;
}
const INSTRUCTION =
  /\b(?:use|using|by|to (?:reduce|prevent|avoid|improve|increase|detect)|can|should|add|set|choose|select|enable|configure|provide|include|try|apply|monitor)\b/i;
const overlapShare = (a: ReadonlySet<string>, b: ReadonlySet<string>) => {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
};

/**
 * Extractive answerer: picks the sentences of the best passages that answer the question the
 * way it was asked (a definition, both sides of a comparison, the service named, the items of
 * a list), marks each with `[n]` and returns the passages as numbered citations. It quotes only
 * prose-like units of the notes, never a heading, code, math, a diagram or a footer, and never
 * writes text that is not in the notes; when the notes do not cover the question it says so.
 */
export function createExtractiveAnswerer(options: ExtractiveAnswererOptions): Answerer {
  const { retriever, sessions } = options;
  const limits: Limits = { sentences: options.maxSentences ?? 4, words: options.maxWords ?? 110 };
  // Each part of a two-part question gets half the sentences and a bit over half the words.
  const partLimits: Limits = {
    sentences: Math.max(1, Math.ceil(limits.sentences / 2)),
    words: Math.round(limits.words * PART_WORDS_SHARE),
  };
  const defaultK = options.defaultK ?? 5;
  const minEvidence = options.minEvidence ?? 0.5;
  const rarestIdf = Math.log(1 + (retriever.chunkCount - 0.5) / 1.5);
  const idf = (term: string) => retriever.idf(term);

  /** The question as weighted concepts: each own word once; a paraphrase is one concept. */
  const conceptsOf = (analysed: AnalysedQuery): Concept[] => {
    const byTerm = new Map<string, string[]>(
      analysed.own.filter((term) => !COUNT.test(term)).map((term) => [term, [term]]),
    );
    const paraphrases = new Map<string, string[]>();
    for (const entry of analysed.terms) {
      if (entry.origin === 'typo' && entry.for) byTerm.get(entry.for)?.push(entry.term);
      if (entry.origin === 'synonym' && entry.for)
        paraphrases.set(entry.for, [...(paraphrases.get(entry.for) ?? []), entry.term]);
    }
    const concepts: Concept[] = [];
    for (const [phrasing, targets] of paraphrases) {
      const phrasingTerms = contentTerms(phrasing).filter((term) => byTerm.has(term));
      if (phrasingTerms.length === 0) continue;
      for (const term of phrasingTerms) byTerm.delete(term);
      concepts.push({ any: [...phrasingTerms, ...targets], weight: Math.max(...targets.map(idf), 1) });
    }
    for (const alternatives of byTerm.values()) {
      const known = Math.max(...alternatives.map(idf));
      concepts.push({ any: alternatives, weight: known > 0 ? known : rarestIdf });
    }
    for (const entry of analysed.terms)
      if (entry.origin === 'context' && idf(entry.term) > 0)
        concepts.push({ any: [entry.term], weight: idf(entry.term) });
    return concepts;
  };

  /**
   * Absolute evidence test. The question's concepts that the notes lack entirely (not even a
   * spelling away) are left out of the share but, when some of the question is found, demand
   * more of it: "who is the current CEO of AWS" finds "current" and "AWS" and still abstains.
   * Known words that none of the retrieved passages contain are chatter ("actually",
   * "something"), not part of the subject. Of the rest, the rarest (at most three) must be found
   * together in one of the three best passages. Unlike a share of every word, extra words in a
   * covered question do not dilute it.
   */
  const evidenceFor = (concepts: Concept[], passages: ScoredPassage[], followUp = false): Evidence => {
    const contains = (passage: ScoredPassage, concept: Concept) =>
      concept.any.some((term) => passage.units.some((unit) => unit.termSet.has(term)));
    const unknown = concepts.filter((concept) => concept.any.every((term) => idf(term) === 0));
    const topical = concepts.filter(
      (concept) => !unknown.includes(concept) && passages.some((passage) => contains(passage, concept)),
    );
    const key = [...topical].sort((a, b) => b.weight - a.weight).slice(0, KEY_TERMS);
    const total = key.reduce((sum, concept) => sum + concept.weight, 0);
    let best: Evidence = { covered: false, share: 0, strongestIdf: 0, passage: -1 };
    if (total === 0) return best;
    passages.slice(0, 3).forEach((passage, index) => {
      const found = concepts.filter((concept) => contains(passage, concept));
      const share =
        key.filter((concept) => found.includes(concept)).reduce((sum, c) => sum + c.weight, 0) / total;
      const mass = found.reduce((sum, concept) => sum + concept.weight, 0);
      const everything = found.length === concepts.length;
      const covered =
        everything ||
        (share >= minEvidence &&
          (unknown.length === 0 || followUp || mass >= MIN_MASS_WITH_UNKNOWN * rarestIdf));
      const strongestIdf = Math.max(0, ...found.map((concept) => Math.min(concept.weight, rarestIdf)));
      if (share + (covered ? 1 : 0) > best.share + (best.covered ? 1 : 0))
        best = { covered, share, strongestIdf, passage: index };
    });
    return best;
  };

  const candidatesFor = (
    analysed: AnalysedQuery,
    concepts: Concept[],
    passages: ScoredPassage[],
    type: QuestionType,
  ) => {
    const subjectTerms = type.subject ? partTerms(analysed, type.subject) : [];
    // What the service must do: the question's concepts other than "service", "AWS", "tool" ...
    const taskConcepts = new Set(
      concepts.flatMap((concept, index) =>
        concept.any.some((term) => ASKS_FOR_SERVICE.has(term)) ? [] : [index],
      ),
    );
    const candidates: Candidate[] = [];
    passages.forEach((passage, passageIndex) => {
      passage.units.forEach((unit, unitIndex) => {
        if (unit.notQuotable && !unit.items) return;
        const own = unit.label ? [...unit.termSet, ...unit.label.terms] : [...unit.termSet];
        const terms =
          unit.items || unit.label ? new Set([...own, ...(unit.items?.terms ?? [])]) : unit.termSet;
        const context = unit.context?.termSet;
        let match = 0;
        for (const term of terms) {
          const weight = analysed.weights.get(term);
          if (weight) match += weight * idf(term);
        }
        if (context)
          for (const term of context) {
            const weight = analysed.weights.get(term);
            if (weight && !terms.has(term)) match += CONTEXT_WEIGHT * weight * idf(term);
          }
        const matched = new Set<number>();
        let viaContext = false;
        concepts.forEach((concept, index) => {
          if (concept.any.some((term) => terms.has(term))) matched.add(index);
          else if (context && concept.any.some((term) => context.has(term))) {
            matched.add(index);
            viaContext = true;
          }
        });
        if (match === 0 || matched.size === 0) return;
        // A list's lead is its own subject: it must match the question by its own words or items.
        if (
          unit.items &&
          viaContext &&
          ![...matched].some((index) => concepts[index]?.any.some((term) => terms.has(term)))
        )
          return;
        let lead =
          viaContext && unit.context
            ? { text: contextLead(unit.context.text), unit: unit.context }
            : undefined;
        let base = match / Math.sqrt(Math.max(8, terms.size)) + 1 / (passageIndex + 1);
        if (type.kind === 'which-service') {
          // A which-service answer names the service: a sentence that does not takes the name from
          // the line above that does ("Amazon SageMaker Clarify" over "Mitigate bias by ...").
          const namesService = SERVICE_NAME.test(unit.text);
          if (!namesService && unit.context && SERVICE_NAME.test(unit.context.text))
            lead = {
              // "Cloud Tools – 3. Amazon Ledgerly" names "Amazon Ledgerly".
              text: serviceNamed(unit.context.text) ?? contextLead(unit.context.text),
              unit: unit.context,
            };
          else if (!namesService && unit.service) lead = { text: unit.service.name, unit: unit.service.unit };
          // Naming a service is not enough: "Amazon GuardDuty - threat detection" shares only
          // "detect" with "which service detects bias in a model".
          const task = [...matched].filter((index) => taskConcepts.has(index)).length;
          const doesTheTask = task >= Math.min(MIN_TASK_WORDS, taskConcepts.size);
          base += namesService || lead ? (doesTheTask ? 2 : 0.5) : -1;
        }
        if (type.kind === 'how-to' && INSTRUCTION.test(unit.text)) base += 0.5;
        let score = base;
        if (type.kind === 'definition') {
          if (unit.defines && headDefines(unit.defines, subjectTerms)) score += 3;
          const previous = passage.units[unitIndex - 1];
          if (previous?.kind === 'heading' && subjectTerms.every((term) => previous.termSet.has(term)))
            score += 1;
        }
        candidates.push({
          unit,
          passage: passageIndex,
          position: unitIndex,
          score,
          base,
          match,
          concepts: matched,
          ...(lead ? { lead } : {}),
        });
      });
    });
    return candidates.sort((a, b) => b.score - a.score);
  };

  /**
   * Greedy choice with a coherence floor: every sentence must answer the question by itself.
   * `actions`: concepts that are the verb of a how-to question ("stop" in "how do I stop
   * overfitting"); sharing only that with the first sentence ("Stop sequences ...") is not
   * sharing its subject. `limits`: sentences and words this answer (or part of one) may quote.
   */
  const choose = (
    passages: ScoredPassage[],
    candidates: Candidate[],
    limits: Limits,
    required: Candidate[] = [],
    actions: ReadonlySet<number> = new Set(),
  ) => {
    const { sentences: maxSentences, words: maxWords } = limits;
    const chosen: Candidate[] = [];
    let words = 0;
    const bestMatch = Math.max(0, ...candidates.map((candidate) => candidate.match));
    // The floor ignores the definition bonus: the sentence that defines the subject comes first
    // but does not shut out the sentences that explain it further.
    const floor = Math.max(0, ...candidates.map((candidate) => candidate.base)) * 0.5;
    const take = (candidate: Candidate, force: boolean) => {
      if (chosen.length >= maxSentences || chosen.includes(candidate)) return;
      if (!force && (candidate.base < floor || candidate.match < bestMatch * 0.4)) return;
      // Later sentences must be about what the first is about, not a neighbour that shares another word.
      const lead = chosen[0];
      // The verb counts only when the first sentence holds nothing else of the question.
      const ignored = lead && [...lead.concepts].some((concept) => !actions.has(concept)) ? actions : NONE;
      if (
        !force &&
        lead &&
        ![...candidate.concepts].some((concept) => lead.concepts.has(concept) && !ignored.has(concept))
      )
        return;
      if (!force && chosen.some((other) => overlapShare(other.unit.termSet, candidate.unit.termSet) > 0.6))
        return;
      // An item of a list already quoted with its lead, or the lead of a quoted item, says it again.
      if (
        chosen.some(
          (other) =>
            other.unit.items?.units.includes(candidate.unit) ||
            candidate.unit.items?.units.includes(other.unit),
        )
      )
        return;
      if (chosen.length > 0 && words + wordsOf(candidate.unit) > maxWords) return;
      chosen.push(candidate);
      words += wordsOf(candidate.unit);
      // "SageMaker asynchronous inference ... queues requests." "This option is ideal for large
      // payloads ...": the sentence after the answer's first one, when it refers back, goes on
      // with the same subject.
      const next =
        chosen.length === 1 ? passages[candidate.passage]?.units[candidate.position + 1] : undefined;
      if (
        next &&
        !candidate.unit.items &&
        !next.notQuotable &&
        REFERS_TO_PREVIOUS.test(next.text) &&
        chosen.length < maxSentences &&
        words + next.words <= maxWords &&
        !chosen.some((other) => other.unit === next)
      ) {
        const { lead: _said, ...rest } = candidate;
        chosen.push({ ...rest, unit: next, position: candidate.position + 1 });
        words += next.words;
      }
    };
    for (const candidate of required) take(candidate, true);
    for (const candidate of candidates) take(candidate, false);
    return chosen;
  };

  /** A comparison answers both sides: the best sentence about each, then the best overall. */
  const chooseComparison = (
    analysed: AnalysedQuery,
    passages: ScoredPassage[],
    candidates: Candidate[],
    type: QuestionType,
    limits: Limits,
    sideCandidates: (side: string) => Candidate[],
  ) => {
    const named = (type.sides ?? [])
      .map((side) => partTerms(analysed, side))
      .filter((terms) => terms.length > 0);
    // "grid search vs random search": a word both sides share tells them apart from nothing.
    const shared = new Set(named.flat().filter((term) => named.every((terms) => terms.includes(term))));
    const distinct = named.map((terms) => terms.filter((term) => !shared.has(term)));
    const mentionsAll = (candidate: Candidate, terms: string[]) =>
      terms.every((term) => candidate.unit.termSet.has(term));
    const mentions = (candidate: Candidate, terms: string[]) =>
      terms.some((term) => candidate.unit.termSet.has(term));
    // A sentence that opens with the side ("Transparency helps to understand HOW ...", "In
    // supervised learning, ...") says what it is; "With self-supervised learning" is another thing.
    const opensWith = (candidate: Candidate, terms: string[]) => {
      const words = candidate.unit.text.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? [];
      // The parts of the first few words ("fine-tuning" -> fine, tune), each with its word.
      const parts = words
        .slice(0, terms.length + 1)
        .flatMap((word, index) =>
          tokenize(word).map((token, part) => ({ stem: normaliseTerm(token) ?? token, word: index, part })),
        );
      // The side starts the first or second word, not inside one ("self-supervised").
      return parts.some(
        (start, at) =>
          start.part === 0 &&
          start.word <= 1 &&
          terms.every((term, offset) => parts[at + offset]?.stem === term),
      );
    };
    // "RAG will not change the weights ..., whereas fine-tuning will ...": a sentence that sets the
    // sides against each other answers the question itself, and comes first.
    const contrast =
      distinct.length >= 2 && distinct.every((terms) => terms.length > 0)
        ? candidates.find((candidate) => contrasts(candidate.unit.text, distinct as [string[], string[]]))
        : undefined;
    // The best sentence about each side alone (a sentence naming both says little about either),
    // the one that defines the side first.
    const required = named.flatMap((terms, index) => {
      const others = distinct.filter((_, other) => other !== index).flat();
      const side = type.sides?.[index] ?? '';
      const defines = (candidate: Candidate) =>
        candidate.unit.defines !== null && headDefines(candidate.unit.defines, terms);
      // Within a tier, the sentence that matches most of the question (not the passage it is in).
      const best = (test: (candidate: Candidate) => boolean, pool = candidates) =>
        pool
          .filter(test)
          .reduce<Candidate | undefined>(
            (top, candidate) => (top && top.match >= candidate.match ? top : candidate),
            undefined,
          );
      const alone = (test: (candidate: Candidate) => boolean) => (candidate: Candidate) =>
        test(candidate) && !mentions(candidate, others);
      const opens = (candidate: Candidate) => opensWith(candidate, terms);
      // When the passages found for the comparison do not define a side, the side is looked up
      // on its own ("what is RAG"), as a definition question would.
      let own: Candidate[] | undefined;
      const ownPool = () => {
        own ??= sideCandidates(side);
        return own;
      };
      const about =
        best(alone(defines)) ??
        best(alone(defines), ownPool()) ??
        best(alone(opens)) ??
        best(alone(opens), ownPool()) ??
        best((candidate) => mentionsAll(candidate, terms) && !mentions(candidate, others)) ??
        best((candidate) => mentionsAll(candidate, terms)) ??
        best((candidate) => mentions(candidate, distinct[index] ?? terms));
      return about && about !== contrast ? [about] : [];
    });
    return choose(passages, candidates, limits, contrast ? [contrast, ...required] : required);
  };

  /** The passage from the first quoted unit (with its heading) until every quoted unit is in, then ~320 characters. */
  const excerptFor = (passage: ScoredPassage, used: AnalysedUnit[]): string => {
    const positions = used.map((unit) => passage.units.indexOf(unit)).filter((index) => index >= 0);
    const first = Math.min(...positions);
    const last = Math.max(...positions);
    const start = first > 0 && passage.units[first - 1]?.kind === 'heading' ? first - 1 : first;
    let excerpt = '';
    for (const [index, unit] of passage.units.entries()) {
      if (index < start) continue;
      if (index > last && excerpt.length > 320) break;
      excerpt = excerpt ? `${excerpt}\n${unit.text}` : unit.text;
    }
    // A quoted heading or title line from above the passage's window leads the excerpt; list
    // items quoted from below it close the excerpt.
    const outside = used.filter((unit) => !passage.units.includes(unit));
    const below = new Set(used.flatMap((unit) => unit.items?.units ?? []));
    const above = outside.filter((unit) => !below.has(unit)).map((unit) => unit.text);
    const after = outside.filter((unit) => below.has(unit)).map((unit) => unit.text);
    return [...above, excerpt, ...after].join('\n');
  };

  /** A query's own terms, each misspelt one replaced by its first correction. */
  const correctedTerms = (analysed: AnalysedQuery): string[] =>
    analysed.own.map(
      (term) => analysed.terms.find((entry) => entry.origin === 'typo' && entry.for === term)?.term ?? term,
    );

  /** The subject a turn hands to a follow-up: its rarest known search terms. */
  const subjectOf = (analysed: AnalysedQuery): string[] =>
    [...analysed.weights.keys()]
      .filter((term) => idf(term) > 0)
      .sort((a, b) => idf(b) - idf(a))
      .slice(0, MAX_SUBJECT_TERMS);

  return {
    modelId: 'local-extractive-v2',
    appliesGuardrail: false,
    async answer(query: AskQuery): Promise<AnswerResult> {
      const sessionId = query.sessionId ?? randomUUID();
      const previous: ConversationTurn | undefined = query.sessionId
        ? (await sessions.get(query.sessionId))?.at(-1)
        : undefined;
      // Masked PII and the words introducing it ("my email is {EMAIL}") are not what is asked.
      const question = withoutPiiPlaceholders(query.question);
      const k = query.k ?? defaultK;
      const search = (text: string, analysed: AnalysedQuery) =>
        retriever.searchPassages(
          { query: text, k, ...(query.filters ? { filters: query.filters } : {}) },
          analysed,
        );

      // In a message of several sentences, the one that asks is the question; the rest is context.
      const sentences = question.split(/(?<=[.!?])\s+/);
      const asking = sentences.filter((sentence) => sentence.trim().endsWith('?'));
      const preamble =
        sentences.length > 1 && asking.length > 0 && asking.length < sentences.length
          ? contentTerms(sentences.filter((sentence) => !asking.includes(sentence)).join(' '))
          : [];
      const asked = preamble.length > 0 ? asking.join(' ') : question;
      const own = (carriedSubject?: CarriedSubject) =>
        retriever.analyse(
          asked,
          carriedSubject ??
            (preamble.length > 0
              ? { terms: preamble, weight: PREAMBLE_WEIGHT, origin: 'preamble' }
              : undefined),
        );
      let analysed = own();
      let passages = search(question, analysed);
      let concepts = conceptsOf(analysed);
      let evidence = evidenceFor(concepts, passages);
      let subject = subjectOf(analysed);
      const carried = previous?.subject?.split(' ').filter(Boolean) ?? [];
      // A follow-up carries the previous subject, unless the question has a strong subject of its own.
      const strongSubject = evidence.covered && evidence.strongestIdf >= STRONG_SUBJECT_IDF * rarestIdf;
      const followUp =
        carried.length > 0 && !switchesTopic(question) && (refersBack(question) || !strongSubject);
      if (followUp) {
        analysed = own({ terms: carried, weight: CARRIED_WEIGHT });
        // The answer is about the carried subject: passages without any of its terms are left out.
        const about = search(question, analysed);
        const onSubject = about.filter(({ units }) =>
          units.some((unit) => carried.some((term) => unit.termSet.has(term))),
        );
        passages = onSubject.length > 0 ? onSubject : about;
        concepts = conceptsOf(analysed);
        evidence = evidenceFor(concepts, passages, true);
        subject = carried;
      }

      /** The quotes that answer one question (the whole message, or one part of it). */
      const quotesFor = (
        text: string,
        partAnalysed: AnalysedQuery,
        partPassages: ScoredPassage[],
        partConcepts: Concept[],
        partEvidence: Evidence,
        partLimits: Limits,
        quotedBefore: ReadonlySet<AnalysedUnit> = new Set(),
      ): Picked[] => {
        if (!partEvidence.covered) return [];
        const type = questionType(text);
        const list =
          type.kind === 'list' ? findListAnswer(correctedTerms(partAnalysed), partPassages, idf) : null;
        if (list)
          return [
            {
              list: {
                text: list.text,
                passage: partPassages[list.passage] as ScoredPassage,
                units: list.units,
              },
            },
          ];
        let candidates = candidatesFor(partAnalysed, partConcepts, partPassages, type);
        if (followUp) {
          // A follow-up is about the carried subject: a sentence that holds none of it ("... is
          // usually cheaper" for "who would usually use it") answers something else.
          const onSubject = candidates.filter(({ unit }) =>
            carried.some(
              (term) =>
                unit.termSet.has(term) || unit.context?.termSet.has(term) || unit.label?.terms.has(term),
            ),
          );
          if (onSubject.length > 0) candidates = onSubject;
        }
        const action = type.action ? normaliseTerm(type.action) : null;
        const actions = new Set(
          partConcepts.flatMap((concept, index) => (action && concept.any.includes(action) ? [index] : [])),
        );
        // "how do I fix underfitting": a sentence that shares only the verb ("fix: add more
        // training data", under overfitting) is about something else, when others hold the subject.
        const aboutSubject = candidates.filter(({ concepts: matched }) =>
          [...matched].some((index) => !actions.has(index)),
        );
        if (actions.size > 0 && aboutSubject.length > 0) candidates = aboutSubject;
        // The first part of a two-part question has quoted these already.
        candidates = candidates.filter(({ unit }) => !quotedBefore.has(unit));
        const chosen =
          type.kind === 'comparison'
            ? chooseComparison(partAnalysed, partPassages, candidates, type, partLimits, (side) => {
                const sideAnalysed = retriever.analyse(side);
                const fresh = search(`what is ${side}`, sideAnalysed).filter(
                  (passage) => !partPassages.some((other) => other.units[0] === passage.units[0]),
                );
                const offset = partPassages.length;
                partPassages.push(...fresh);
                return candidatesFor(sideAnalysed, conceptsOf(sideAnalysed), fresh, {
                  kind: 'definition',
                  subject: side,
                }).map((candidate) => ({ ...candidate, passage: candidate.passage + offset }));
              })
            : choose(partPassages, candidates, partLimits, [], actions);
        return chosen.map(({ unit, passage, lead }) => ({
          unit,
          passage: partPassages[passage] as ScoredPassage,
          ...(lead ? { lead } : {}),
        }));
      };

      // "What is overfitting and how do I fix it?": each part is answered on its own, the second
      // about the first's subject.
      const parts = followUp ? null : questionParts(asked);
      let picked: Picked[] = [];
      let answerPassages = passages;
      if (parts) {
        const seen = new Set<AnalysedUnit>();
        const partPassages: ScoredPassage[] = [];
        let firstSubject: string[] = [];
        for (const part of [parts.first, parts.second]) {
          // "... and when should I use it": the first part's subject is searched with the second.
          const partAnalysed =
            part === parts.second && parts.refersToFirst
              ? retriever.analyse(part, { terms: firstSubject, weight: CARRIED_WEIGHT })
              : retriever.analyse(part);
          if (part === parts.first) firstSubject = subjectOf(partAnalysed);
          const found = search(part, partAnalysed);
          const partConcepts = conceptsOf(partAnalysed);
          const evidenceOfPart = evidenceFor(
            partConcepts,
            found,
            part !== parts.first && parts.refersToFirst,
          );
          for (const pick of quotesFor(
            part,
            partAnalysed,
            found,
            partConcepts,
            evidenceOfPart,
            partLimits,
            seen,
          )) {
            picked.push(pick);
            for (const unit of 'list' in pick
              ? pick.list.units
              : [pick.unit, ...(pick.unit.items?.units ?? [])])
              seen.add(unit);
          }
          for (const passage of found) if (!partPassages.includes(passage)) partPassages.push(passage);
        }
        if (picked.length > 0) answerPassages = partPassages;
      }
      if (picked.length === 0) picked = quotesFor(asked, analysed, passages, concepts, evidence, limits);

      const said = new Set<string>();
      const quoted: Quote[] = picked.map((pick) => {
        if ('list' in pick) return pick.list;
        const { unit } = pick;
        // A context line ("AWS Artifact") is said once, however many sentences sit under it.
        const lead = pick.lead && !said.has(pick.lead.text) ? pick.lead : undefined;
        if (lead) said.add(lead.text);
        const body = unit.items ? withItems(unit.text, unit.items.texts) : unit.text;
        return {
          text: asSentence(
            unit.label ? `${unit.label.unit.text} ${body}` : lead ? `${lead.text}: ${body}` : body,
          ),
          passage: pick.passage,
          units: [
            ...(unit.label ? [unit.label.unit] : lead ? [lead.unit] : []),
            unit,
            ...(unit.items?.units ?? []),
          ],
        };
      });

      const citationIds = new Map<ScoredPassage, number>();
      for (const { passage } of quoted)
        if (!citationIds.has(passage)) citationIds.set(passage, citationIds.size + 1);
      const citations: Citation[] = [...citationIds].map(([passage, id]) => {
        const used = quoted.filter((quote) => quote.passage === passage).flatMap((quote) => quote.units);
        const heading = used[0]?.heading || passage.heading;
        return {
          id,
          source: passage.chunk.source,
          title: passage.chunk.title,
          ...(heading ? { heading } : {}),
          excerpt: excerptFor(passage, used),
          score: passage.relevance,
        };
      });
      const noAnswer = quoted.length === 0;
      const answer = noAnswer
        ? options.noAnswerMessage
        : quoted.map((quote) => `${quote.text} [${citationIds.get(quote.passage)}]`).join(' ');

      const subjectText = subject.join(' ');
      await sessions.append(sessionId, {
        question: query.question,
        retrievalQuery: followUp ? `${question} ${subjectText}` : question,
        answer,
        subject: subjectText,
      });
      const context: Passage[] = answerPassages.map(({ chunk, text, relevance }) => ({
        source: chunk.source,
        title: chunk.title,
        text,
        score: relevance,
      }));
      const contextTokens = answerPassages.reduce((sum, passage) => sum + passage.tokens, 0);
      return {
        answer,
        citations,
        guardrail: { action: 'NONE' },
        sessionId,
        noAnswer,
        context: noAnswer ? [] : context,
        usage: {
          inputTokens: estimateTokens(query.question) + contextTokens,
          outputTokens: estimateTokens(answer),
          estimated: true,
        },
        modelId: this.modelId,
      };
    },
  };
}
