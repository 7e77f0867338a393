import { beforeAll, describe, expect, it } from 'vitest';
import { createLocalEngine, type LocalEngine } from '../../shared/adapters/local/create-local-engine.js';
import { loadAssistantProfile } from '../../shared/profile/assistant-profile.js';

/** A user's own documents: Markdown, HTML and text files, some in a subfolder, with a profile. */
const LIBRARY = 'test/fixtures/library-handbook';
let engine: LocalEngine;

beforeAll(async () => {
  engine = await createLocalEngine({
    corpusDir: `${LIBRARY}/corpus`,
    profile: loadAssistantProfile(`${LIBRARY}/profile.json`),
  });
});

describe('answers over own documents', () => {
  it('quote whole sentences of hard-wrapped Markdown and text, not the pieces of a line', async () => {
    // Act
    const markdown = await engine.answerer.answer({ question: 'How long is the loan period for books?' });
    const text = await engine.answerer.answer({
      question: 'When does the library close in the summer vacation?',
    });

    // Assess
    expect(markdown.answer).toContain(
      'The standard loan period for books is three weeks, and each loan can be renewed twice online if nobody has reserved the item.',
    );
    expect(text.answer).toContain(
      'During the summer vacation it closes at 8 pm every day, and the silent study floor is closed for cleaning in the last week of August.',
    );
  });

  it('quote HTML text with its entities decoded, and cite the file in its subfolder by its title', async () => {
    // Act
    const result = await engine.answerer.answer({ question: 'How much printing credit does a student get?' });

    // Assess
    expect(result.answer).toContain('Each student receives €60 of printing credit per term.');
    expect(result.answer).not.toMatch(/&[a-z]+;|doctype/i);
    expect(result.citations[0]).toMatchObject({
      source: 'guides/printing.html',
      title: 'Printing, copying and scanning',
    });
  });

  it('never quote code or a formula as a sentence', async () => {
    // Act
    const code = await engine.answerer.answer({
      question: 'How do I renew every loan of a reader at once with the desk tool?',
    });
    const formula = await engine.answerer.answer({
      question: 'How much is the late fee for a short-loan item?',
    });

    // Assess: the corpus marks them `code` and `math`; an answer never re-cases or punctuates them
    expect(code.answer).not.toMatch(/desk-tool renew/i);
    expect(formula.answer).not.toMatch(/fee = days/i);
  });

  it('never quote an image description', async () => {
    // Act
    const page = await engine.answerer.answer({
      question: 'What does the catalogue search result page show?',
    });
    const printer = await engine.answerer.answer({ question: 'What does a colour A4 page cost?' });

    // Assess: image alt texts are `image-description` units
    expect(page.answer).not.toContain('A catalogue search result page.');
    expect(printer.answer).not.toContain('The colour printer on the first floor');
  });

  it('never quote diagram source or an example conversation', async () => {
    // Act
    const answers = await Promise.all(
      [
        'How do I reserve a book that is on loan?',
        'What happens after I search the catalogue?',
        'Can I reserve a book?',
        'How does searching lead to reserving?',
      ].map((question) => engine.answerer.answer({ question })),
    );

    // Assess: `diagram` and `transcript` units are indexed but never quoted
    for (const { answer } of answers) {
      expect(answer).not.toContain('-->');
      expect(answer).not.toMatch(/(?:^|\] )(?:User|Assistant):/);
    }
  });
});
