/**
 * Turns messy course-note exports (slide dumps, Markdown, HTML fragments) into clean lines with
 * their section heading, so that retrieved passages read cleanly. The source files stay as given.
 */

/**
 * What a line is. Retrieval indexes every kind; answers quote only prose-like kinds, never a
 * heading, code or math source.
 */
export type BlockKind = 'heading' | 'prose' | 'list-item' | 'table-row' | 'code' | 'math';

/** One clean line of a document and the heading of the section it belongs to. */
export interface NormalisedLine {
  heading: string;
  text: string;
  kind: BlockKind;
}

export interface NormalisedDocument {
  /** Title found in the document itself (front matter or first Markdown heading). */
  title?: string;
  lines: NormalisedLine[];
}

const HTML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

const BULLET_PREFIX = /^(?:[-*+•○●▪◦▽↳>]|\d{1,2}[.)]|[ivx]{1,4}[.,)])\s+/i;
const IMAGE_PLACEHOLDER = /^(?:picture|image|img|photo|\[?image\]?|\[?figure\]?)$/i;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/** Decodes the HTML entities that appear in exported notes. */
function decodeEntities(text: string): string {
  return text.replace(/&(#?\w+);/g, (match, name: string) => {
    if (name in HTML_ENTITIES) return HTML_ENTITIES[name] ?? match;
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : match;
    }
    return match;
  });
}

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
  text = decodeEntities(text);
  text = text
    .replace(/\t+/g, ' | ') // table cells
    .replace(/\s*•\s*/g, (_match, offset: number) => (offset === 0 ? '' : '; ')) // inline bullets
    .replace(/\|\s*;\s*/g, '| ')
    .replace(/↳/g, ' ')
    .replace(/\*\*/g, '')
    .replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/(?:\s*\|\s*)+$/g, '')
    .replace(/^(?:\s*\|\s*)+/g, '')
    .replace(/^;\s*/, '')
    .trim();
  return text;
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

/** Contentless lines: lone symbols, arrows, image placeholders. */
function isNoise(text: string): boolean {
  if (IMAGE_PLACEHOLDER.test(text)) return true;
  return !/[\p{L}\p{N}]{2,}/u.test(text);
}

function headingText(raw: string, text: string): string {
  return (
    text
      .replace(/^#{1,6}\s*/, '')
      .replace(/^Course:\s*/, '')
      .replace(/^[-\s]+/, '')
      .replace(/:$/, '')
      .trim() || raw.trim()
  );
}

/**
 * Normalises a document. `format` selects the markup to expect; plain text is treated as loose
 * Markdown because the exported notes mix both.
 */
export function normaliseText(
  raw: string,
  format: 'text' | 'markdown' | 'html' = 'text',
): NormalisedDocument {
  let body = raw.replace(/\r\n?/g, '\n');
  let title: string | undefined;
  const frontMatter = FRONT_MATTER.exec(body);
  if (frontMatter) {
    title = /^title:\s*(.+)$/m.exec(frontMatter[1] ?? '')?.[1]?.trim();
    body = body.slice(frontMatter[0].length);
  }
  if (format === 'html') body = htmlToLines(body);

  const lines: NormalisedLine[] = [];
  let heading = title ?? '';
  let previousBlank = true;
  let lastHeadingKey = '';
  let inCodeFence = false;
  for (const rawLine of body.split('\n')) {
    if (/^\s*(?:```|~~~)/.test(rawLine)) {
      inCodeFence = !inCodeFence;
      continue;
    }
    const text = cleanInline(rawLine);
    if (!text || isNoise(text)) {
      previousBlank = previousBlank || !text;
      continue;
    }
    if (!inCodeFence && looksLikeHeading(rawLine, text, previousBlank)) {
      const next = headingText(rawLine, text);
      const key = next.toLowerCase();
      previousBlank = false;
      if (title === undefined && lines.length === 0 && /^#\s/.test(rawLine)) title = next;
      // Slide exports repeat a title on every continuation slide: keep the section whole.
      if (key === lastHeadingKey) continue;
      lastHeadingKey = key;
      heading = next;
      lines.push({ heading, text: next, kind: 'heading' });
      continue;
    }
    previousBlank = false;
    const content = stripBullet(text);
    if (content && !isNoise(content)) lines.push({ heading, text: content, kind: 'prose' });
  }
  return title === undefined ? { lines } : { title, lines };
}

/** Reduces an HTML document to text lines, keeping block structure and headings. */
function htmlToLines(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/gi, (_m, level: string, inner: string) => {
      return `\n\n${'#'.repeat(Number(level))} ${inner.replace(/<[^>]+>/g, '').trim()}\n\n`;
    })
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(p|div|li|tr|section|article|table|ul|ol|pre|blockquote)>/gi, '\n')
    .replace(/<(td|th)\b[^>]*>/gi, '\t')
    .replace(/<br\s*\/?>/gi, '\n');
}

/** Splits text into sentences, keeping abbreviations like "e.g." together. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=["'(]?[A-Z0-9])/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0)
    .reduce<string[]>((sentences, sentence) => {
      const previous = sentences.at(-1);
      if (previous && /\b(?:e\.g|i\.e|etc|vs|Mr|Dr|approx)\.$/i.test(previous)) {
        sentences[sentences.length - 1] = `${previous} ${sentence}`;
      } else sentences.push(sentence);
      return sentences;
    }, []);
}
