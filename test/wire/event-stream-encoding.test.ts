import { EventStreamCodec } from '@smithy/core/event-streams';
import { describe, expect, it } from 'vitest';
import {
  encodeEventStreamMessage,
  eventMessage,
  exceptionMessage,
} from '../fixtures/fake-bedrock/encode-event-stream-message.js';

const utf8 = {
  toUtf8: (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'),
  fromUtf8: (text: string) => new Uint8Array(Buffer.from(text, 'utf8')),
};
const codec = new EventStreamCodec(utf8.toUtf8, utf8.fromUtf8);

describe("the fake's event-stream encoder against the SDK's decoder", () => {
  it('encodes prelude, string headers, payload and both CRCs as the SDK decodes them', () => {
    // Prepare
    const payload = Buffer.from('{"text":"Temperature – controls creativity"}', 'utf8');
    // Act
    const decoded = codec.decode(
      encodeEventStreamMessage({ ':message-type': 'event', ':event-type': 'output' }, payload),
    );
    // Assess
    expect(decoded.headers).toEqual({
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: 'output' },
    });
    expect(Buffer.from(decoded.body).toString('utf8')).toBe(payload.toString('utf8'));
  });

  it('produces the same bytes as the SDK encoder', () => {
    // Prepare
    const headers = { ':message-type': 'exception', ':exception-type': 'throttlingException' };
    const body = new Uint8Array(Buffer.from('{"message":"slow down"}'));
    // Act
    const ours = encodeEventStreamMessage(headers, body);
    const theirs = codec.encode({
      headers: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name, { type: 'string' as const, value }]),
      ),
      body,
    });
    // Assess
    expect(Buffer.compare(ours, Buffer.from(theirs))).toBe(0);
  });

  it('gets rejected by the decoder when a byte is flipped (prelude and message CRCs are real)', () => {
    // Prepare
    const message = eventMessage('output', { text: 'x' });
    const preludeBroken = Buffer.from(message);
    preludeBroken[5] = (preludeBroken[5] ?? 0) ^ 0xff;
    const payloadBroken = Buffer.from(message);
    payloadBroken[message.length - 6] = (payloadBroken[message.length - 6] ?? 0) ^ 0xff;
    // Act / Assess
    expect(() => codec.decode(preludeBroken)).toThrow(/prelude checksum|length/i);
    expect(() => codec.decode(payloadBroken)).toThrow(/checksum/i);
  });

  it('builds event and exception messages with the headers the SDK dispatches on', () => {
    // Act
    const event = codec.decode(eventMessage('citation', { citation: {} }));
    const exception = codec.decode(exceptionMessage('throttlingException', 'Rate exceeded'));
    // Assess
    expect(event.headers[':event-type']?.value).toBe('citation');
    expect(event.headers[':content-type']?.value).toBe('application/json');
    expect(exception.headers[':message-type']?.value).toBe('exception');
    expect(exception.headers[':exception-type']?.value).toBe('throttlingException');
    expect(JSON.parse(Buffer.from(exception.body).toString('utf8'))).toEqual({ message: 'Rate exceeded' });
  });
});
