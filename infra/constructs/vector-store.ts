import * as s3vectors from 'aws-cdk-lib/aws-s3vectors';
import { Construct } from 'constructs';

export interface VectorStoreProps {
  /** Must equal the embedding model's output size. */
  readonly dimensions: number;
}

/**
 * Amazon S3 Vectors bucket and index: pay per use, no idle cost. Bedrock stores the chunk text
 * and its own metadata blob in two keys that must not be filterable (they exceed filter limits).
 */
export class VectorStore extends Construct {
  public readonly vectorBucket: s3vectors.CfnVectorBucket;
  public readonly index: s3vectors.CfnIndex;

  constructor(scope: Construct, id: string, props: VectorStoreProps) {
    super(scope, id);
    this.vectorBucket = new s3vectors.CfnVectorBucket(this, 'Bucket', {
      encryptionConfiguration: { sseType: 'AES256' },
    });
    this.index = new s3vectors.CfnIndex(this, 'Index', {
      vectorBucketArn: this.vectorBucket.attrVectorBucketArn,
      dataType: 'float32',
      dimension: props.dimensions,
      distanceMetric: 'cosine',
      metadataConfiguration: {
        nonFilterableMetadataKeys: ['AMAZON_BEDROCK_TEXT', 'AMAZON_BEDROCK_METADATA'],
      },
    });
  }
}
