import type { ChunkUnit } from '../../corpus/chunk-document.js';
import { estimateTokens } from '../../corpus/estimate-tokens.js';
import { QUOTABLE_KINDS } from '../../corpus/normalise-text.js';
import { contentTerms, normaliseTerm } from '../../text/text-analysis.js';
import { definedTerms } from './definitions.js';
import { itemsAfter } from './list-answer.js';

/**
 * A sentence unit of the notes as answering needs it, worked out once when the index is built
 * rather than for every question (term analysis was most of an answer's cost).
 */
export interface AnalysedUnit extends ChunkUnit {
  /** Content terms in order, with repeats (term frequencies for the index). */
  terms: string[];
  termSet: ReadonlySet<string>;
  words: number;
  /** Estimated tokens (`estimateTokens`), counted once for the context-size figures. */
  tokens: number;
  /** Why the unit may not be quoted as an answer, or null when it reads as a statement. */
  notQuotable: string | null;
  /** What the unit defines ("X is ..." -> terms of X), or null. */
  defines: string[] | null;
  /**
   * A short label line just before the unit that the unit completes ("Temperature:" then
   * "controls the randomness ..."): quoted together, and its terms count for the unit.
   */
  label?: { unit: AnalysedUnit; terms: ReadonlySet<string> };
  /**
   * The heading or title line a few lines above the unit that names what it is about ("AWS
   * Artifact" over "Download AWS security and compliance documents ..."): a sentence often
   * leaves out the name its heading gives.
   */
  context?: AnalysedUnit;
  /**
   * The service a nearby line above names ("Amazon SageMaker Clarify" over "Mitigate bias by
   * detecting potential bias during ..."), for a unit that does not name one itself: a
   * which-service answer says the name.
   */
  service?: { unit: AnalysedUnit; name: string };
  /**
   * The items of a list this unit leads ("Mitigate bias by detecting potential bias during" /
   * "Data preparation" / "After model training" ...): the lead is quoted with them, never cut
   * from them.
   */
  items?: ListItems;
}

/** A lead's list items: their texts, the units they come from, and their terms and words. */
export interface ListItems {
  texts: string[];
  units: AnalysedUnit[];
  terms: ReadonlySet<string>;
  words: number;
}

/** Units looked back for a unit's context (its heading or title line). */
export const CONTEXT_LOOKBACK = 3;
/** A context line is a name, not a sentence: at most this many words. */
const MAX_CONTEXT_WORDS = 8;

/** True for a line that names what the lines below it are about. */
function namesSection(unit: AnalysedUnit): boolean {
  if (unit.words > MAX_CONTEXT_WORDS || unit.termSet.size === 0) return false;
  if (/^(?:what|how|why|when|which|who|where)\b|\?$/i.test(unit.text)) return false; // a question, not a name
  return unit.kind === 'heading' || unit.notQuotable === 'title' || unit.notQuotable === 'label';
}

/**
 * Gives each quotable unit the heading or title line within `CONTEXT_LOOKBACK` units above it
 * (the nearest one). A unit joined to a label line has that label instead.
 */
export function attachContexts(units: AnalysedUnit[]): void {
  for (let i = 1; i < units.length; i++) {
    const unit = units[i] as AnalysedUnit;
    if ((unit.notQuotable && !unit.items) || unit.label) continue;
    for (let j = i - 1; j >= Math.max(0, i - CONTEXT_LOOKBACK); j--) {
      const above = units[j] as AnalysedUnit;
      if (namesSection(above)) {
        unit.context = above;
        break;
      }
      if (above.kind === 'heading') break;
    }
  }
}

/** Units looked back for the line that names a unit's service. */
export const SERVICE_LOOKBACK = 6;
/** A heading or title line that names a service may be this long ("Responsible AI : AWS Services and Tools – 3. Amazon SageMaker Clarify"). */
const MAX_SERVICE_TITLE_WORDS = 14;

/** Vendor-prefixed names (and SageMaker's features), as slides title them. */
const SERVICE = /\b(?:Amazon|AWS)(?:\s+(?:[A-Z][\w-]*|\d[\w-]*))+|\bSageMaker(?:\s+[A-Z][\w-]*)+/g;
/** "AWS Services", "AWS AI Services", "Amazon Managed ...": words about services, not a name. */
const NOT_A_NAME =
  /^(?:Amazon|AWS)\s+(?:(?:AI|ML|GenAI|Generative)\s+)?(?:Services?|Tools?|Managed|Certified|Accounts?|Console|Cloud|Customers?|Offerings?|Partners?)\b/;

/** The first service a text names ("Amazon SageMaker Clarify"), or null. */
export function serviceNamed(text: string): string | null {
  for (const match of text.matchAll(SERVICE)) if (!NOT_A_NAME.test(match[0])) return match[0].trim();
  return null;
}

/**
 * Gives each quotable unit that names no service the service of the nearest short line within
 * `SERVICE_LOOKBACK` units above that names one: a heading, a slide title, or a line such as
 * "Amazon GuardDuty - threat detection" over its explanation.
 */
export function attachServices(units: AnalysedUnit[]): void {
  for (let i = 1; i < units.length; i++) {
    const unit = units[i] as AnalysedUnit;
    if ((unit.notQuotable && !unit.items) || serviceNamed(unit.text)) continue;
    for (let j = i - 1; j >= Math.max(0, i - SERVICE_LOOKBACK); j--) {
      const above = units[j] as AnalysedUnit;
      const titled = above.kind === 'heading' || above.notQuotable === 'title';
      if (above.words > (titled ? MAX_SERVICE_TITLE_WORDS : MAX_CONTEXT_WORDS)) continue;
      if (/\?\s*$/.test(above.text)) continue;
      const name = serviceNamed(above.text);
      if (name) {
        unit.service = { unit: above, name };
        break;
      }
    }
  }
}

/** An item that is no bullet is a point of the list only when this short ("Cross validation"). */
const MAX_PLAIN_ITEM_WORDS = 6;
/** Fewest items that make a lead's list. */
const MIN_LEAD_ITEMS = 3;
/** A lead and its items are quoted together up to this many words. */
const MAX_LEAD_WITH_ITEMS_WORDS = 70;
/** A line that stops where its list goes on ("... potential bias during", "... such as"). */
const UNFINISHED =
  /\b(?:during|of|for|to|by|with|in|on|at|from|as|like|including|include|includes|and|or|the|a|an|between|into|about|via|following|either)$/i;

/**
 * Gives a line that leads a list (it ends with ":" or stops mid-sentence, "... bias during")
 * the list's items, so the lead is quoted with them. Headings lead lists too, but only a list
 * answer quotes them.
 */
export function attachItems(units: AnalysedUnit[]): void {
  for (let i = 0; i < units.length - 1; i++) {
    const unit = units[i] as AnalysedUnit;
    if (!QUOTABLE_KINDS.has(unit.kind) || unit.continues) continue;
    if (!/:\s*$/.test(unit.text) && !UNFINISHED.test(unit.text)) continue;
    if (unit.words > MAX_ANSWER_WORDS) continue;
    // A title or a question right below starts another section, not this line's list; a
    // lower-case line that is no bullet completes the lead ("Temperature:" / "controls the ..."),
    // and a shallower line in an outline is not under it.
    const next = units[i + 1] as AnalysedUnit;
    if (next.notQuotable === 'title' || /\?\s*$/.test(next.text)) continue;
    if (next.kind !== 'list-item' && /^[a-z]/.test(next.text)) continue;
    if ((next.indent ?? 0) < (unit.indent ?? 0)) continue;
    const { items, used } = itemsAfter(units, i + 1, false);
    if (items.length < MIN_LEAD_ITEMS) continue;
    // A list of leads ("Speech:", "Vision:") is an outline, and template text ("[Name]", "{...}")
    // is no list of points.
    if (/:\s*$/.test(used[0]?.text ?? '') || items.some((item) => /[[\]{}]/.test(item))) continue;
    // Points of a list are bullets or short lines, not a paragraph's sentences.
    if (used.some((item) => item.kind !== 'list-item' && item.words > MAX_PLAIN_ITEM_WORDS)) continue;
    const words = items.reduce((sum, item) => sum + item.split(/\s+/).length, unit.words);
    if (words > MAX_LEAD_WITH_ITEMS_WORDS) continue;
    const terms = new Set(used.flatMap((item) => [...item.termSet]));
    unit.items = { texts: items, units: used, terms, words };
  }
}

/**
 * Joins label lines to the fragment that completes them: notes often put "Term:" on one line and
 * its explanation, starting in lower case, on the next.
 */
export function attachLabels(units: AnalysedUnit[]): void {
  for (let i = 1; i < units.length; i++) {
    const label = units[i - 1] as AnalysedUnit;
    const unit = units[i] as AnalysedUnit;
    if (label.items) continue; // "fix:" leads its whole list, not just the first item
    if (unit.kind !== 'prose' && unit.kind !== 'list-item') continue;
    if (!/^[a-z]/.test(unit.text) || !/^[^.!?]{1,60}:$/.test(label.text) || label.words > 6) continue;
    unit.label = { unit: label, terms: label.termSet };
    if (!unit.defines) unit.defines = label.terms.length > 0 ? [...label.termSet] : null;
  }
}

/** Units shorter than this are labels or headings; longer ones are run-on dumps. */
export const MIN_ANSWER_WORDS = 4;
export const MAX_ANSWER_WORDS = 60;

const MARKUP =
  /\$\$|\$[^$\s][^$]*\\[a-z]+|\\(?:frac|sum|text|mathrm|left|right|begin|end|cdot|times|sqrt)\b|```|<\/?[a-z][^>]*>|\{\{|\}\}/i;
const DIAGRAM =
  /-->|==>|<--|^\s*(?:graph|flowchart|sequenceDiagram|classDiagram)\b|\bsubgraph\b|\w\[["(]|;\s*end;?$/i;
const FOOTER = /created and copyright|all rights reserved|©|please do not copy|\bpage \d+ of \d+\b/i;
const TRANSCRIPT = /^(?:human|assistant|user|ai|bot|system|customer|agent)\s*:/i;
const FIGURE =
  /^(?:the |this |a )?(?:image|screenshot|figure|picture|diagram|illustration|photo)\s+(?:shows|depicts|displays|illustrates|contains)\b|^(?:on|at|in) the (?:left|right|top|bottom)\b[^.]*\bthere(?:'s| is| are)\b/i;
/** Shell commands and code lines that reach a unit marked as prose (plain-text exports lose fences). */
const CODE_LINE =
  /^(?:\$\s|(?:npm|npx|pnpm|yarn|pip3?|git|aws|docker|kubectl|curl|cd|ls|sudo|python3?|node|export|cat|echo|terraform|cdk)\s+[\w.-])|\s--[a-z][\w-]*|[{};]\s*$|^\s*(?:import|from|def|class|const|let|var|function|return)\s/;
const SMALL_WORDS = /^(?:a|an|and|as|at|by|for|from|in|into|of|on|or|the|to|vs|with|&|-|–|—|\+|\/)$/i;

/** True for title-like text: mostly capitalised words and no sentence punctuation. */
function readsAsTitle(raw: string): boolean {
  // Slide titles are often numbered: "Responsible AI – 5." is a title, not a sentence.
  const text = raw.replace(/\s+[-–—]\s*\d+\.?$/, '');
  if (/[.!?]["')]?$/.test(text)) return false;
  const words = text.split(/\s+/).filter((word) => !SMALL_WORDS.test(word));
  if (words.length === 0 || words.length > 12) return false;
  const capitalised = words.filter((word) => /^[^a-z]*[A-Z0-9]/.test(word)).length;
  return capitalised / words.length >= 0.6;
}

/**
 * Why a unit cannot be quoted as an answer: headings, code, math and diagram source never are;
 * prose, list items and two-cell table rows are when they read as a statement, not as a label,
 * a title, a footer, a chat transcript, an image description or markup.
 */
export function whyNotQuotable(unit: Pick<ChunkUnit, 'text' | 'kind'>, words: number): string | null {
  const { text, kind } = unit;
  // Only prose-like kinds are ever quoted: never headings, code, math, diagram source, image
  // descriptions or example conversations (the parser decides the kind).
  if (!QUOTABLE_KINDS.has(kind)) return kind;
  if (DIAGRAM.test(text)) return 'diagram';
  if (CODE_LINE.test(text)) return 'code';
  if (words < MIN_ANSWER_WORDS) return 'label';
  if (words > MAX_ANSWER_WORDS) return 'run-on';
  const pipes = (text.match(/\|/g) ?? []).length;
  if (pipes >= 2 || (kind === 'table-row' && pipes > 1)) return 'table';
  if (/[?:]\s*$/.test(text)) return 'lead-in';
  if (text === text.toUpperCase() && /[A-Z]{2}/.test(text)) return 'title';
  if (MARKUP.test(text)) return 'markup';
  if (DIAGRAM.test(text)) return 'diagram';
  if (FOOTER.test(text)) return 'footer';
  if (TRANSCRIPT.test(text)) return 'transcript';
  if (FIGURE.test(text)) return 'figure';
  if (/^(?:what|how|why|when|which|who|where)\b/i.test(text) && !/[.!]$/.test(text) && words <= 8)
    return 'title';
  if (readsAsTitle(text)) return 'title';
  if (/https?:\/\//.test(text) && words <= 8) return 'link';
  return null;
}

/** A product name with a version number glued on ("Inferentia2", "Llama3"). */
const VERSIONED_NAME = /^([a-z]{4,})\d+$/;

/** Analyses one unit (index time). */
export function analyseUnit(unit: ChunkUnit): AnalysedUnit {
  const terms = contentTerms(unit.text);
  // "Inferentia2" is also about "Inferentia": the name is indexed without its version too.
  for (const term of terms.slice()) {
    const name = VERSIONED_NAME.exec(term)?.[1];
    const stemmed = name ? normaliseTerm(name) : null;
    if (stemmed) terms.push(stemmed);
  }
  const words = unit.text.split(/\s+/).filter(Boolean).length;
  return {
    ...unit,
    terms,
    termSet: new Set(terms),
    words,
    tokens: estimateTokens(unit.text),
    notQuotable: whyNotQuotable(unit, words),
    defines: unit.kind === 'heading' ? null : definedTerms(unit.text),
  };
}
