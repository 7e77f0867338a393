import { type BedrockAgentRuntimeClient, RetrieveCommand } from '@aws-sdk/client-bedrock-agent-runtime';
import type { Passage, RetrieveQuery } from '../../domain.js';
import type { Retriever } from '../../ports.js';
import { buildVectorSearchConfiguration } from './build-retrieval-filter.js';
import { type BedrockErrorContext, mapBedrockError } from './map-bedrock-error.js';
import { referenceToPassage } from './map-citations.js';

export interface BedrockRetrieverOptions {
  client: BedrockAgentRuntimeClient;
  knowledgeBaseId: string;
  searchType?: 'HYBRID' | 'SEMANTIC';
  rerankingModelArn?: string;
  defaultK?: number;
  errorContext?: BedrockErrorContext;
}

/** Retrieves passages with Bedrock `Retrieve` (for `POST /v1/retrieve`). */
export function createBedrockRetriever(options: BedrockRetrieverOptions): Retriever {
  return {
    async retrieve(query: RetrieveQuery): Promise<Passage[]> {
      const vectorSearch = buildVectorSearchConfiguration(query, options);
      try {
        const response = await options.client.send(
          new RetrieveCommand({
            knowledgeBaseId: options.knowledgeBaseId,
            retrievalQuery: { text: query.query },
            retrievalConfiguration: { vectorSearchConfiguration: vectorSearch },
          }),
        );
        return (response.retrievalResults ?? []).map((result) => referenceToPassage(result));
      } catch (error) {
        throw mapBedrockError(error, {
          ...options.errorContext,
          operation: 'Retrieve',
          knowledgeBaseId: options.knowledgeBaseId,
        });
      }
    },
  };
}
