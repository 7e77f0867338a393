import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

export interface CorpusBucketProps {
  /** Local folder uploaded to the bucket (notes + metadata sidecars). */
  readonly corpusDir: string;
}

/** The knowledge base's data: an encrypted, private, SSL-only bucket with access logs, filled from docs-corpus/. */
export class CorpusBucket extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly deployment: s3deploy.BucketDeployment;

  constructor(scope: Construct, id: string, props: CorpusBucketProps) {
    super(scope, id);
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'corpus/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.deployment = new s3deploy.BucketDeployment(this, 'Upload', {
      sources: [s3deploy.Source.asset(props.corpusDir)],
      destinationBucket: this.bucket,
      prune: true,
      memoryLimit: 512,
    });
  }
}
