import { readFileSync } from 'node:fs';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../shared/corpus/chunk-document.js';
import { defaultChunkingSettings, validateChunkingSettings } from '../../shared/corpus/chunking-settings.js';
import { estimateTokens } from '../../shared/corpus/estimate-tokens.js';
import { loadCorpus, MAX_DOCUMENT_BYTES, parseDocument } from '../../shared/corpus/load-corpus.js';

/** 40 numbered sentences of five short words each (5 tokens each by our estimate). */
const sentences = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} says hi.`);
const document = parseDocument('notes.txt', `# Notes\n\n${sentences.join(' ')}\n`, {
  title: 'Notes',
  topics: ['t'],
});

describe('chunkDocument (fixed size)', () => {
  const chunks = chunkDocument(document, {
    chunkingStrategy: 'FIXED_SIZE',
    fixedSizeChunkingConfiguration: { maxTokens: 40, overlapPercentage: 25 },
  });

  it('never exceeds maxTokens and ends chunks on sentence boundaries', () => {
    for (const chunk of chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(40);
      expect(chunk.tokens).toBe(estimateTokens(chunk.text));
      for (const line of chunk.text.split('\n')) expect(line === 'Notes' || line.endsWith('.')).toBe(true);
    }
  });

  it('overlaps consecutive chunks by at most the overlap budget', () => {
    for (let i = 1; i < chunks.length; i++) {
      const previous = (chunks[i - 1]?.text ?? '').split('\n');
      const current = (chunks[i]?.text ?? '').split('\n');
      const shared = current.filter((line) => previous.includes(line));
      expect(shared.length).toBeGreaterThanOrEqual(1);
      expect(estimateTokens(shared.join(' '))).toBeLessThanOrEqual(10);
      expect(current.slice(0, shared.length)).toEqual(shared); // overlap sits at the start
    }
  });

  it('covers every sentence and keeps source, title, heading and position', () => {
    const all = new Set(chunks.flatMap((chunk) => chunk.text.split('\n')));
    for (const sentence of sentences) expect(all.has(sentence)).toBe(true);
    expect(chunks[0]).toMatchObject({
      id: 'notes.txt#0',
      source: 'notes.txt',
      title: 'Notes',
      heading: 'Notes',
      topics: ['t'],
    });
    expect(chunks.map((chunk) => chunk.position.index)).toEqual(chunks.map((_, index) => index));
  });

  it('splits a sentence longer than maxTokens into word windows', () => {
    const long = parseDocument('long.txt', `${'word '.repeat(100).trim()}.`);
    const pieces = chunkDocument(long, {
      chunkingStrategy: 'FIXED_SIZE',
      fixedSizeChunkingConfiguration: { maxTokens: 30, overlapPercentage: 10 },
    });
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) expect(piece.tokens).toBeLessThanOrEqual(30);
  });
});

describe('chunk units', () => {
  const handbook = parseDocument(
    'guides/catalogue-search.md',
    readFileSync('test/fixtures/library-handbook/corpus/guides/catalogue-search.md', 'utf8'),
  );
  const units = chunkDocument(handbook, defaultChunkingSettings).flatMap((chunk) => chunk.units);

  it('are whole sentences of prose, and whole lines of code, tables, formulas and diagrams', () => {
    // Assess
    expect(units.filter((unit) => unit.kind === 'prose').map((unit) => unit.text)).toContain(
      'Search by title, author or subject, and put a phrase in quotes to find the exact words, for example "climate policy".',
    );
    for (const unit of units.filter((u) => u.kind === 'prose')) expect(unit.text).toMatch(/[.:!?"]$/);
    expect(units.filter((unit) => unit.kind !== 'prose' && unit.kind !== 'heading')).toEqual([
      expect.objectContaining({ kind: 'table-row', heading: 'Shelf marks' }),
      expect.objectContaining({ kind: 'table-row' }),
      expect.objectContaining({ kind: 'table-row' }),
      { kind: 'code', text: 'desk-tool renew --reader 12345 --all', heading: 'Renewing for a reader' },
      { kind: 'math', text: 'fee = days × 1.00', heading: 'Late fees' },
      { kind: 'image-description', text: 'A catalogue search result page', heading: 'Late fees' },
      { kind: 'diagram', text: 'graph TD; Search --> Results; Results --> Reserve', heading: 'Late fees' },
      { kind: 'transcript', text: 'User: Can I reserve a book that is on loan?', heading: 'Late fees' },
      {
        kind: 'transcript',
        text: 'Assistant: Yes, use the Reserve button on the catalogue page.',
        heading: 'Late fees',
        continues: true,
      },
    ]);
  });

  it('mark the later sentences of one line as continuing it', () => {
    // Prepare
    const note = parseDocument(
      'list.md',
      '- Context: external information. It guides the model.\n- Input data: the input.\n',
    );
    // Act
    const listUnits = chunkDocument(note, defaultChunkingSettings).flatMap((chunk) => chunk.units);
    // Assess
    expect(listUnits.map((unit) => [unit.text, unit.continues ?? false])).toEqual([
      ['Context: external information.', false],
      ['It guides the model.', true],
      ['Input data: the input.', false],
    ]);
  });

  it('make up the chunk text line by line', () => {
    // Assess
    for (const chunk of chunkDocument(handbook, defaultChunkingSettings)) {
      expect(chunk.text).toBe(chunk.units.map((unit) => unit.text).join('\n'));
    }
  });
});

describe('chunkDocument (hierarchical)', () => {
  const chunks = chunkDocument(document, {
    chunkingStrategy: 'HIERARCHICAL',
    hierarchicalChunkingConfiguration: {
      levelConfigurations: [{ maxTokens: 100 }, { maxTokens: 30 }],
      overlapTokens: 6,
    },
  });

  it('makes child chunks inside parents, each child carrying its parent text', () => {
    const parents = new Set(chunks.map((chunk) => chunk.parentId));
    expect(parents.size).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(30);
      expect(chunk.parentText).toContain(chunk.text.split('\n')[0]);
      expect(estimateTokens(chunk.parentText ?? '')).toBeLessThanOrEqual(100);
    }
  });
});

describe('loadCorpus limits', () => {
  it('refuses a document over MAX_DOCUMENT_BYTES, naming it and the limit', async () => {
    // Prepare: a sparse file one byte over the limit (no disk space used)
    const folder = await mkdtemp(join(tmpdir(), 'corpus-'));
    await writeFile(join(folder, 'ok.md'), '# Fine\n\nSmall file.\n');
    await writeFile(join(folder, 'huge.txt'), '');
    await truncate(join(folder, 'huge.txt'), MAX_DOCUMENT_BYTES + 1);

    // Act / Assess
    await expect(loadCorpus(folder)).rejects.toThrow(/huge\.txt is 50\.0 MB; documents are limited to 50 MB/);
    await rm(join(folder, 'huge.txt'));
    await expect(loadCorpus(folder)).resolves.toHaveLength(1);
  });
});

describe('validateChunkingSettings', () => {
  it('rejects settings Bedrock would reject, saying what is allowed', () => {
    expect(() =>
      validateChunkingSettings({
        chunkingStrategy: 'FIXED_SIZE',
        fixedSizeChunkingConfiguration: { maxTokens: 10, overlapPercentage: 20 },
      }),
    ).toThrow(/20 to 8192/);
    expect(() =>
      validateChunkingSettings({
        chunkingStrategy: 'HIERARCHICAL',
        hierarchicalChunkingConfiguration: {
          levelConfigurations: [{ maxTokens: 300 }, { maxTokens: 300 }],
          overlapTokens: 60,
        },
      }),
    ).toThrow(/smaller than parent/);
  });
});
