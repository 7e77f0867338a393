/**
 * Plain-text documents, read as loose Markdown line by line because exported notes mix both:
 * `#` headings, bullets, code fences, tab-separated tables, `$$` formulas, and hard-wrapped
 * paragraphs whose lines are joined back into sentences.
 */
import { decodeHTML } from 'entities';
import { countWords, readInlineMath } from './classify-block.js';
import { isNoise, type LineBuilder } from './line-builder.js';

const BULLET_PREFIX = /^(?:[-*+•○●▪◦▽↳>]|\d{1,2}[.)]|[ivx]{1,4}[.,)])\s+/i;
const FENCE = /^\s*(`{3,}|~{3,})\s*([\w+#.-]*)/;
const SETEXT_UNDERLINE = /^\s*(?:={2,}|-{3,})\s*$/;
const SENTENCE_END = /[.!?:;]["')\]]*$/;
/** A section number on a line of its own ("3.2.a", "4.1"): the next line is the section's title. */
const SECTION_NUMBER = /^\d+\.\d+(?:\.[\da-z]+)*\.?$/i;
/** Words of a title line at most (a title over an indented block, a numbered section's title). */
const MAX_TITLE_WORDS = 10;
/** A lead-in sentence ("Sagemaker provides the following:", "... can offer you these benefits:"), not a title. */
const SENTENCE_WORDS =
  /\b(?:the following|these|as follows|is|are|was|were|can|could|will|would|should|must|may|has|have|provides?|includes?|offers?)\b/i;
/** Code written without fences ("def handler(event):", "Key={"): never a title. */
const CODE_LIKE = /\w\(|[{}=[\]←→]/;

/** Removes inline HTML and Markdown markup from one line, keeping its words. */
export function cleanInline(line: string): string {
  let text = line
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1') // Markdown autolinks
    .replace(/<\/?(?:ul|ol)\b[^>]*>/gi, ' ')
    .replace(/<li\b[^>]*>/gi, '; ')
    .replace(/<br\s*\/?>/gi, '; ')
    .replace(/<\/?[a-z][^>]*>/gi, '') // any other tag (<u>, <small>, <table> ...)
    .replace(/\\([$_*#[\]()>~`|\\-])/g, '$1') // Markdown escapes such as \$
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images: keep the alt text
    .replace(/\[([^\]]+)\]\((?:[^)]*)\)/g, '$1') // links: keep the label
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/__([^_]+)__/g, '$1')
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*(?=[\s.,;:)!?]|$)/g, '$1$2');
  text = decodeHTML(text);
  text = text
    .replace(/\t+/g, ' ')
    .replace(/\s*•\s*/g, (_match, offset: number) => (offset === 0 ? '' : '; ')) // inline bullets
    .replace(/↳/g, ' ')
    .replace(/\*\*/g, '')
    .replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^;\s*/, '')
    .trim();
  return text;
}

/** Columns of leading white space (a tab counts 4, a no-break space 1). */
function indentOf(raw: string): number {
  const lead = /^[\s\u00a0]*/.exec(raw)?.[0] ?? '';
  return lead.replace(/\t/g, '    ').length;
}

function stripBullet(text: string): string {
  let result = text;
  // Notes nest markers ("- ↳ ..."), so strip repeatedly.
  for (let i = 0; i < 3 && BULLET_PREFIX.test(result); i++) result = result.replace(BULLET_PREFIX, '');
  return result.trim();
}

function isUpperCaseHeading(text: string): boolean {
  return /[A-Z]{2}/.test(text) && text === text.toUpperCase() && text.length <= 90 && !/[.!?]$/.test(text);
}

function looksLikeHeading(raw: string, text: string, previousBlank: boolean): boolean {
  if (/^#{1,6}\s/.test(raw)) return true;
  if (/^Course:\s/.test(raw)) return true;
  if (BULLET_PREFIX.test(raw.trim()) || raw.includes('\t')) return false;
  if (isUpperCaseHeading(text) && text.split(' ').length <= 10) return true;
  const words = text.split(' ').length;
  if (/[.!?]\s/.test(text)) return false; // two sentences are body text (often UI captions), not a title
  return previousBlank && words <= 9 && text.length <= 80 && !/[.,;:!?)]$/.test(text) && /^[A-Z]/.test(text);
}

/**
 * A short line that names the block below it: no sentence inside, no sentence end (a final ":"
 * is allowed), not code. Exports of outlines mark such titles only by position, not by markup.
 */
function readsAsTitleLine(text: string): boolean {
  return (
    text.split(' ').length <= MAX_TITLE_WORDS &&
    !/[.!?]\s/.test(text) &&
    !/[.,;!?(]$/.test(text) &&
    !CODE_LIKE.test(text) &&
    !SENTENCE_WORDS.test(text)
  );
}

/** "essentials-of-prompt-engineering" reads "Essentials of prompt engineering". */
function unslug(text: string): string {
  return text.replace(/^([a-z\d]+(?:-[a-z\d]+){2,})(?=\s|$)/, (slug: string) => {
    const words = slug.replace(/-/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  });
}

function headingText(raw: string, text: string): string {
  return (
    unslug(
      text
        .replace(/^#{1,6}\s*/, '')
        .replace(/^Course:\s*/, '')
        .replace(/^[-\s]+/, '')
        .replace(/:$/, '')
        .trim(),
    ) || raw.trim()
  );
}

/**
 * Joins a bold span that a slide export broke over lines ("**Amazon SageMaker" / "Clarify**")
 * into one line, so a title is not cut into a heading and a stray word.
 */
export function joinBrokenBold(rawLines: string[]): string[] {
  const joined: string[] = [];
  for (let index = 0; index < rawLines.length; index++) {
    const line = rawLines[index] as string;
    const opens = /^\s*\*\*(?!\*)/.test(line) && (line.match(/\*\*/g) ?? []).length % 2 === 1;
    if (opens) {
      // The span must close within the next two lines, none of them blank.
      let end = -1;
      for (let next = index + 1; next <= index + 2 && next < rawLines.length; next++) {
        const candidate = rawLines[next] as string;
        if (!candidate.trim()) break;
        if ((candidate.match(/\*\*/g) ?? []).length % 2 === 1) {
          end = next;
          break;
        }
      }
      if (end > 0) {
        joined.push(
          rawLines
            .slice(index, end + 1)
            .map((part) => part.trim())
            .join(' '),
        );
        index = end;
        continue;
      }
    }
    joined.push(line);
  }
  return joined;
}

/**
 * The column a hard-wrapped file is wrapped at, or null when its lines run free. Wrapped text
 * has most of its prose lines just short of one width (72 to 120 characters, as editors wrap).
 */
export function wrapWidth(rawLines: string[]): number | null {
  const lengths = rawLines
    .filter((line) => line.trim().length >= 20 && !BULLET_PREFIX.test(line.trim()) && !line.includes('\t'))
    .map((line) => line.trimEnd().length)
    .sort((a, b) => a - b);
  if (lengths.length < 3) return null;
  const width = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  if (width < 50 || width > 120) return null;
  const nearWidth = lengths.filter((length) => length >= width * 0.7 && length <= width + 5).length;
  return nearWidth / lengths.length >= 0.5 ? width : null;
}

const PIPE_ROW = /^\|.*\|$/;
const HAS_PIPE = /(?<!\\)\|/;
const PIPE_DELIMITER = /^\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?\|?$/;

/** Cells of a `| a | b |` row; `\|` is a literal bar inside a cell. */
function pipeCells(row: string): string[] {
  return row
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cleanInline(cell.replace(/\\\|/g, '|')));
}

function splitCells(raw: string): string[] {
  return raw.split('\t').map((cell) => cleanInline(cell));
}

/**
 * Parses a plain-text body into `builder`. Returns the first `#` heading when it opens the
 * document (a title candidate).
 */
export function parsePlainText(body: string, builder: LineBuilder): { firstHeading?: string } {
  const rawLines = joinBrokenBold(body.split('\n'));
  const width = wrapWidth(rawLines);
  let firstHeading: string | undefined;
  let previousBlank = true;
  /** The previous non-blank line was a section number ("3.2.a") on its own. */
  let afterSectionNumber = false;
  /** The previous raw line became a prose or list line that a wrapped continuation may extend. */
  let continuable: { raw: string } | null = null;

  for (let index = 0; index < rawLines.length; index++) {
    const rawLine = rawLines[index] as string;
    const trimmed = rawLine.trim();
    const wasContinuable = continuable;
    continuable = null;
    const numbered = afterSectionNumber;
    if (trimmed) afterSectionNumber = SECTION_NUMBER.test(trimmed);

    const fence = FENCE.exec(rawLine);
    if (fence) {
      const marker = fence[1] as string;
      const source: string[] = [];
      for (index++; index < rawLines.length; index++) {
        const line = rawLines[index] as string;
        if (line.trim().startsWith(marker[0]?.repeat(3) ?? marker)) break;
        source.push(line);
      }
      builder.code(fence[2] ?? '', source.join('\n'));
      previousBlank = false;
      continue;
    }

    // A display formula over several lines: $$ ... $$.
    if (/^(?:[-*+]\s+)?\$\$/.test(trimmed) && (trimmed.match(/(?<!\\)\$\$/g) ?? []).length === 1) {
      const parts = [trimmed];
      for (index++; index < rawLines.length; index++) {
        const line = rawLines[index] as string;
        parts.push(line.trim());
        if (/(?<!\\)\$\$/.test(line)) break;
      }
      builder.line(readInlineMath(parts.join(' ').replace(/^[-*+]\s+/, '')).text, 'math');
      previousBlank = false;
      continue;
    }

    // Tab-separated rows (spreadsheet and slide-table exports); a bulleted line is not a row.
    // Nothing declares a header row here, so cells are not labelled with a guessed one.
    if (
      rawLine.includes('\t') &&
      !BULLET_PREFIX.test(trimmed) &&
      countWords(rawLine.replace(/\t/g, ' ')) > 0
    ) {
      const rows: string[][] = [];
      for (; index < rawLines.length; index++) {
        const line = rawLines[index] as string;
        if (!line.includes('\t') || BULLET_PREFIX.test(line.trim())) break;
        rows.push(splitCells(line));
      }
      index--;
      const [only] = rows;
      if (rows.length === 1 && only && only.filter(Boolean).length < 2) builder.text(only.join(' '));
      else builder.table(null, rows);
      previousBlank = false;
      continue;
    }

    // Markdown pipe tables: | a | b |, or a header row over a |---|---| delimiter row.
    const following = rawLines[index + 1]?.trim() ?? '';
    if (PIPE_ROW.test(trimmed) || (HAS_PIPE.test(trimmed) && PIPE_DELIMITER.test(following))) {
      const rows: string[][] = [];
      let hasHeader = false;
      for (; index < rawLines.length; index++) {
        const line = (rawLines[index] as string).trim();
        if (!HAS_PIPE.test(line)) break;
        if (PIPE_DELIMITER.test(line)) {
          hasHeader = rows.length === 1;
          continue;
        }
        rows.push(pipeCells(line));
      }
      index--;
      if (hasHeader) builder.table(rows[0] ?? [], rows.slice(1));
      else builder.table(null, rows);
      previousBlank = false;
      continue;
    }

    const next = rawLines[index + 1];
    // An underline below the last line of a block, or below a sentence, closes the block (a
    // rule between sections), it does not make the line a heading.
    const setext =
      next !== undefined &&
      SETEXT_UNDERLINE.test(next) &&
      trimmed.length > 0 &&
      previousBlank &&
      !/[.!?]["')]?$/.test(trimmed);

    const math = readInlineMath(rawLine);
    const text = cleanInline(math.isMath ? stripBullet(trimmed) : math.text);
    if (!text || isNoise(text)) {
      previousBlank = previousBlank || !text;
      continue;
    }
    if (math.isMath) {
      builder.line(cleanInline(math.text.trim().replace(BULLET_PREFIX, '')), 'math');
      previousBlank = false;
      continue;
    }

    const isBullet = BULLET_PREFIX.test(trimmed);
    if (wasContinuable && !isBullet && !/^#{1,6}\s/.test(trimmed) && !setext) {
      const previous = wasContinuable.raw.trimEnd();
      const unfinished = !SENTENCE_END.test(previous);
      // Only in a hard-wrapped file (notes with free-running lines put one point per line), and
      // only where an editor would have wrapped: the next word did not fit on the line.
      const nextWord = text.split(' ')[0] ?? '';
      const wrapped = width !== null && previous.length + 1 + nextWord.length > width;
      if (unfinished && wrapped && builder.extendLast(text)) {
        continuable = { raw: rawLine };
        previousBlank = false;
        continue;
      }
    }

    // Outline notes title a block by position: a short line at the left margin over indented
    // lines ("Fine-tuning:" then "  Fine-tuning is ..."), or the line after a section number.
    const titlesBlock =
      !isBullet &&
      readsAsTitleLine(text) &&
      ((numbered && /^[A-Z"]/.test(text)) ||
        (/^\S/.test(rawLine) && next !== undefined && /^\s{2,}\S/.test(next)));
    if (setext || titlesBlock || looksLikeHeading(rawLine, text, previousBlank)) {
      const heading = headingText(rawLine, text);
      if (firstHeading === undefined && builder.lines.length === 0 && /^#\s/.test(rawLine)) {
        firstHeading = heading;
      }
      builder.heading(heading);
      previousBlank = false;
      if (setext) index++;
      continue;
    }
    previousBlank = false;
    const content = stripBullet(text);
    if (!content || isNoise(content)) continue;
    const before = builder.lines.length;
    builder.text(content, isBullet ? 'list-item' : 'prose', indentOf(rawLine));
    const added = builder.lines.at(-1);
    if (builder.lines.length > before && (added?.kind === 'prose' || added?.kind === 'list-item')) {
      continuable = { raw: rawLine };
    }
  }
  return firstHeading === undefined ? {} : { firstHeading };
}
