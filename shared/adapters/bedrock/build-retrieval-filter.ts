import type { RetrievalFilter } from '@aws-sdk/client-bedrock-agent-runtime';
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
