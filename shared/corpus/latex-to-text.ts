/**
 * Reads LaTeX math as plain text (`\frac{TP}{TP + FN}` -> `(TP)/(TP + FN)`), so formulas are
 * searchable by their words and readable in an excerpt. Not a renderer: layout is lost.
 */

const SYMBOLS: Record<string, string> = {
  times: '×',
  cdot: '·',
  div: '÷',
  pm: '±',
  leq: '≤',
  le: '≤',
  geq: '≥',
  ge: '≥',
  neq: '≠',
  ne: '≠',
  approx: '≈',
  sim: '~',
  infty: '∞',
  sum: 'Σ',
  prod: 'Π',
  int: '∫',
  partial: '∂',
  nabla: '∇',
  rightarrow: '→',
  Rightarrow: '⇒',
  to: '→',
  leftarrow: '←',
  in: '∈',
  top: 'ᵀ',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  Delta: 'Δ',
  epsilon: 'ε',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  Sigma: 'Σ',
  tau: 'τ',
  phi: 'φ',
  omega: 'ω',
  ldots: '…',
  cdots: '…',
  dots: '…',
};

/** Commands whose argument is text to keep as it is. */
const TEXT_COMMANDS = new Set([
  'text',
  'textbf',
  'textit',
  'mathrm',
  'mathbf',
  'mathit',
  'mathsf',
  'mathtt',
  'mathbb',
  'mathcal',
  'operatorname',
  'boldsymbol',
]);
/** Commands that add nothing to the words. */
const SILENT_COMMANDS = new Set([
  'left',
  'right',
  'big',
  'Big',
  'bigg',
  'displaystyle',
  'limits',
  'quad',
  'qquad',
]);
const ACCENTS: Record<string, string> = {
  hat: '\u0302',
  bar: '\u0304',
  tilde: '\u0303',
  vec: '\u20d7',
  dot: '\u0307',
};

/** Reads one `{...}` group starting at `start` (which must be `{`); returns its content and the end. */
function readGroup(source: string, start: number): { content: string; end: number } {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return { content: source.slice(start + 1, i), end: i + 1 };
  }
  return { content: source.slice(start + 1), end: source.length };
}

/** The next argument of a command: a `{group}` or a single character. */
function readArgument(source: string, start: number): { content: string; end: number } {
  let position = start;
  while (source[position] === ' ') position++;
  if (source[position] === '{') return readGroup(source, position);
  return { content: source[position] ?? '', end: Math.min(source.length, position + 1) };
}

function convert(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (char === '{' || char === '}') {
      i++;
      continue;
    }
    if (char === '&') {
      out += ', ';
      i++;
      continue;
    }
    if (char !== '\\') {
      out += char;
      i++;
      continue;
    }
    const name = /^[a-zA-Z]+/.exec(source.slice(i + 1))?.[0];
    if (!name) {
      const next = source[i + 1] ?? '';
      out += next === '\\' ? '; ' : /[,;: !]/.test(next) ? ' ' : next; // \\ row break, \, spacing, \{ escapes
      i += 2;
      continue;
    }
    i += 1 + name.length;
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac') {
      const numerator = readArgument(source, i);
      const denominator = readArgument(source, numerator.end);
      out += `(${convert(numerator.content)})/(${convert(denominator.content)})`;
      i = denominator.end;
    } else if (name === 'sqrt') {
      const argument = readArgument(source, i);
      out += `√(${convert(argument.content)})`;
      i = argument.end;
    } else if (name in ACCENTS) {
      const argument = readArgument(source, i);
      out += `${convert(argument.content)}${ACCENTS[name]}`;
      i = argument.end;
    } else if (TEXT_COMMANDS.has(name)) {
      const argument = readArgument(source, i);
      out += convert(argument.content);
      i = argument.end;
    } else if (name === 'begin' || name === 'end') {
      const environment = readArgument(source, i);
      out += /matrix/.test(environment.content) ? (name === 'begin' ? '[' : ']') : ' ';
      i = environment.end;
    } else if (!SILENT_COMMANDS.has(name)) {
      out += SYMBOLS[name] ?? name;
    }
  }
  return out;
}

/** Converts a LaTeX math source (without its `$` delimiters) to one line of plain text. */
export function latexToText(source: string): string {
  return convert(source)
    .replace(/\s+/g, ' ')
    .replace(/\s*([,;])\s*(?=[,;\]])/g, '$1')
    .replace(/\[\s*;?\s*/g, '[')
    .replace(/\s*;?\s*\]/g, ']')
    .trim()
    .normalize('NFC');
}

const KNOWN_COMMANDS = new RegExp(
  `\\\\(?:${[...Object.keys(SYMBOLS), ...TEXT_COMMANDS, ...Object.keys(ACCENTS), 'frac', 'dfrac', 'sqrt', 'begin', 'left', 'right'].join('|')})(?![a-zA-Z])`,
);

/**
 * True when text holds math commands such as `\frac` or `\text{...}` (known names only, so a
 * Windows path like `C:\Users` is not mistaken for math).
 */
export function hasLatexCommands(text: string): boolean {
  return KNOWN_COMMANDS.test(text);
}
