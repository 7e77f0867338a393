/**
 * HTML documents through a real parser (htmlparser2, which decodes entities): the `<title>`,
 * headings, paragraphs, lists, tables and `<pre>` blocks are kept; the doctype, comments,
 * scripts, styles, navigation and page footers are dropped.
 */
import { type ChildNode, type Element, isTag, isText } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { readInlineMath } from './classify-block.js';
import { collapseSpace, type LineBuilder } from './line-builder.js';
import type { BlockKind } from './normalise-text.js';

/** Elements whose content is not part of the document's text. */
const SKIPPED = new Set([
  'head',
  'title',
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'footer',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'audio',
  'video',
  'button',
  'select',
  'textarea',
  'input',
  'form',
  'dialog',
]);

/** Elements that start a new line of text; everything else is inline. */
const BLOCKS = new Set([
  'html',
  'body',
  'main',
  'article',
  'section',
  'header',
  'aside',
  'div',
  'p',
  'blockquote',
  'address',
  'dl',
  'dt',
  'dd',
  'ul',
  'ol',
  'menu',
  'figure',
  'details',
  'summary',
  'center',
  'fieldset',
  'legend',
  'hgroup',
  'caption',
  'hr',
]);

const HEADING = /^h[1-6]$/;

function isHidden(element: Element): boolean {
  return 'hidden' in element.attribs || element.attribs['aria-hidden'] === 'true';
}

function classOf(element: Element): string {
  return element.attribs.class ?? '';
}

/** Text content of a subtree, skipping what is never text; `<br>` becomes a space. */
function textOf(nodes: readonly ChildNode[]): string {
  let text = '';
  for (const node of nodes) {
    if (isText(node)) text += node.data;
    else if (isTag(node)) {
      if (SKIPPED.has(node.name) || isHidden(node)) continue;
      text += node.name === 'br' ? ' ' : textOf(node.children);
      if (BLOCKS.has(node.name) || node.name === 'li') text += ' ';
    }
  }
  return text;
}

/** `<pre><code class="language-x">`, `<pre class="mermaid">` ... -> the block's language. */
function languageOf(element: Element): string {
  const code = element.children.find((child): child is Element => isTag(child) && child.name === 'code');
  const classes = `${classOf(element)} ${code ? classOf(code) : ''}`;
  if (/\bmermaid\b/.test(classes)) return 'mermaid';
  return /\blang(?:uage)?-([\w+#-]+)/.exec(classes)?.[1] ?? '';
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (!isTag(child)) continue;
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot')
      rows.push(...rowsOf(child));
  }
  return rows;
}

function cellsOf(row: Element): Element[] {
  return row.children.filter(
    (child): child is Element => isTag(child) && (child.name === 'td' || child.name === 'th'),
  );
}

function emitTable(table: Element, builder: LineBuilder): void {
  const caption = table.children.find((child): child is Element => isTag(child) && child.name === 'caption');
  if (caption) builder.text(textOf(caption.children));
  const rows = rowsOf(table);
  const first = rows[0];
  const firstCells = first ? cellsOf(first) : [];
  const headed =
    first !== undefined &&
    ((first.parent as Element | null)?.name === 'thead' ||
      (firstCells.length > 0 && firstCells.every((cell) => cell.name === 'th')));
  const texts = rows.map((row) => cellsOf(row).map((cell) => collapseSpace(textOf(cell.children))));
  if (headed) builder.table(texts[0] ?? [], texts.slice(1));
  else builder.table(null, texts);
}

/**
 * Parses HTML into `builder`. Returns the `<title>` (or null); `fragment` is HTML embedded in
 * another document (a Markdown block), which has no title of its own.
 */
export function parseHtml(
  html: string,
  builder: LineBuilder,
  options: { fragment?: boolean } = {},
): { title?: string } {
  const document = parseDocument(html);
  let buffer = '';
  const flush = (kind: BlockKind) => {
    const text = collapseSpace(buffer);
    buffer = '';
    if (!text) return;
    const math = readInlineMath(text);
    if (math.isMath) builder.line(math.text, 'math');
    else if (kind === 'image-description') builder.line(math.text, kind);
    else builder.text(math.text, kind);
  };

  const walk = (nodes: readonly ChildNode[], kind: BlockKind): void => {
    for (const node of nodes) {
      if (isText(node)) {
        buffer += node.data;
        continue;
      }
      if (!isTag(node) || SKIPPED.has(node.name) || isHidden(node)) continue;
      const name = node.name;
      if (HEADING.test(name)) {
        flush(kind);
        builder.heading(textOf(node.children));
      } else if (name === 'br') {
        flush(kind);
      } else if (name === 'pre' || /\bmermaid\b/.test(classOf(node))) {
        flush(kind);
        builder.code(languageOf(node), textOf(node.children).replace(/^\n/, ''));
      } else if (name === 'table') {
        flush(kind);
        emitTable(node, builder);
      } else if (name === 'img') {
        const alt = node.attribs.alt?.trim();
        if (alt && !buffer.trim()) builder.line(alt, 'image-description');
      } else if (name === 'math') {
        flush(kind);
        builder.line(node.attribs.alttext ?? textOf(node.children), 'math');
      } else if (name === 'figcaption') {
        flush(kind);
        walk(node.children, 'image-description');
        flush('image-description');
      } else if (name === 'li') {
        flush(kind);
        walk(node.children, 'list-item');
        flush('list-item');
      } else if (BLOCKS.has(name)) {
        flush(kind);
        walk(node.children, kind);
        flush(kind);
      } else {
        walk(node.children, kind);
      }
    }
  };
  walk(document.children, 'prose');
  flush('prose');

  if (options.fragment) return {};
  const titleElement = findFirst(document.children, 'title');
  const title = titleElement ? collapseSpace(textOf(titleElement.children)) : '';
  return title ? { title } : {};
}

function findFirst(nodes: readonly ChildNode[], name: string): Element | undefined {
  for (const node of nodes) {
    if (!isTag(node)) continue;
    if (node.name === name) return node;
    const found = findFirst(node.children, name);
    if (found) return found;
  }
  return undefined;
}
