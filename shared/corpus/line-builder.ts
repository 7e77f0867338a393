import { classifyBlock, codeBlockKind, tableRowText } from './classify-block.js';
import { latexToText } from './latex-to-text.js';
import type { BlockKind, NormalisedLine } from './normalise-text.js';

const IMAGE_PLACEHOLDER = /^(?:picture|image|img|photo|\[?image\]?|\[?figure\]?)$/i;

/** Contentless text: lone symbols, arrows, rules, image placeholders. */
export function isNoise(text: string): boolean {
  if (IMAGE_PLACEHOLDER.test(text)) return true;
  return !/[\p{L}\p{N}]{2,}/u.test(text);
}

/** Collapses white space (including no-break and zero-width spaces) to single spaces. */
export function collapseSpace(text: string): string {
  return text
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What every format parser emits into: it keeps the current heading and classifies text. */
export interface LineBuilder {
  readonly lines: NormalisedLine[];
  /** Starts a section; a repeat of the current heading (slide continuation) is ignored. */
  heading(text: string): void;
  /** Adds prose or a list item (classified: footers dropped, image descriptions marked ...), indented by `indent` columns. */
  text(text: string, kind?: BlockKind, indent?: number): void;
  /** Adds a line of a known kind as it is (math, an image's alt text, a transcript turn). */
  line(text: string, kind: BlockKind): void;
  /** Adds a code block: one line per source line, never re-cased or re-punctuated. */
  code(language: string, source: string): void;
  /** Adds a table, one readable line per row. */
  table(header: string[] | null, rows: string[][]): void;
  /** Appends to the last line when it is prose or a list item (a hard-wrapped continuation). */
  extendLast(text: string): boolean;
}

/** Creates a builder whose first section is `initialHeading` (the document title, if any). */
export function createLineBuilder(initialHeading = ''): LineBuilder {
  const lines: NormalisedLine[] = [];
  let heading = initialHeading;
  let lastHeadingKey = '';
  const push = (text: string, kind: BlockKind, indent = 0) =>
    lines.push(indent > 0 ? { heading, text, kind, indent } : { heading, text, kind });
  /** The last line when it is a point of a list that describes a picture. */
  let describedPoint: NormalisedLine | undefined;
  return {
    lines,
    heading(raw) {
      const text = collapseSpace(raw).replace(/:$/, '').trim();
      // A page number or footer set apart on its own line looks like a title: it is neither.
      if (!text || isNoise(text) || classifyBlock(text, 'heading') === null) return;
      const key = text.toLowerCase();
      if (key === lastHeadingKey) return;
      lastHeadingKey = key;
      heading = text;
      push(text, 'heading');
    },
    text(raw, proposed = 'prose', indent = 0) {
      const text = collapseSpace(raw);
      if (!text || isNoise(text)) return;
      const last = lines.at(-1);
      const kind = classifyBlock(
        text,
        proposed,
        last && { text: last.text, kind: last.kind, describedPoint: last === describedPoint },
      );
      if (!kind) return;
      push(text, kind, indent);
      describedPoint = kind === 'image-description' && proposed === 'list-item' ? lines.at(-1) : undefined;
    },
    line(raw, kind) {
      const text = collapseSpace(raw);
      if (text && !isNoise(text)) push(text, kind);
    },
    code(language, source) {
      // Lone brackets and braces carry nothing to search for or read in an excerpt.
      const sourceLines = source.split('\n').filter((line) => /[\p{L}\p{N}]/u.test(line));
      if (sourceLines.length === 0) return;
      const kind = codeBlockKind(language.trim(), sourceLines[0] ?? '');
      if (kind === 'math') {
        this.line(latexToText(sourceLines.join(' ')), 'math');
        return;
      }
      for (const line of sourceLines) push(line.replace(/\s+$/, ''), kind);
    },
    table(header, rows) {
      if (rows.length === 0 && header) {
        this.line(tableRowText(null, header), 'table-row');
        return;
      }
      for (const row of rows) this.line(tableRowText(header, row), 'table-row');
    },
    extendLast(raw) {
      const last = lines.at(-1);
      if (!last || (last.kind !== 'prose' && last.kind !== 'list-item')) return false;
      last.text = collapseSpace(`${last.text} ${raw}`);
      return true;
    },
  };
}
