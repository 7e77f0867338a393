import type { ChunkUnit } from '../../corpus/chunk-document.js';
import { estimateTokens } from '../../corpus/estimate-tokens.js';
import { QUOTABLE_KINDS } from '../../corpus/normalise-text.js';
import { contentTerms, normaliseTerm } from '../../text/text-analysis.js';
import { definedTerms } from './definitions.js';

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
    if (unit.notQuotable || unit.label) continue;
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

/**
 * Joins label lines to the fragment that completes them: notes often put "Term:" on one line and
 * its explanation, starting in lower case, on the next.
 */
export function attachLabels(units: AnalysedUnit[]): void {
  for (let i = 1; i < units.length; i++) {
    const label = units[i - 1] as AnalysedUnit;
    const unit = units[i] as AnalysedUnit;
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
