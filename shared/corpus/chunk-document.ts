import type { ChunkingSettings } from './chunking-settings.js';
import { estimateTokens, estimateWordTokens } from './estimate-tokens.js';
import type { CorpusDocument } from './load-corpus.js';
import type { BlockKind } from './normalise-text.js';
import { splitSentences } from './split-sentences.js';

/** A sentence-sized piece of a chunk, with what kind of line it came from. */
export interface ChunkUnit {
  text: string;
  kind: BlockKind;
  heading: string;
  /**
   * Set when the unit is a later sentence of the same line (paragraph or list item) as the unit
   * before it, so answers can keep a list item's explanation with the item.
   */
  continues?: true;
  /** The line's indentation in a plain-text outline (`NormalisedLine.indent`). */
  indent?: number;
}

/** A searchable piece of a document. */
export interface Chunk {
  /** `<source>#<index>`, stable for a given corpus and settings. */
  id: string;
  source: string;
  title: string;
  /** Heading of the section the chunk starts in. */
  heading: string;
  /** All headings the chunk spans, for heading-boosted search. */
  headings: string[];
  text: string;
  /** The sentence units `text` is made of, in order (answers pick from these). */
  units: ChunkUnit[];
  /** Position in the document: chunk index and the range of sentence units covered. */
  position: { index: number; firstUnit: number; lastUnit: number };
  tokens: number;
  topics: string[];
  sourceKind?: string;
  /** Hierarchical chunking only: the parent chunk's text, which is what retrieval returns. */
  parentId?: string;
  parentText?: string;
}

interface Unit extends ChunkUnit {
  index: number;
  tokens: number;
}

/** Kinds whose lines are running text, split into sentences; code, tables and formulas stay whole. */
const SENTENCE_KINDS: ReadonlySet<BlockKind> = new Set([
  'prose',
  'list-item',
  'image-description',
  'transcript',
]);

/** Sentence-sized units: chunks end on sentence boundaries, as Bedrock's chunker does. */
function toUnits(document: CorpusDocument): Unit[] {
  const units: Unit[] = [];
  for (const line of document.lines) {
    const sentences = SENTENCE_KINDS.has(line.kind) ? splitSentences(line.text) : [line.text];
    sentences.forEach((sentence, position) => {
      units.push({
        index: units.length,
        heading: line.heading,
        kind: line.kind,
        text: sentence,
        tokens: estimateTokens(sentence),
        ...(position > 0 ? { continues: true as const } : {}),
        ...(line.indent ? { indent: line.indent } : {}),
      });
    });
  }
  return units;
}

/** Splits a unit longer than `maxTokens` into word windows so no chunk exceeds the limit. */
function splitLongUnit(unit: Unit, maxTokens: number): Unit[] {
  const pieces: Unit[] = [];
  let words: string[] = [];
  let tokens = 0;
  for (const word of unit.text.split(' ')) {
    const cost = estimateWordTokens(word);
    if (tokens + cost > maxTokens && words.length > 0) {
      pieces.push({
        ...unit,
        text: words.join(' '),
        tokens,
        ...(pieces.length > 0 ? { continues: true } : {}),
      });
      words = [];
      tokens = 0;
    }
    words.push(word);
    tokens += cost;
  }
  if (words.length > 0)
    pieces.push({
      ...unit,
      text: words.join(' '),
      tokens,
      ...(pieces.length > 0 ? { continues: true } : {}),
    });
  return pieces;
}

/**
 * Packs units into windows of at most `maxTokens`; each window after the first starts with
 * the trailing units of the previous one that fit in `overlapTokens`.
 */
export function packUnits(units: Unit[], maxTokens: number, overlapTokens: number): Unit[][] {
  const windows: Unit[][] = [];
  let current: Unit[] = [];
  let currentTokens = 0;
  const flat = units.flatMap((unit) => (unit.tokens > maxTokens ? splitLongUnit(unit, maxTokens) : [unit]));
  for (const unit of flat) {
    if (currentTokens + unit.tokens > maxTokens && current.length > 0) {
      windows.push(current);
      const overlap: Unit[] = [];
      let overlapSize = 0;
      for (let i = current.length - 1; i >= 1; i--) {
        const candidate = current[i] as Unit;
        if (
          overlapSize + candidate.tokens > overlapTokens ||
          overlapSize + candidate.tokens + unit.tokens > maxTokens
        )
          break;
        overlap.unshift(candidate);
        overlapSize += candidate.tokens;
      }
      current = overlap;
      currentTokens = overlapSize;
    }
    current.push(unit);
    currentTokens += unit.tokens;
  }
  if (current.length > 0) windows.push(current);
  return windows;
}

function toChunk(document: CorpusDocument, window: Unit[], index: number, idPrefix = ''): Chunk {
  const first = window[0] as Unit;
  const last = window.at(-1) as Unit;
  const text = window.map((unit) => unit.text).join('\n');
  const chunk: Chunk = {
    id: `${document.source}#${idPrefix}${index}`,
    source: document.source,
    title: document.title,
    heading: first.heading,
    headings: [...new Set(window.map((unit) => unit.heading).filter(Boolean))],
    text,
    units: window.map(({ text, kind, heading, continues, indent }) => ({
      text,
      kind,
      heading,
      ...(continues ? { continues } : {}),
      ...(indent ? { indent } : {}),
    })),
    position: { index, firstUnit: first.index, lastUnit: last.index },
    tokens: window.reduce((sum, unit) => sum + unit.tokens, 0),
    topics: document.metadata.topics,
  };
  if (document.metadata.sourceKind) chunk.sourceKind = document.metadata.sourceKind;
  return chunk;
}

/** Chunks one document with the given settings (fixed-size or hierarchical). */
export function chunkDocument(document: CorpusDocument, settings: ChunkingSettings): Chunk[] {
  const units = toUnits(document);
  if (settings.chunkingStrategy === 'FIXED_SIZE') {
    const { maxTokens, overlapPercentage } = settings.fixedSizeChunkingConfiguration;
    const overlap = Math.floor((maxTokens * overlapPercentage) / 100);
    return packUnits(units, maxTokens, overlap).map((window, index) => toChunk(document, window, index));
  }
  const { levelConfigurations, overlapTokens } = settings.hierarchicalChunkingConfiguration;
  const [parentLevel, childLevel] = levelConfigurations;
  const chunks: Chunk[] = [];
  packUnits(units, parentLevel.maxTokens, 0).forEach((parentWindow, parentIndex) => {
    const parent = toChunk(document, parentWindow, parentIndex, 'p');
    for (const childWindow of packUnits(parentWindow, childLevel.maxTokens, overlapTokens)) {
      const child = toChunk(document, childWindow, chunks.length);
      chunks.push({ ...child, parentId: parent.id, parentText: parent.text });
    }
  });
  return chunks;
}

/** Chunks a whole corpus. */
export function chunkCorpus(documents: CorpusDocument[], settings: ChunkingSettings): Chunk[] {
  return documents.flatMap((document) => chunkDocument(document, settings));
}
