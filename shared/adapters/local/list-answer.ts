import { termSetOf } from '../../text/text-analysis.js';
import type { AnalysedUnit } from './chunk-analysis.js';

/** Items quoted in one list answer at most. */
export const MAX_LIST_ITEMS = 12;
/** An item longer than this (in words) is a sentence, not a list item. */
const MAX_ITEM_WORDS = 12;
/** A "Label: what it means" item is listed by its label when the label is this short. */
const MAX_LABEL_WORDS = 6;
/** Sentences that explain an item (or introduce the list) skipped between two items at most. */
const MAX_EXPLANATIONS = 4;

/** A list quoted as one sentence: its lead, then its items joined by semicolons. */
export interface ListAnswer {
  text: string;
  passage: number;
  /** The units quoted (the lead, when it is a unit of the passage, and the items). */
  units: AnalysedUnit[];
}

interface ListPassage {
  units: AnalysedUnit[];
}

const STOPS: ReadonlySet<string> = new Set(['heading', 'code', 'math', 'diagram']);
/** A numbered slide title, "Responsible AI – 1." or "... Tools – 3. Amazon SageMaker Clarify". */
const NUMBERED_TITLE = /\s[-–—]\s*\d+\.?(?:\s|$)/;
const LABEL = /^(.{2,60}?)\s*(?::|\s[-–]\s)\s*\S/;

/** A short line without sentence punctuation ("Version control", "Rushed deployments"). */
const isLabelLine = (unit: AnalysedUnit) =>
  (unit.notQuotable === 'label' || unit.notQuotable === 'title') && unit.words <= MAX_LABEL_WORDS;

/** A line that can introduce a list: a heading, a title line or a lead-in ending in ":". */
const isLead = (unit: AnalysedUnit) =>
  unit.kind === 'heading' ||
  (unit.words <= 15 &&
    (unit.notQuotable === 'lead-in' || unit.notQuotable === 'title' || unit.notQuotable === 'label')) ||
  /:\s*$/.test(unit.text);

const clean = (text: string) =>
  text
    .replace(/^[*_\s]+|[*_\s]+$/g, '')
    .replace(/[.;,:?]\s*$/, '')
    .trim();

/** The item a unit lists: its label ("Label: what it means"), or the whole short line. */
function itemOf(unit: AnalysedUnit): string | null {
  const label = LABEL.exec(unit.text)?.[1];
  if (label && label.split(/\s+/).length <= MAX_LABEL_WORDS) return clean(label);
  return unit.words <= MAX_ITEM_WORDS ? clean(unit.text) : null;
}

/**
 * The items that follow a lead (from `units[start]`); `subHeadings` false for a lead that is a
 * line of text, whose list never goes on under headings. Notes write lists two ways: one item a line ("Context: external
 * information ...", its later sentences continuing the line), or short label lines each followed
 * by a paragraph ("Version control" then three sentences). The first item decides which; the
 * sentences in between explain an item and are skipped.
 */
export function itemsAfter(
  units: readonly AnalysedUnit[],
  start: number,
  subHeadings = true,
): { items: string[]; used: AnalysedUnit[] } {
  const items: string[] = [];
  const used: AnalysedUnit[] = [];
  let labelLines: boolean | undefined;
  let first: AnalysedUnit | undefined;
  let skipped = 0;
  for (let i = start; i < units.length && items.length < MAX_LIST_ITEMS; i++) {
    const unit = units[i] as AnalysedUnit;
    // Notes mark some sub-headings of such a list as headings and others as plain lines; a
    // sub-heading with lines of its own under it is an item (one over another heading is not).
    const subHeading =
      subHeadings &&
      labelLines !== false &&
      unit.kind === 'heading' &&
      unit.words <= MAX_LABEL_WORDS &&
      units[i + 1] !== undefined &&
      units[i + 1]?.kind !== 'heading';
    if (
      !subHeading &&
      (STOPS.has(unit.kind) || unit.notQuotable === 'table' || unit.notQuotable === 'markup')
    )
      break;
    if (unit.continues) continue; // a later sentence of the item's own line
    // In an indented outline a shallower line ends the list and a deeper one explains an item.
    if (first && (unit.indent ?? 0) < (first.indent ?? 0)) break;
    if (first && (unit.indent ?? 0) > (first.indent ?? 0)) {
      if (++skipped > MAX_EXPLANATIONS) break;
      continue;
    }
    if (NUMBERED_TITLE.test(unit.text)) break; // "Responsible AI – 1.": the next slide begins
    // "Amazon Q Developer" ... then "Section on :", or "too small training data" ... then "fix:":
    // a line that leads a list of its own ends this one, unless every item is such a line
    // ("Temperature:", "Top P:", "Top K:").
    if (first && /:\s*$/.test(unit.text) && !/:\s*$/.test(first.text)) break;
    const item = subHeading
      ? clean(unit.text)
      : labelLines === undefined
        ? itemOf(unit)
        : labelLines
          ? isLabelLine(unit)
            ? clean(unit.text)
            : null
          : // One item a line: a short bullet like the first item is an item too ("use less epochs").
            isLabelLine(unit) && unit.kind !== first?.kind
            ? null
            : itemOf(unit);
    if (item === null || item.length < 2) {
      if (++skipped > (items.length === 0 ? 1 : MAX_EXPLANATIONS)) break;
      continue;
    }
    skipped = 0;
    if (labelLines === undefined) {
      // Label lines each over a paragraph, unless the next line is another such label: then
      // the list is one short item a line ("Data preparation", "After model training", ...).
      const next = units[i + 1];
      labelLines =
        subHeading ||
        (isLabelLine(unit) && !(next && isLabelLine(next) && next.kind === unit.kind && !next.continues));
      first = unit;
    }
    if (!items.includes(item)) {
      items.push(item);
      used.push(unit);
    }
  }
  return { items, used };
}

/**
 * A list question ("name the four elements of a prompt", "list the OWASP top 10") answered by
 * a list of the notes: a run of at least three items under a lead that names what is asked.
 * The lead is a heading, a title line, a lead-in ending in ":" or, for a passage that starts
 * inside a list, its section heading. It must hold two of the question's words, or its rarest.
 * The list whose lead matches most of the question wins.
 */
export function findListAnswer(
  questionTerms: readonly string[],
  passages: readonly ListPassage[],
  idf: (term: string) => number,
  passagesSearched = 3,
): ListAnswer | null {
  const known = questionTerms.filter((term) => idf(term) > 0);
  const rarest = [...known].sort((a, b) => idf(b) - idf(a))[0];
  if (!rarest) return null;
  let best: (ListAnswer & { match: number }) | null = null;
  passages.slice(0, passagesSearched).forEach(({ units }, passage) => {
    const leads: { text: string; unit: AnalysedUnit | null; start: number }[] = [];
    const first = units[0];
    if (first?.heading && first.kind !== 'heading') leads.push({ text: first.heading, unit: null, start: 0 });
    units.forEach((unit, index) => {
      if (isLead(unit)) leads.push({ text: unit.text, unit, start: index + 1 });
    });
    for (const lead of leads) {
      const terms = lead.unit ? lead.unit.termSet : termSetOf(lead.text);
      const matched = known.filter((term) => terms.has(term));
      if (matched.length < 2 && !terms.has(rarest)) continue;
      const match = matched.reduce((sum, term) => sum + idf(term), 0);
      if (best && match <= best.match) continue;
      const { items, used } = itemsAfter(units, lead.start);
      if (items.length < 3) continue;
      best = {
        text: `${clean(lead.text)}: ${items.join('; ')}.`,
        passage,
        units: lead.unit ? [lead.unit, ...used] : used,
        match,
      };
    }
  });
  if (!best) return null;
  const { text, passage, units } = best;
  return { text, passage, units };
}
