import { describe, expect, it } from 'vitest';
import { normaliseText, splitSentences } from '../../shared/corpus/normalise-text.js';
import { cleanInline } from '../../shared/corpus/parse-plain-text.js';

describe('normaliseText', () => {
  it('unescapes Markdown dollar signs and turns tab tables into cells', () => {
    // Prepare
    const raw = 'Advertisement\tSales\n\\$90\t\\$1000\n';
    // Act
    const { lines } = normaliseText(raw);
    // Assess
    expect(lines.map((line) => line.text)).toEqual(['Advertisement | Sales', '$90 | $1000']);
  });

  it('strips HTML fragments and splits inline bullets', () => {
    const text = cleanInline(
      'Temperature*\t<ul style="list-style-type: none">• Horse --- > 0.4• Wind ----- > 0.2</ul> <small>New</small> &amp; more',
    );
    expect(text).toBe('Temperature* | Horse --- > 0.4; Wind ----- > 0.2 New & more');
  });

  it('keeps link labels and autolink URLs, drops bold markers', () => {
    expect(cleanInline('posted by [Google on Twitter](#) **bold** <https://aws.amazon.com/x>')).toBe(
      'posted by Google on Twitter bold https://aws.amazon.com/x',
    );
  });

  it('reads front matter title and Markdown headings', () => {
    const doc = normaliseText(
      '---\ntitle: My Notes\nlayout: default\n---\n\n# Heading\n- **RAG**: retrieval\n',
    );
    expect(doc.title).toBe('My Notes');
    expect(doc.lines).toEqual([
      { heading: 'Heading', text: 'Heading', kind: 'heading' },
      { heading: 'Heading', text: 'RAG: retrieval', kind: 'prose' },
    ]);
  });

  it('merges repeated slide titles into one section', () => {
    const raw = '\n\nKEY ASPECTS\n\n- one\n\n\nKEY ASPECTS\n\n- two\n';
    const { lines } = normaliseText(raw);
    expect(lines.filter((line) => line.kind === 'heading')).toHaveLength(1);
    expect(lines.map((line) => line.text)).toEqual(['KEY ASPECTS', 'one', 'two']);
  });

  it('drops image placeholders and lone symbols, strips nested bullet markers', () => {
    const { lines } = normaliseText('Some text here.\n\nPicture\n\n▽\n\n- ↳ nested point\n}\n');
    expect(lines.map((line) => line.text)).toEqual(['Some text here.', 'nested point']);
  });

  it('does not treat code comments inside fences as headings', () => {
    const { lines } = normaliseText('Intro text.\n```\n# Set up the client\nclient = make()\n```\n');
    expect(lines.every((line) => line.kind !== 'heading')).toBe(true);
  });

  it('turns HTML documents into headed lines', () => {
    const { lines } = normaliseText(
      '<html><head><style>x{}</style></head><body><h2>Bedrock</h2><p>Managed &amp; serverless.</p><ul><li>One</li></ul></body></html>',
      'html',
    );
    expect(lines.map((line) => line.text)).toEqual(['Bedrock', 'Managed & serverless.', 'One']);
    expect(lines[1]?.heading).toBe('Bedrock');
  });
});

describe('splitSentences', () => {
  it('splits on sentence ends but keeps abbreviations together', () => {
    expect(splitSentences('Models, e.g. Titan, are big. They cost money! Why? Because.')).toEqual([
      'Models, e.g. Titan, are big.',
      'They cost money!',
      'Why?',
      'Because.',
    ]);
  });
});
