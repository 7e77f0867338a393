/**
 * Markdown documents through a CommonMark parser (micromark, with GFM tables and `$` math), so
 * that hard-wrapped paragraphs are one paragraph and lists, tables, code and formulas keep
 * their structure.
 */
import type { Nodes, Parent, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { mathFromMarkdown } from 'mdast-util-math';
import { gfmTable } from 'micromark-extension-gfm-table';
import { math } from 'micromark-extension-math';
import { countWords } from './classify-block.js';
import { latexToText } from './latex-to-text.js';
import type { LineBuilder } from './line-builder.js';
import type { BlockKind } from './normalise-text.js';
import { parseHtml } from './parse-html.js';

/** Marks a hard line break inside a paragraph's text (`<br>`, two trailing spaces). */
const BREAK = '\u2028';

/** Plain text of inline content: markup dropped, math read as text, inline images left out. */
function inlineText(nodes: readonly PhrasingContent[], math: { words: number }): string {
  let text = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        text += node.value.replace(/\n/g, ' '); // a soft line break is a space
        break;
      case 'inlineCode':
        text += node.value;
        break;
      case 'inlineMath':
        // `$5 and $10` is money, not math: math does not start or end with a space.
        if (/^\s|\s$/.test(node.value)) text += `$${node.value}$`;
        else {
          const reading = latexToText(node.value);
          math.words += countWords(reading);
          text += reading;
        }
        break;
      case 'break':
        text += BREAK;
        break;
      case 'html':
        if (/^<br\s*\/?>$/i.test(node.value)) text += BREAK;
        break;
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        break;
      default:
        if ('children' in node) text += inlineText(node.children as PhrasingContent[], math);
    }
  }
  return text;
}

/** A paragraph that is only an image (and white space) describes that image. */
function imageOnly(nodes: readonly PhrasingContent[]): string | null {
  const meaningful = nodes.filter((node) => !(node.type === 'text' && !node.value.trim()));
  const [only] = meaningful;
  if (meaningful.length !== 1 || !only) return null;
  if (only.type === 'image' || only.type === 'imageReference') return only.alt ?? '';
  if (only.type === 'link' && only.children.length === 1) return imageOnly(only.children);
  return null;
}

function paragraph(nodes: readonly PhrasingContent[], kind: BlockKind, builder: LineBuilder): void {
  const alt = imageOnly(nodes);
  if (alt !== null) {
    builder.line(alt, 'image-description');
    return;
  }
  const math = { words: 0 };
  const text = inlineText(nodes, math);
  for (const line of text.split(BREAK)) {
    // A formula with at most a label ("F1 = 2PR / (P + R)") is math, not a sentence.
    if (math.words > 0 && countWords(line) - math.words < 3) builder.line(line, 'math');
    else builder.text(line, kind);
  }
}

function table(node: Table, builder: LineBuilder): void {
  const rows = node.children.map((row) =>
    row.children.map((cell) => inlineText(cell.children, { words: 0 }).replaceAll(BREAK, ' ')),
  );
  const [header, ...body] = rows;
  builder.table(header ?? null, body);
}

function block(node: RootContent, builder: LineBuilder, kind: BlockKind): void {
  switch (node.type) {
    case 'heading':
      builder.heading(inlineText(node.children, { words: 0 }).replaceAll(BREAK, ' '));
      return;
    case 'paragraph':
      paragraph(node.children, kind, builder);
      return;
    case 'list':
      for (const item of node.children) for (const child of item.children) block(child, builder, 'list-item');
      return;
    case 'table':
      table(node, builder);
      return;
    case 'code':
      builder.code(node.lang ?? '', node.value);
      return;
    case 'math':
      builder.line(latexToText(node.value), 'math');
      return;
    case 'html':
      parseHtml(node.value, builder, { fragment: true });
      return;
    case 'blockquote':
      for (const child of node.children) block(child, builder, kind);
      return;
    case 'definition':
    case 'thematicBreak':
    case 'yaml':
      return;
    default:
      if ('children' in node)
        for (const child of (node as Parent).children) block(child as RootContent, builder, kind);
  }
}

/**
 * Parses a Markdown body (front matter already removed) into `builder`. Returns the text of
 * the first heading when it is a level-1 heading that opens the document (a title candidate).
 */
export function parseMarkdown(body: string, builder: LineBuilder): { firstHeading?: string } {
  const tree: Root = fromMarkdown(body, {
    extensions: [gfmTable(), math()],
    mdastExtensions: [gfmTableFromMarkdown(), mathFromMarkdown()],
  });
  for (const node of tree.children) block(node, builder, 'prose');
  const first = tree.children[0] as Nodes | undefined;
  if (first?.type === 'heading' && first.depth === 1) {
    const text = builder.lines.find((line) => line.kind === 'heading')?.text;
    if (text) return { firstHeading: text };
  }
  return {};
}
