import type {
  KnowledgeBaseVectorSearchConfiguration,
  RetrievalFilter,
} from '@aws-sdk/client-bedrock-agent-runtime';
import type { SearchFilters } from '../../domain.js';

/**
 * Our request filters as a Bedrock metadata filter. The keys are attributes of the corpus
 * metadata sidecars (`source`, `topics`, `sourceKind`), so the same filters work offline.
 */
export function buildRetrievalFilter(filters: SearchFilters | undefined): RetrievalFilter | undefined {
  if (!filters) return undefined;
  const conditions: RetrievalFilter[] = [];
  if (filters.source) conditions.push({ equals: { key: 'source', value: filters.source } });
  if (filters.topic) conditions.push({ listContains: { key: 'topics', value: filters.topic } });
  if (filters.sourceKind) conditions.push({ equals: { key: 'sourceKind', value: filters.sourceKind } });
  if (conditions.length === 0) return undefined;
  if (conditions.length === 1) return conditions[0];
  return { andAll: conditions };
}

/** Search settings shared by RetrieveAndGenerate and Retrieve. */
export interface VectorSearchOptions {
  defaultK?: number;
  searchType?: 'HYBRID' | 'SEMANTIC';
  rerankingModelArn?: string;
}

/** The `vectorSearchConfiguration` for a request: k, metadata filter, search type and reranking. */
export function buildVectorSearchConfiguration(
  query: { k?: number; filters?: SearchFilters },
  options: VectorSearchOptions,
): KnowledgeBaseVectorSearchConfiguration {
  const vectorSearch: KnowledgeBaseVectorSearchConfiguration = {
    numberOfResults: query.k ?? options.defaultK ?? 5,
  };
  const filter = buildRetrievalFilter(query.filters);
  if (filter) vectorSearch.filter = filter;
  if (options.searchType) vectorSearch.overrideSearchType = options.searchType;
  if (options.rerankingModelArn) {
    vectorSearch.rerankingConfiguration = {
      type: 'BEDROCK_RERANKING_MODEL',
      bedrockRerankingConfiguration: { modelConfiguration: { modelArn: options.rerankingModelArn } },
    };
  }
  return vectorSearch;
}
