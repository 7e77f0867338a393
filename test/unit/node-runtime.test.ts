import { readFileSync } from 'node:fs';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { LAMBDA_RUNTIME } from '../../infra/constructs/bundled-function.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const major = (version: string) => Number(/(\d+)/.exec(version)?.[1]);

describe('Node.js runtime', () => {
  it('the tests run on the Node.js major the Lambdas deploy to', () => {
    // Prepare: the Lambda runtime name is nodejsNN.x
    const lambdaMajor = major(LAMBDA_RUNTIME.name);

    // Assess: npm scripts put the pinned `node` devDependency first on PATH
    expect(LAMBDA_RUNTIME.family).toBe(lambda.RuntimeFamily.NODEJS);
    expect(major(packageJson.devDependencies.node ?? '')).toBe(lambdaMajor);
    expect(major(process.versions.node)).toBe(lambdaMajor);
  });
});
