import { describe, expect, it } from 'vitest';
import { detectPii, maskPii, redactForLog } from '../../shared/guardrail/detect-pii.js';
import type { PiiEntityType } from '../../shared/guardrail/guardrail-policy.js';
import { redactQuestion } from '../../shared/observability/invocation-record.js';

/** Formats the detectors used to miss (issue 13, finding 6), each with the exact PII it holds. */
const FORMATS: [PiiEntityType, string, string][] = [
  ['PHONE', 'text me on +447700900123 about RAG', '+447700900123'],
  ['PHONE', 'ring 0033 6 12 34 56 78 after class', '0033 6 12 34 56 78'],
  ['PHONE', 'my cell is 06 12 34 56 78, what is top-k?', '06 12 34 56 78'],
  ['PHONE', 'office +33 1 23 45 67 89 - what is SageMaker?', '+33 1 23 45 67 89'],
  ['PHONE', 'lab line +49 30 901820, what is a token?', '+49 30 901820'],
  ['PHONE', 'call me on 5551234567 about Bedrock', '5551234567'],
  ['PHONE', 'tel 0044 7911 123456, what is Transcribe?', '0044 7911 123456'],
  ['EMAIL', 'write to zoë.brontë@exemple.fr about embeddings', 'zoë.brontë@exemple.fr'],
  ['EMAIL', 'my address is андрей@пример.рф, what is RAG?', 'андрей@пример.рф'],
  ['EMAIL', 'mail 学生@例子.广告 the notes', '学生@例子.广告'],
  ['EMAIL', 'reach me at maria＠example.org please', 'maria＠example.org'],
  ['EMAIL', "send it to liam.o'brien@example.ie today", "liam.o'brien@example.ie"],
  ['US_SOCIAL_SECURITY_NUMBER', 'my social is 219 09 9999, is that PII?', '219 09 9999'],
  ['US_SOCIAL_SECURITY_NUMBER', 'SSN: 219099999 for the feature store', '219099999'],
  ['CREDIT_DEBIT_CARD_NUMBER', 'card 4111.1111.1111.1111 was charged', '4111.1111.1111.1111'],
  ['CREDIT_DEBIT_CARD_NUMBER', 'pay with 5555/5555/5555/4444 please', '5555/5555/5555/4444'],
  ['CREDIT_DEBIT_CARD_NUMBER', 'card 4111 - 1111 - 1111 - 1111 thanks', '4111 - 1111 - 1111 - 1111'],
  ['AWS_ACCESS_KEY', 'my key akiaiosfodnn7example leaked', 'akiaiosfodnn7example'],
  // Split by zero-width and soft-hyphen characters, or written in fullwidth digits.
  ['EMAIL', 'from jo\u200bhn.do\u00ADe@exam\u200cple.com today', 'jo\u200bhn.do\u00ADe@exam\u200cple.com'],
  ['AWS_ACCESS_KEY', 'key AKIA\u200bIOSFODNN7EXAMPLE here', 'AKIA\u200bIOSFODNN7EXAMPLE'],
  [
    'CREDIT_DEBIT_CARD_NUMBER',
    'card ４１１１ １１１１ １１１１ １１１１ ok',
    '４１１１ １１１１ １１１１ １１１１',
  ],
  // Shapes people paste or type to dodge a filter (issue 14, generalisation).
  ['AWS_ACCESS_KEY', 'found AKIA4EXAMPLEKEYID22 in a public repo', 'AKIA4EXAMPLEKEYID22'],
  [
    'AWS_SECRET_KEY',
    'my secret key is kX9pQ2rT7vW1yZ3bC5dE7fG9hJ1kL3mN5pQ7rS9 what now',
    'kX9pQ2rT7vW1yZ3bC5dE7fG9hJ1kL3mN5pQ7rS9',
  ],
  ['EMAIL', 'reach me at jane [at] example [dot] com, what is RAG?', 'jane [at] example [dot] com'],
  ['EMAIL', 'write to jane(at)example.com today', 'jane(at)example.com'],
  ['EMAIL', 'or jane at example dot com, thanks', 'jane at example dot com'],
  ['PHONE', '07700900123 is my mobile, what is RAG?', '07700900123'],
  ['PHONE', 'call me at 555-0123 about RAG', '555-0123'],
];

describe('PII formats', () => {
  it.each(FORMATS)('finds %s in "%s" and masks all of it', (type, text, pii) => {
    // Act
    const matches = detectPii(text);
    const masked = maskPii(text, matches);
    // Assess
    expect(matches.map((match) => match.type)).toEqual([type]);
    expect(text.slice(matches[0]?.start, matches[0]?.end)).toBe(pii);
    expect(masked).toBe(text.replace(pii, `{${type}}`));
  });

  it.each([
    'order 1234 5678 9012 3456 shipped',
    'SSN 000-12-3456 is not valid',
    'released on 2024-01-15 10:30',
    'the VPC host 192.168.100.200',
    'a model with 1 000 000 000 parameters',
    'version 3.10.12 of Python',
    'what is 2+2?',
    'call AKIA the prefix of access keys',
    's3://sagemaker-us-east-2-682101512330/output/model.tar.gz',
    'arn:aws:sagemaker:us-east-2:682101512330:model-package/demo/3',
    'batch sizes 32 64 128 256 512 for the sweep',
    'epochs 10 20 30 40 50',
    'how does Personalize work at amazon.com?',
    'look at attention dot product',
    'the secret is that attention is all you need',
    'ticket 555-0123 was closed',
  ])('finds nothing in "%s"', (text) => {
    expect(detectPii(text)).toEqual([]);
  });

  it('needs a cue for bare digit runs when guarding, and masks them anyway in logs', () => {
    // Prepare
    const text = 'ticket 5551234567 and 219099999 failed';
    // Act
    const guarded = detectPii(text);
    const logged = redactForLog(text);
    // Assess
    expect(guarded).toEqual([]);
    expect(logged).toBe('ticket {PHONE} and {US_SOCIAL_SECURITY_NUMBER} failed');
  });
});

describe('log redaction', () => {
  it.each(FORMATS)('never writes the %s in "%s" to the invocation record', (type, text, pii) => {
    // Act
    const { question, questionHash } = redactQuestion(text);
    // Assess: all of it is masked, not just a tail the old ASCII patterns could read.
    expect(question).toBe(text.replace(pii, `{${type}}`));
    expect(questionHash).toMatch(/^[0-9a-f]{16}$/);
  });
});
