import { citedSentences } from './citation-faithfulness.js';

/** Signs that a quoted "sentence" is a heading, label, footer, diagram or markup, not an answer. */
const NOT_AN_ANSWER: [string, RegExp][] = [
  ['label', /:\s*$/],
  ['markup', /\$\$|\\(?:frac|sum|text|mathrm|left|right)\b|```|<\/?[a-z][^>]*>|^\s*#{1,6}\s/i],
  ['diagram', /-->|==>|^\s*(?:graph|flowchart|sequenceDiagram)\b|\bsubgraph\b/i],
  ['footer', /created and copyright|all rights reserved|©/i],
  ['table', /\|.*\|/],
];

/**
 * The cited sentences of an answer that do not read as an answer: fewer than four words (a
 * heading or label), or markup, a diagram, a footer or a table row. A heuristic for reports.
 */
export function nonAnswerSentences(answer: string): { sentence: string; reason: string }[] {
  const found: { sentence: string; reason: string }[] = [];
  for (const { sentence } of citedSentences(answer)) {
    const words = sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
    const reason =
      words.length < 4 ? 'heading' : NOT_AN_ANSWER.find(([, pattern]) => pattern.test(sentence))?.[0];
    if (reason) found.push({ sentence, reason });
  }
  return found;
}
