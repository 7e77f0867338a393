/**
 * Turns documents (Markdown, HTML, plain text, including messy course-note exports) into clean
 * lines, each with its kind and the heading of its section, so that retrieved passages read
 * cleanly and answers quote only prose. The source files stay as given.
 */
import { createLineBuilder } from './line-builder.js';
import { parseHtml } from './parse-html.js';
import { parseMarkdown } from './parse-markdown.js';
import { parsePlainText } from './parse-plain-text.js';

export { splitSentences } from './split-sentences.js';

/**
 * What a line is. Retrieval indexes every kind; answers quote only the prose-like kinds
 * (`QUOTABLE_KINDS`), never a heading, code, a formula, diagram source, the description of an
 * image or an example conversation.
 */
export type BlockKind =
  | 'heading'
  | 'prose'
  | 'list-item'
  | 'table-row'
  | 'code'
  | 'math'
  | 'diagram'
  | 'image-description'
  | 'transcript';

/**
 * Kinds that read as statements of the document and may be quoted in an answer. A table row
 * reads as `Header: value; Header: value`.
 */
export const QUOTABLE_KINDS: ReadonlySet<BlockKind> = new Set(['prose', 'list-item', 'table-row']);

/** One clean line of a document and the heading of the section it belongs to. */
export interface NormalisedLine {
  heading: string;
  text: string;
  kind: BlockKind;
  /**
   * Columns the line is indented by in a plain-text outline (a tab is 4), when more than 0: a
   * deeper line explains the one above it, a shallower one ends its list.
   */
  indent?: number;
}

export interface NormalisedDocument {
  /** Title found in the document itself: front matter, HTML `<title>`, or an opening `#` heading. */
  title?: string;
  lines: NormalisedLine[];
}

export type DocumentFormat = 'text' | 'markdown' | 'html';

const FRONT_MATTER = /^\ufeff?---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

/** Reads `title:` from YAML front matter (quotes removed). */
function frontMatterTitle(yaml: string): string | undefined {
  const value = /^title:\s*(.+)$/m.exec(yaml)?.[1]?.trim();
  return value?.replace(/^(["'])(.*)\1$/, '$2').trim() || undefined;
}

/**
 * Normalises a document. `format` selects the parser: a CommonMark parser for Markdown, an
 * HTML parser for HTML, and a line reader for plain text that also understands the loose
 * Markdown found in exported notes.
 */
export function normaliseText(raw: string, format: DocumentFormat = 'text'): NormalisedDocument {
  let body = raw.replace(/\r\n?/g, '\n');
  let title: string | undefined;
  const frontMatter = format === 'html' ? null : FRONT_MATTER.exec(body);
  if (frontMatter) {
    title = frontMatterTitle(frontMatter[1] ?? '');
    body = body.slice(frontMatter[0].length);
  }
  const builder = createLineBuilder(title ?? '');
  let found: { title?: string; firstHeading?: string };
  if (format === 'html') found = parseHtml(body, builder);
  else if (format === 'markdown') found = parseMarkdown(body, builder);
  else found = parsePlainText(body, builder);
  title ??= found.title ?? found.firstHeading;
  const lines = builder.lines;
  // Text before the first heading belongs to the document's title.
  if (title) for (const line of lines) if (!line.heading) line.heading = title;
  return title === undefined ? { lines } : { title, lines };
}
