/**
 * Decides what a piece of document text is, whatever format it came from: prose, or something
 * that must never be presented as prose (a slide footer, an image description, a chat
 * transcript example, a formula, diagram source).
 */
import { hasLatexCommands, latexToText } from './latex-to-text.js';
import type { BlockKind } from './normalise-text.js';

/** Slide and page furniture: copyright footers, page numbers. Dropped. */
const BOILERPLATE = [
  /^(?:created\s+(?:and|&)\s+)?copyright\s*(?:©|\(c\)|:|\d{4})/i,
  /^(?:©|\(c\))\s*(?:\d{4}|[A-Z])/i,
  /\ball rights reserved\b/i,
  /\bplease do not (?:copy|share|distribute|reproduce)\b/i,
  /^(?:page|slide)\s+\d+(?:\s*(?:of|\/)\s*\d+)?$/i,
  /^\d+\s*\/\s*\d+$/,
];

/**
 * Descriptions of pictures written by an export tool or an author ("The screenshot shows ...",
 * "The diagram shows ..."): about an image, not statements of the document.
 */
const IMAGE_DESCRIPTION =
  /^(?:the|this|a|an)\s+(?:screenshot|image|picture|photo(?:graph)?|diagram|figure|illustration|chart|graph|text area|interface|infographic|icon|logo|flowchart|visual)s?\b.{0,80}?\b(?:shows?|depicts?|displays?|illustrates?|contains?|features?|presents?|is enclosed|includes?|has)\b/i;

/**
 * Descriptions that name the picture first ("A photograph of a man ...", "A close-up photograph
 * of ...", "Diagram illustrating a sample dataset ..."). "An image of a cat is ..." is a
 * statement about images and stays prose, so only picture words that notes do not discuss open one.
 */
const PICTURE_OF =
  /^(?:(?:the|this|a|an)\s+)?(?:[\w-]+\s+){0,2}?(?:(?:photograph|photo|screenshot|illustration|drawing|rendering)\s+of|(?:diagram|illustration|figure|chart|screenshot|photo)\s+(?:illustrating|showing|depicting))\b/i;

/**
 * A scene with people, as slide exports describe stock photos ("A woman in a professional outfit
 * is holding a white sign ..."): a person as the subject, then a pose or what they wear.
 */
const PERSON_SCENE =
  /^(?:a|an|the|two|three|several|some)\s+(?:[\w'-]+\s+){0,4}?(?:woman|man|person|people|girl|boy|child|children|lady|gentleman|men|women|couple)\b(?!-)[^.]{0,120}?\b(?:is|are)\s+(?:\w+\s+)?(?:holding|standing|sitting|seated|wearing|smiling|gesturing|posing|pointing|dressed)\b/i;

/** Where on a picture or screen a line describes ("On the left, there's a sidebar ..."). */
const LAYOUT =
  /^(?:(?:on|at|in|to|below|above|beneath|under|next to|beside)\s+(?:the\s+|its\s+|her\s+|his\s+|their\s+)?(?:(?:top|bottom|upper|lower|far|middle)\s+)?(?:left|right|top|bottom|cent(?:er|re)|corner|background|foreground)\b|the main (?:area|panel|pane|window)\b|below the\b)/i;

/** A layout line that says what is there is a description even on its own. */
const LAYOUT_WITH_THING = /\bthere(?:'s| is| are)\b/i;

/** A speaker turn of an example conversation ("Human: ...", "Assistant:"). */
const TRANSCRIPT_TURN = /^(?:Human|Assistant|User|AI|Bot|Chatbot|Customer|Agent|Claude|Prompt)\s*:/;

/** First lines of diagram languages that are written in code blocks. */
const DIAGRAM_SOURCE =
  /^\s*(?:graph|flowchart)\s+(?:TD|TB|BT|RL|LR)\b|^\s*(?:sequenceDiagram|classDiagram|stateDiagram(?:-v2)?|erDiagram|gantt|pie(?:\s+title)?|mindmap|journey|gitGraph|timeline|quadrantChart|@startuml|digraph\s|strict\s+digraph)\b/;
const DIAGRAM_LANGUAGES = /^(?:mermaid|plantuml|puml|dot|graphviz|d2|ditaa)$/i;
const MATH_LANGUAGES = /^(?:math|latex|tex|katex)$/i;

/** Words of at least two letters: what makes text prose rather than a formula or a symbol. */
export function countWords(text: string): number {
  return text.match(/\p{L}{2,}/gu)?.length ?? 0;
}

/**
 * The kind of a text block that its markup called `proposed` (prose or a list item), or null
 * when it is furniture to drop. Code, tables and headings are never passed here. `previous` is
 * the line before it (`describedPoint`: itself a point of a described list): a description of a
 * screen goes on over several lines ("The screenshot shows ...", "On the right side of the
 * screen, ...", the points of a "... the following details:" list).
 */
export function classifyBlock(
  text: string,
  proposed: BlockKind,
  previous?: { text: string; kind: BlockKind; describedPoint?: boolean },
): BlockKind | null {
  if (BOILERPLATE.some((pattern) => pattern.test(text))) return null;
  if (IMAGE_DESCRIPTION.test(text) || PICTURE_OF.test(text) || PERSON_SCENE.test(text))
    return 'image-description';
  if (LAYOUT.test(text) && (LAYOUT_WITH_THING.test(text) || previous?.kind === 'image-description'))
    return 'image-description';
  // "The screenshot shows a notebook with the following details:" then its points.
  if (
    previous?.kind === 'image-description' &&
    proposed === 'list-item' &&
    (previous.describedPoint || /:\s*$/.test(previous.text))
  )
    return 'image-description';
  // "- Human: bring your own work team" is a list item, not a turn of a conversation.
  if (proposed === 'prose' && TRANSCRIPT_TURN.test(text)) return 'transcript';
  return proposed;
}

/** The kind of a code block from its language tag and first line: diagram source, math or code. */
export function codeBlockKind(language: string, firstLine: string): BlockKind {
  if (DIAGRAM_LANGUAGES.test(language) || DIAGRAM_SOURCE.test(firstLine)) return 'diagram';
  if (MATH_LANGUAGES.test(language)) return 'math';
  return 'code';
}

/** `$…$`, `$$…$$`, `\(…\)` and `\[…\]` spans; `\$` (an escaped dollar) never opens one. */
const MATH_SPAN =
  /(?<!\\)\$\$([^$]+?)\$\$|(?<![\\$])\$(?![\s$])([^$\n]+?)(?<![\s\\])\$(?![\d$])|\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]/g;

/**
 * Replaces math spans in a line with their plain-text reading. `isMath` is true when the line
 * is a formula with at most a label (fewer than three words outside the math), which answers
 * must not quote as a sentence.
 */
export function readInlineMath(line: string): { text: string; isMath: boolean } {
  let found = false;
  let outside = '';
  let last = 0;
  const text = line.replace(MATH_SPAN, (match, display, inline, paren, bracket, offset: number) => {
    found = true;
    outside += ` ${line.slice(last, offset)}`;
    last = offset + match.length;
    return latexToText(display ?? inline ?? paren ?? bracket ?? '');
  });
  outside += ` ${line.slice(last)}`;
  if (!found) {
    if (!hasLatexCommands(line)) return { text: line, isMath: false };
    // A formula written without delimiters ("R = \frac{1}{n} \sum ...").
    const converted = latexToText(line);
    return { text: converted, isMath: countWords(line.replace(/\\[a-zA-Z]+/g, ' ')) < 4 };
  }
  return { text, isMath: countWords(outside) < 3 };
}

/**
 * One table row as readable text: `Header: value; Header: value` when the table has a header
 * row, `a | b` otherwise. Empty cells are left out; a trailing full stop inside a cell is
 * dropped so the separators read cleanly.
 */
export function tableRowText(header: string[] | null, cells: string[]): string {
  const values = cells.map((cell) => cell.trim().replace(/[.;]+$/, ''));
  if (!header) return values.filter(Boolean).join(' | ');
  const parts: string[] = [];
  values.forEach((value, index) => {
    if (!value) return;
    const label = header[index]?.trim().replace(/[:.]+$/, '');
    parts.push(label && label !== value ? `${label}: ${value}` : value);
  });
  return parts.join('; ');
}
