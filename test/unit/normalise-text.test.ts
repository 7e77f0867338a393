import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { latexToText } from '../../shared/corpus/latex-to-text.js';
import { parseDocument } from '../../shared/corpus/load-corpus.js';
import { normaliseText, splitSentences } from '../../shared/corpus/normalise-text.js';
import { cleanInline, wrapWidth } from '../../shared/corpus/parse-plain-text.js';

const GUIDES = 'test/fixtures/library-handbook/corpus/guides';
const read = (path: string) => readFileSync(path, 'utf8');
/** `kind text` pairs: what a reader of the parsed document sees. */
const kindsAndTexts = (raw: string, format: 'text' | 'markdown' | 'html') =>
  normaliseText(raw, format).lines.map((line) => `${line.kind} ${line.text}`);

describe('normaliseText: plain text and loose Markdown', () => {
  it('unescapes Markdown dollar signs and keeps tab tables as rows of cells', () => {
    // Prepare
    const raw = 'Advertisement\tSales\n\\$90\t\\$1000\n';

    // Act
    const { lines } = normaliseText(raw);

    // Assess
    expect(lines).toEqual([
      { heading: '', text: 'Advertisement | Sales', kind: 'table-row' },
      { heading: '', text: '$90 | $1000', kind: 'table-row' },
    ]);
  });

  it('strips HTML fragments and splits inline bullets', () => {
    // Act
    const text = cleanInline(
      'Temperature* <ul style="list-style-type: none">• Horse --- > 0.4• Wind ----- > 0.2</ul> <small>New</small> &amp; more &euro;60',
    );

    // Assess
    expect(text).toBe('Temperature*; Horse --- > 0.4; Wind ----- > 0.2 New & more €60');
  });

  it('keeps link labels and autolink URLs, drops bold markers', () => {
    expect(cleanInline('posted by [Google on Twitter](#) **bold** <https://aws.amazon.com/x>')).toBe(
      'posted by Google on Twitter bold https://aws.amazon.com/x',
    );
  });

  it('reads front matter title and Markdown headings, and marks bullets as list items', () => {
    // Act
    const doc = normaliseText(
      '---\ntitle: My Notes\nlayout: default\n---\n\n# Heading\n- **RAG**: retrieval\n',
    );

    // Assess
    expect(doc.title).toBe('My Notes');
    expect(doc.lines).toEqual([
      { heading: 'Heading', text: 'Heading', kind: 'heading' },
      { heading: 'Heading', text: 'RAG: retrieval', kind: 'list-item' },
    ]);
  });

  it('merges repeated slide titles into one section', () => {
    const { lines } = normaliseText('\n\nKEY ASPECTS\n\n- one\n\n\nKEY ASPECTS\n\n- two\n');
    expect(lines.filter((line) => line.kind === 'heading')).toHaveLength(1);
    expect(lines.map((line) => line.text)).toEqual(['KEY ASPECTS', 'one', 'two']);
  });

  it('drops image placeholders and lone symbols, strips nested bullet markers', () => {
    const { lines } = normaliseText('Some text here.\n\nPicture\n\n▽\n\n- ↳ nested point\n}\n');
    expect(lines.map((line) => line.text)).toEqual(['Some text here.', 'nested point']);
  });

  it('joins the lines of a hard-wrapped file into paragraphs, ending on whole sentences', () => {
    // Prepare: wrapped at about 95 columns, as an editor would
    const raw = read('test/fixtures/library-handbook/corpus/spaces.txt');

    // Act
    const { lines } = normaliseText(raw);

    // Assess
    expect(wrapWidth(raw.split('\n'))).not.toBeNull();
    expect(lines.map((line) => `${line.kind} ${line.text}`)).toEqual([
      'heading Study spaces',
      'prose The main library is open from 8 am to midnight during term. The silent study floor is the third floor; group study rooms are on the ground floor and can be booked for up to three hours a day.',
      'heading Printing and scanning',
      'prose Every student receives printing credit at the start of each term. Scanning to e-mail is free on all multifunction devices.',
    ]);
  });

  it('keeps one point per line in notes whose lines run free (nothing is stitched together)', () => {
    // Prepare: course notes with unfinished, lower-case lines that are separate points
    const raw = read('docs-corpus/skill-builder-course-notes.txt');

    // Act
    const texts = normaliseText(raw).lines.map((line) => line.text);

    // Assess
    expect(wrapWidth(raw.split('\n'))).toBeNull();
    expect(texts).toContain(
      'provide an activity stream from your application (page views, signups, purchases, and so forth)',
    );
    expect(texts).toContain(
      'provide an inventory of the items that you want to recommend, such as articles, products, videos, or music',
    );
  });

  it('reads the titles of outline notes: a line over an indented block, a numbered section, a slug', () => {
    // Prepare: the layout of the skill-builder notes (titles marked only by position)
    const raw = [
      'Course: essentials-of-prompt-engineering',
      '=====',
      '3.2.a',
      'Understanding Prompts:',
      'Using effective prompt strategies can offer you the following benefits:',
      '',
      'Fine-tuning:',
      '  Fine-tuning is a supervised learning process that involves taking a pre-trained model.',
      '',
      'Retrieval-augmented generation (RAG):',
      '  RAG will not change the weights of the foundation model, whereas fine-tuning will change model weights.',
      '',
      'def lambda_handler(event, context):',
      '    return 1',
    ].join('\n');

    // Act
    const { lines } = normaliseText(raw);

    // Assess
    expect(lines.map((line) => `${line.heading} | ${line.kind} ${line.text}`)).toEqual([
      'Essentials of prompt engineering | heading Essentials of prompt engineering',
      'Understanding Prompts | heading Understanding Prompts',
      'Understanding Prompts | prose Using effective prompt strategies can offer you the following benefits:',
      'Fine-tuning | heading Fine-tuning',
      'Fine-tuning | prose Fine-tuning is a supervised learning process that involves taking a pre-trained model.',
      'Retrieval-augmented generation (RAG) | heading Retrieval-augmented generation (RAG)',
      'Retrieval-augmented generation (RAG) | prose RAG will not change the weights of the foundation model, whereas fine-tuning will change model weights.',
      'Retrieval-augmented generation (RAG) | prose def lambda_handler(event, context):',
      'Retrieval-augmented generation (RAG) | prose return 1',
    ]);
  });

  it('keeps the indentation of outline lines, and reads a lead-in sentence over an indented list as prose', () => {
    // Prepare
    const raw = [
      'Sagemaker provides the following:',
      '  - fix:',
      '      add more training data',
      'Done.',
    ].join('\n');

    // Act
    const { lines } = normaliseText(raw);

    // Assess
    expect(lines).toEqual([
      { heading: '', text: 'Sagemaker provides the following:', kind: 'prose' },
      { heading: '', text: 'fix:', kind: 'list-item', indent: 2 },
      { heading: '', text: 'add more training data', kind: 'prose', indent: 6 },
      { heading: '', text: 'Done.', kind: 'prose' },
    ]);
  });

  it('reads an underline below the last line of a block, or below a sentence, as a rule, not a heading', () => {
    // Prepare: the end of a course in the skill-builder notes, then a real underlined title
    const raw = [
      'Benefits:',
      'Generate novel content.',
      'Achieve productivity gains through automation.',
      '=====',
      '',
      'ROUGE and BLEU evalutes the dynamic product descriptions generated',
      'BERTScore evaluates the personalized product displayed',
      '=====',
      '',
      'ML Fundamentals:',
      '===',
      'Building a machine learning model involves data collection.',
    ].join('\n');

    // Act
    const headings = normaliseText(raw)
      .lines.filter((line) => line.kind === 'heading')
      .map((line) => line.text);

    // Assess
    expect(headings).not.toContain('Achieve productivity gains through automation.');
    expect(headings).not.toContain('BERTScore evaluates the personalized product displayed');
    expect(headings).toContain('ML Fundamentals');
  });

  it('joins a bold title that a slide export broke over two lines', () => {
    // Prepare: lines of the course slides
    const raw =
      '**Amazon SageMaker\nClarify**\n\n**Bias Detection (Fairness),\nExplainability**\n\n1. Mitigate bias\n';

    // Act
    const lines = kindsAndTexts(raw, 'text');

    // Assess
    expect(lines).toEqual([
      'heading Amazon SageMaker Clarify',
      'heading Bias Detection (Fairness), Explainability',
      'list-item Mitigate bias',
    ]);
  });

  it('marks image descriptions written as plain prose, and keeps statements about images and people', () => {
    // Prepare: real lines of the slide exports, then statements of the notes that must stay prose
    const descriptions = [
      "A woman in a professional outfit is holding a white sign that identifies her as 'Anisha Marketing Manager'. To her right is a 3D bar chart.",
      'A professional woman in a dark blazer and white shirt is standing and speaking to a group of people seated at a table.',
      'A photograph of a man from the waist up, wearing a light blue jacket over a dark turtleneck and dark pants.',
      'A close-up photograph of industrial equipment, specifically blue and silver valves and pipes, set against a light background.',
      'Diagram illustrating a sample dataset with handwritten annotations:',
      'In the bottom right corner of the main area, there is an "aws" logo.',
    ];
    const statements = [
      'Image data - digital images, photographs, and video frames.',
      'An image of a handwritten digit is the input and the digit is the label.',
      'A diffusion model is a type of generative AI model that produces unique photorealistic images from text and image prompts',
      'A person is identifiable when the data can be linked to them.',
      'The man-in-the-middle attack is standing between the client and the server.',
      'The combination of low bias and low variance shows an ideal machine learning model.',
      'At the top of the hierarchy sits artificial intelligence.',
    ];

    // Act
    const kinds = [...descriptions, ...statements].map(
      (text) => normaliseText(`Slide\n\n${text}\n`).lines.at(-1)?.kind,
    );

    // Assess
    expect(kinds).toEqual([...descriptions.map(() => 'image-description'), ...statements.map(() => 'prose')]);
  });

  it('keeps a description of a screen together: its layout lines and the points of its list', () => {
    // Prepare: a screenshot description of the slides, then the slide's own point
    const raw = [
      'The screenshot shows the AWS SageMaker Data Wrangler interface.',
      'The main area displays the "Data types - Transform: Titanic.csv" page.',
      'On the right side of the screen, there\'s a sidebar for "Create analysis".',
      'The screenshot shows a Jupyter Notebook interface with the following details:',
      '- Header: Includes icons for file operations and a refresh button.',
      '- Cell 26: Contains Python code for querying an Amazon SageMaker Feature Store.',
      '',
      'Key features',
      '',
      '- On the left of the pipeline, data is prepared before training.',
    ].join('\n');

    // Act
    const lines = kindsAndTexts(raw, 'text').map((line) => line.split(' ')[0]);

    // Assess
    expect(lines).toEqual([
      'image-description',
      'image-description',
      'image-description',
      'image-description',
      'image-description',
      'image-description',
      'heading',
      'list-item',
    ]);
  });

  it('keeps fenced code verbatim as code: indentation, case and punctuation untouched', () => {
    // Act
    const lines = kindsAndTexts(
      'Run this:\n```python\nimport boto3\n    client = boto3.client("s3")\n}\n```\n',
      'text',
    );

    // Assess
    expect(lines).toEqual(['prose Run this:', 'code import boto3', 'code     client = boto3.client("s3")']);
  });

  it('marks diagram source, formulas, image descriptions and example conversations', () => {
    // Prepare
    const raw = [
      '```',
      'graph LR; A["Human: hi"] --> B',
      '```',
      '',
      '$$F1 = \\frac{2PR}{P + R}$$',
      '',
      '- Value = $TP/(TP+FP)$',
      '',
      'The screenshot shows the Amazon Bedrock console with the model list.',
      '',
      'Human: What is the heaviest hippo ever recorded?',
      '',
      '- Human: bring your own work team',
      '',
      'Saving \\$\\$ on every call is the point of caching.',
    ].join('\n');

    // Act
    const lines = kindsAndTexts(raw, 'text');

    // Assess
    expect(lines).toEqual([
      'diagram graph LR; A["Human: hi"] --> B',
      'math F1 = (2PR)/(P + R)',
      'math Value = TP/(TP+FP)',
      'image-description The screenshot shows the Amazon Bedrock console with the model list.',
      'transcript Human: What is the heaviest hippo ever recorded?',
      'list-item Human: bring your own work team',
      'prose Saving $$ on every call is the point of caching.',
    ]);
  });

  it('drops slide footers and page numbers, keeps prose about copyright', () => {
    // Act
    const lines = kindsAndTexts(
      'Created and copyright : Rahul Trisal. Please do not copy\n\n© 2024 City Library\n\nPage 2 of 10\n\n- **Copyright Infringement**\n',
      'text',
    );

    // Assess
    expect(lines).toEqual(['list-item Copyright Infringement']);
  });

  it('labels the cells of a pipe table with its header row', () => {
    // Act
    const lines = kindsAndTexts(
      '|Metric|Formula|\n|------|-------|\n|Accuracy|(TP+TN)/All|\nPrecision|TP/(FP+TP)\n',
      'text',
    );

    // Assess
    expect(lines).toEqual([
      'table-row Metric: Accuracy; Formula: (TP+TN)/All',
      'table-row Metric: Precision; Formula: TP/(FP+TP)',
    ]);
  });
});

describe('normaliseText: Markdown (CommonMark + GFM tables + math)', () => {
  it('reads a document into headings, whole paragraphs, labelled table rows, code, math and the rest', () => {
    // Act
    const document = normaliseText(read(`${GUIDES}/catalogue-search.md`), 'markdown');

    // Assess
    expect(document.title).toBe('Finding books in the catalogue');
    expect(document.lines.map((line) => `${line.kind} ${line.text}`)).toEqual([
      'heading Finding books in the catalogue',
      'prose The catalogue lists every book, journal and e-book that the library holds. Search by title, author or subject, and put a phrase in quotes to find the exact words, for example "climate policy".',
      'heading Shelf marks',
      'table-row Shelf mark: 000-299; Subject: Computing, philosophy and religion; Floor: First floor',
      'table-row Shelf mark: 300-599; Subject: Social sciences, languages and science; Floor: Second floor',
      'table-row Shelf mark: 600-999; Subject: Technology, arts and history; Floor: Third floor',
      'heading Renewing for a reader',
      'prose Desk staff can renew every loan of a reader at once with the desk tool:',
      'code desk-tool renew --reader 12345 --all',
      'heading Late fees',
      'prose The fee for a short-loan item is one pound for each day it is late:',
      'math fee = days × 1.00',
      'image-description A catalogue search result page',
      'diagram graph TD; Search --> Results; Results --> Reserve',
      'prose An example conversation with the help desk chat:',
      'transcript User: Can I reserve a book that is on loan? Assistant: Yes, use the Reserve button on the catalogue page.',
    ]);
    expect(document.lines.find((line) => line.kind === 'table-row')?.heading).toBe('Shelf marks');
  });

  it('takes the opening # heading as the title, and keeps money that is not math', () => {
    // Act
    const document = normaliseText('# Fees\n\nA locker costs $5 and a key $10 to replace.\n', 'markdown');

    // Assess
    expect(document.title).toBe('Fees');
    expect(document.lines.at(-1)).toEqual({
      heading: 'Fees',
      text: 'A locker costs $5 and a key $10 to replace.',
      kind: 'prose',
    });
  });

  it('splits a paragraph at hard line breaks and reads inline math and inline HTML', () => {
    // Act
    const lines = kindsAndTexts(
      'Line one ends here.  \nLine two has $x^2$ in it and <b>bold</b> words.\n\n<table><tr><th>Room</th><th>Seats</th></tr><tr><td>A</td><td>12</td></tr></table>\n',
      'markdown',
    );

    // Assess
    expect(lines).toEqual([
      'prose Line one ends here.',
      'prose Line two has x^2 in it and bold words.',
      'table-row Room: A; Seats: 12',
    ]);
  });
});

describe('normaliseText: HTML', () => {
  it('reads the title, decodes entities and drops doctype, comments, scripts, styles, navigation and footer', () => {
    // Act
    const document = normaliseText(read(`${GUIDES}/printing.html`), 'html');

    // Assess
    expect(document.title).toBe('Printing, copying & scanning');
    expect(document.lines.map((line) => `${line.kind} ${line.text}`)).toEqual([
      'heading Printing, copying & scanning',
      'prose Each student receives €60 of printing credit per term. Credit that is not used by the end of term expires and is not refunded.',
      'heading Prices',
      'table-row Service: A4 page; Black & white: €0.05; Colour: €0.20',
      'table-row Service: A3 page; Black & white: €0.10; Colour: €0.40',
      'heading Printing from a laptop',
      'prose Install the print client, then send your document to the queue named library-print.',
      'code lpr -P library-print thesis.pdf',
      'code lpq -P library-print',
      'image-description The colour printer on the first floor',
      'image-description The colour printers stand next to the help desk.',
      'list-item Colour printers are on the first floor.',
      'list-item Scanning to e\u2011mail is free of charge.',
    ]);
    const all = document.lines.map((line) => line.text).join('\n');
    expect(all).not.toMatch(
      /doctype|analytics|font-family|Contact us|prices checked|All rights reserved|&[a-z]+;/i,
    );
  });

  it('puts text before the first heading under the page title, and treats a mermaid block as a diagram', () => {
    // Act
    const { lines } = normaliseText(
      '<html><head><title>Desk</title></head><body><p>Open daily.</p><pre class="mermaid">graph TD; A --> B</pre><h2>Bedrock</h2><p>Managed &amp; serverless.</p><ul><li>One</li></ul></body></html>',
      'html',
    );

    // Assess
    expect(lines).toEqual([
      { heading: 'Desk', text: 'Open daily.', kind: 'prose' },
      { heading: 'Desk', text: 'graph TD; A --> B', kind: 'diagram' },
      { heading: 'Bedrock', text: 'Bedrock', kind: 'heading' },
      { heading: 'Bedrock', text: 'Managed & serverless.', kind: 'prose' },
      { heading: 'Bedrock', text: 'One', kind: 'list-item' },
    ]);
  });

  it('titles a document from its <title> when no metadata sidecar names it', () => {
    // Act
    const document = parseDocument(
      'guides/page.html',
      '<!DOCTYPE html><title>Opening &amp; closing</title><p>Hi there.</p>',
    );

    // Assess
    expect(document.title).toBe('Opening & closing');
    expect(document.lines).toEqual([{ heading: 'Opening & closing', text: 'Hi there.', kind: 'prose' }]);
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

  it('keeps titles, decimals and "etc." before a lower-case word inside the sentence', () => {
    expect(
      splitSentences(
        'Dr. Smith set it to 0.5 vs. 0.7 in the U.S. region. Use S3, Glue etc. for data. It works.',
      ),
    ).toEqual([
      'Dr. Smith set it to 0.5 vs. 0.7 in the U.S. region.',
      'Use S3, Glue etc. for data.',
      'It works.',
    ]);
  });

  it('keeps a numbered slide title whole', () => {
    expect(splitSentences('Responsible AI : AWS Services and Tools – 3. Amazon SageMaker Clarify')).toEqual([
      'Responsible AI : AWS Services and Tools – 3. Amazon SageMaker Clarify',
    ]);
    expect(splitSentences('The score was 3. Then it rose.')).toEqual(['The score was 3.', 'Then it rose.']);
  });

  it('returns one line without a sentence end whole', () => {
    expect(splitSentences('  allows the model to reference data  ')).toEqual([
      'allows the model to reference data',
    ]);
  });
});

describe('latexToText', () => {
  it('reads fractions, text, roots, accents, symbols and matrices as plain text', () => {
    expect(latexToText('\\text{Recall} = \\frac{\\text{TP}}{\\text{TP} + \\text{FN}}')).toBe(
      'Recall = (TP)/(TP + FN)',
    );
    expect(latexToText('RMSE = \\sqrt{\\frac{1}{n} \\sum (y - \\hat{y})^2}')).toBe(
      'RMSE = √((1)/(n) Σ (y - ŷ)^2)',
    );
    expect(latexToText('\\begin{bmatrix} -1 \\\\ 50 \\end{bmatrix}')).toBe('[-1 ; 50]');
    expect(latexToText('2 \\times \\left( a \\cdot b \\right)')).toBe('2 × ( a · b )');
  });
});
