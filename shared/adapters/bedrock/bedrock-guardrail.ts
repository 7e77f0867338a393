import {
  ApplyGuardrailCommand,
  type ApplyGuardrailResponse,
  type BedrockRuntimeClient,
  type GuardrailContentBlock,
} from '@aws-sdk/client-bedrock-runtime';
import type { Guardrail, GuardrailCheck, GuardrailVerdict } from '../../ports.js';
import { type BedrockErrorContext, mapBedrockError } from './map-bedrock-error.js';

export interface BedrockGuardrailOptions {
  client: BedrockRuntimeClient;
  guardrailId: string;
  guardrailVersion: string;
  errorContext?: BedrockErrorContext;
}

/** Bedrock assessments as our reason strings (the same vocabulary as the local guardrail). */
export function assessmentReasons(response: ApplyGuardrailResponse): { reasons: string[]; blocked: boolean } {
  const reasons: string[] = [];
  let blocked = false;
  for (const assessment of response.assessments ?? []) {
    for (const topic of assessment.topicPolicy?.topics ?? []) {
      if (topic.action === 'BLOCKED') reasons.push(`topic:${topic.name}`);
    }
    for (const filter of assessment.contentPolicy?.filters ?? []) {
      if (filter.action === 'BLOCKED') reasons.push(`content:${filter.type}:${filter.confidence}`);
    }
    for (const word of assessment.wordPolicy?.customWords ?? []) {
      if (word.action === 'BLOCKED') reasons.push('word:CUSTOM');
    }
    for (const word of assessment.wordPolicy?.managedWordLists ?? []) {
      if (word.action === 'BLOCKED') reasons.push(`word:${word.type ?? 'PROFANITY'}`);
    }
    for (const entity of assessment.sensitiveInformationPolicy?.piiEntities ?? []) {
      if (entity.action === 'BLOCKED' || entity.action === 'ANONYMIZED')
        reasons.push(`pii:${entity.type}:${entity.action}`);
    }
    for (const regex of assessment.sensitiveInformationPolicy?.regexes ?? []) {
      if (regex.action === 'BLOCKED' || regex.action === 'ANONYMIZED')
        reasons.push(`regex:${regex.name}:${regex.action}`);
    }
    for (const filter of assessment.contextualGroundingPolicy?.filters ?? []) {
      if (filter.action === 'BLOCKED')
        reasons.push(`grounding:${filter.type}:${filter.score}<${filter.threshold}`);
    }
  }
  for (const reason of reasons) if (!reason.endsWith(':ANONYMIZED')) blocked = true;
  return { reasons: [...new Set(reasons)], blocked };
}

/** Checks text with Bedrock `ApplyGuardrail` (used where no RetrieveAndGenerate call applies it). */
export function createBedrockGuardrail(options: BedrockGuardrailOptions): Guardrail {
  return {
    async check(input: GuardrailCheck): Promise<GuardrailVerdict> {
      const content: GuardrailContentBlock[] = [];
      if (input.source === 'OUTPUT' && input.groundingSources?.length) {
        content.push({
          text: { text: input.groundingSources.join('\n\n'), qualifiers: ['grounding_source'] },
        });
        if (input.query) content.push({ text: { text: input.query, qualifiers: ['query'] } });
        content.push({ text: { text: input.text, qualifiers: ['guard_content'] } });
      } else {
        content.push({ text: { text: input.text } });
      }
      let response: ApplyGuardrailResponse;
      try {
        response = await options.client.send(
          new ApplyGuardrailCommand({
            guardrailIdentifier: options.guardrailId,
            guardrailVersion: options.guardrailVersion,
            source: input.source,
            content,
          }),
        );
      } catch (error) {
        throw mapBedrockError(error, {
          ...options.errorContext,
          operation: 'ApplyGuardrail',
          guardrailId: options.guardrailId,
        });
      }
      if (response.action !== 'GUARDRAIL_INTERVENED')
        return { action: 'NONE', blocked: false, text: input.text, reasons: [] };
      const { reasons, blocked } = assessmentReasons(response);
      const output = (response.outputs ?? []).map((item) => item.text ?? '').join('');
      return { action: 'INTERVENED', blocked, text: output || input.text, reasons };
    },
  };
}
