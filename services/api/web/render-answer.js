// Turns an answer (Markdown with [n] markers and TeX) into safe DOM, and finds the sentence of a
// source excerpt that an answer span quotes. Libraries are served by this app (assets/…).

const escapeHtml = (text) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** What sanitised answer HTML may contain: text markup, lists, tables, code, links. No media, no forms. */
const SANITIZE = {
  ALLOWED_TAGS: 'p br strong em del code pre blockquote ul ol li a table thead tbody tr th td hr span'.split(
    ' ',
  ),
  ALLOWED_ATTR: ['href', 'title', 'start'],
  ALLOW_DATA_ATTR: true, // only those in DATA_ATTRIBUTES survive (hook below)
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
};

// Math: $$…$$ and \[…\] display, \(…\) and $…$ inline. A single $ opens only before a non-space
// and closes only after one and not before a digit, so "$5 and $10" stays text (Pandoc's rule).
const MATH_PATTERNS = [
  { pattern: /^\$\$([\s\S]+?)\$\$/, display: true },
  { pattern: /^\\\[([\s\S]+?)\\\]/, display: true },
  { pattern: /^\\\(([\s\S]+?)\\\)/, display: false },
  { pattern: /^\$(?=[^\s$])((?:\\.|[^\\$\n])+?)(?<=[^\s\\])\$(?!\d)/, display: false },
];

const mathExtension = {
  name: 'math',
  level: 'inline',
  start: (source) => source.match(/(?<!\\)\$|\\[([]/)?.index,
  tokenizer(source) {
    for (const { pattern, display } of MATH_PATTERNS) {
      const match = pattern.exec(source);
      if (match) return { type: 'math', raw: match[0], tex: match[1].trim(), display };
    }
    return undefined;
  },
  renderer: (token) =>
    `<span data-tex="${escapeHtml(token.tex)}" data-display="${token.display}">${escapeHtml(token.raw)}</span>`,
};

const citeExtension = {
  name: 'cite',
  level: 'inline',
  start: (source) => source.match(/\[\d{1,3}\]/)?.index,
  tokenizer(source) {
    const match = /^\[(\d{1,3})\]/.exec(source);
    return match ? { type: 'cite', raw: match[0], id: match[1] } : undefined;
  },
  renderer: (token) => `<a data-cite="${token.id}">[${token.id}]</a>`,
};

/** The data attributes the Markdown extensions write; raw HTML is escaped, so no others come. */
const DATA_ATTRIBUTES = new Set(['data-cite', 'data-tex', 'data-display']);

let libraries;

/**
 * Loads Marked and DOMPurify once. Without them (a bundle missing its vendor folder) answers
 * are shown as plain text rather than breaking the page.
 */
export function loadLibraries() {
  libraries ??= Promise.all([import('./marked.esm.js'), import('./purify.es.mjs')])
    .then(([markedModule, purifyModule]) => {
      const markdown = new markedModule.Marked({ gfm: true, breaks: false });
      markdown.use({
        extensions: [mathExtension, citeExtension],
        renderer: {
          // Raw HTML in an answer is shown as text; images would be third-party requests.
          html: ({ text }) => escapeHtml(text),
          image: ({ text }) => escapeHtml(text),
          // Emphasis, not headings: an answer's "# Title" must not break the page's outline.
          heading({ tokens }) {
            return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>\n`;
          },
        },
      });
      const purify = purifyModule.default;
      purify.addHook('afterSanitizeAttributes', (node) => {
        for (const name of node.getAttributeNames())
          if (name.startsWith('data-') && !DATA_ATTRIBUTES.has(name)) node.removeAttribute(name);
        if (node.tagName === 'A' && node.hasAttribute('href')) {
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', 'noopener noreferrer');
        }
      });
      return { markdown, purify };
    })
    .catch(() => null);
  return libraries;
}

let katexLoading;

/** KaTeX (about 270 KB and its fonts) is fetched only when an answer contains math. */
function loadKatex() {
  katexLoading ??= new Promise((resolve) => {
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = 'assets/katex.min.css';
    document.head.append(style);
    const script = document.createElement('script');
    script.src = 'assets/katex.min.js';
    script.onload = () => resolve(window.katex ?? null);
    script.onerror = () => resolve(null);
    document.head.append(script);
  });
  return katexLoading;
}

/** Typesets `[data-tex]` placeholders; KaTeX builds DOM with CSSOM styles, which the CSP allows. */
async function typeset(container) {
  const placeholders = [...container.querySelectorAll('[data-tex]')];
  if (placeholders.length === 0) return;
  const katex = await loadKatex();
  if (!katex) return;
  for (const element of placeholders) {
    if (element.dataset.typeset) continue;
    try {
      // throwOnError: KaTeX's own error markup sets a style attribute, which the CSP refuses.
      katex.render(element.dataset.tex, element, {
        displayMode: element.dataset.display === 'true',
        throwOnError: true,
        trust: false,
        maxExpand: 500,
      });
      element.classList.add('math');
    } catch (error) {
      element.className = 'katex-error';
      element.title = error instanceof Error ? error.message : 'Cannot typeset this formula';
      element.textContent = element.dataset.tex;
    }
    element.dataset.typeset = 'true';
  }
}

/**
 * Renders an answer into `container`: Markdown, sanitised, markers linked to their sources,
 * math typeset. `linkFor(id)` gives `{ href, label, number }` for a known citation id, or null.
 * Falls back to plain text when the libraries are unavailable.
 */
export async function renderAnswer(container, markdownText, linkFor) {
  const loaded = await loadLibraries();
  if (!loaded) {
    container.textContent = markdownText;
    return;
  }
  const html = loaded.markdown.parse(markdownText, { async: false });
  const fragment = loaded.purify.sanitize(html, { ...SANITIZE, RETURN_DOM_FRAGMENT: true });
  for (const marker of fragment.querySelectorAll('a[data-cite]')) {
    const link = linkFor(Number(marker.dataset.cite));
    if (!link) {
      marker.replaceWith(document.createTextNode(`[${marker.dataset.cite}]`));
      continue;
    }
    marker.className = 'cite';
    marker.href = link.href;
    marker.textContent = String(link.number);
    marker.setAttribute('aria-label', link.label);
  }
  container.replaceChildren(fragment);
  await typeset(container);
}

/** The answer's text spans, each with the citation ids of the markers that close it. */
export function citedSpans(answer) {
  const spans = [];
  for (const match of answer.matchAll(/([^[\]]+?)((?:\s*\[\d{1,3}\])+)/g)) {
    const text = match[1].replace(/[*_`#>$\\]|\[|\]/g, ' ').trim();
    const ids = [...match[2].matchAll(/\[(\d+)\]/g)].map((id) => Number(id[1]));
    if (text) spans.push({ text, ids });
  }
  return spans;
}

/** Citation ids in the order the answer first uses them, then any it never marks. */
export function citationOrder(answer, ids) {
  const used = [...answer.matchAll(/\[(\d{1,3})\]/g)].map((match) => Number(match[1]));
  const known = new Set(ids);
  const order = [...new Set(used.filter((id) => known.has(id)))];
  return [...order, ...ids.filter((id) => !order.includes(id))];
}

const STOP_WORDS = new Set(
  'the and for are but not you all any can her was one our out has had his how its may new now see two who did get let put say she too use that with this from they will have what when your which their there been into more than them then these were also such only some each most other about would could should'.split(
    ' ',
  ),
);

const contentWords = (text) =>
  (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (word) => word.length > 2 && !STOP_WORDS.has(word),
  );

/** Lower-cased text with runs of white space folded, and where each kept character came from. */
function folded(text) {
  let value = '';
  const origin = [];
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (/\s/.test(character)) {
      if (value.endsWith(' ') || value === '') continue;
      value += ' ';
    } else value += character.toLowerCase();
    origin.push(index);
  }
  return { value, origin };
}

/**
 * Where in `excerpt` the answer `span` is quoted: `{ start, end }` character offsets, or null.
 * A verbatim quote (the offline engine) is found exactly; a paraphrase (Bedrock) marks the
 * excerpt sentence or line sharing the most words with it, if it shares at least half of the
 * span's words (and two or more).
 */
export function quoteRange(excerpt, span) {
  const needle = folded(span.replace(/[.!?:;,\s]+$/, '')).value;
  const haystack = folded(excerpt);
  if (needle.length >= 12) {
    const at = haystack.value.indexOf(needle);
    if (at !== -1) return { start: haystack.origin[at], end: haystack.origin[at + needle.length - 1] + 1 };
  }
  const wanted = new Set(contentWords(span));
  if (wanted.size === 0) return null;
  let best = null;
  for (const match of excerpt.matchAll(/[^\n.!?]+[.!?]?/g)) {
    const shared = new Set(contentWords(match[0]).filter((word) => wanted.has(word))).size;
    if (shared >= 2 && shared / wanted.size >= 0.5 && (!best || shared > best.shared)) {
      const leading = match[0].length - match[0].trimStart().length;
      best = { shared, start: match.index + leading, end: match.index + match[0].trimEnd().length };
    }
  }
  return best && { start: best.start, end: best.end };
}
