/**
 * Chunking settings in the exact shape of a Bedrock data source's `chunkingConfiguration`
 * (`AWS::Bedrock::DataSource` ChunkingConfiguration). The offline chunker and the CDK data
 * source both read `defaultChunkingSettings`, so local retrieval behaves like the deployed KB.
 */
export interface FixedSizeChunkingSettings {
  chunkingStrategy: 'FIXED_SIZE';
  fixedSizeChunkingConfiguration: {
    /** Maximum tokens per chunk (Bedrock: 20..8192). */
    maxTokens: number;
    /** Overlap between consecutive chunks in percent (Bedrock: 1..99). */
    overlapPercentage: number;
  };
}

export interface HierarchicalChunkingSettings {
  chunkingStrategy: 'HIERARCHICAL';
  hierarchicalChunkingConfiguration: {
    /** Exactly two levels: parent then child, each with `maxTokens` (Bedrock: 1..8192). */
    levelConfigurations: [{ maxTokens: number }, { maxTokens: number }];
    /** Tokens shared by consecutive child chunks (Bedrock: >= 1). */
    overlapTokens: number;
  };
}

export type ChunkingSettings = FixedSizeChunkingSettings | HierarchicalChunkingSettings;

/**
 * Default: small fixed-size chunks. Measured with `npm run eval`: they keep the evidence within
 * the first 300 retrieved words more often than larger chunks, which is what a model is sent.
 */
export const defaultChunkingSettings: ChunkingSettings = {
  chunkingStrategy: 'FIXED_SIZE',
  fixedSizeChunkingConfiguration: { maxTokens: 200, overlapPercentage: 20 },
};

/** Hierarchical alternative (Bedrock's recommended starting point: 1500 / 300 / 60). */
export const hierarchicalChunkingSettings: HierarchicalChunkingSettings = {
  chunkingStrategy: 'HIERARCHICAL',
  hierarchicalChunkingConfiguration: {
    levelConfigurations: [{ maxTokens: 1500 }, { maxTokens: 300 }],
    overlapTokens: 60,
  },
};

/** Throws with a message that says how to fix settings Bedrock would reject. */
export function validateChunkingSettings(settings: ChunkingSettings): ChunkingSettings {
  if (settings.chunkingStrategy === 'FIXED_SIZE') {
    const { maxTokens, overlapPercentage } = settings.fixedSizeChunkingConfiguration;
    if (!Number.isInteger(maxTokens) || maxTokens < 20 || maxTokens > 8192) {
      throw new Error(`chunking maxTokens must be an integer from 20 to 8192, got ${maxTokens}`);
    }
    if (!Number.isInteger(overlapPercentage) || overlapPercentage < 1 || overlapPercentage > 99) {
      throw new Error(`chunking overlapPercentage must be an integer from 1 to 99, got ${overlapPercentage}`);
    }
    return settings;
  }
  const [parent, child] = settings.hierarchicalChunkingConfiguration.levelConfigurations;
  const { overlapTokens } = settings.hierarchicalChunkingConfiguration;
  if (child.maxTokens >= parent.maxTokens) {
    throw new Error(
      `hierarchical chunking: child maxTokens (${child.maxTokens}) must be smaller than parent maxTokens (${parent.maxTokens})`,
    );
  }
  if (overlapTokens < 1 || overlapTokens >= child.maxTokens) {
    throw new Error(
      `hierarchical chunking: overlapTokens must be from 1 to child maxTokens - 1, got ${overlapTokens}`,
    );
  }
  return settings;
}
