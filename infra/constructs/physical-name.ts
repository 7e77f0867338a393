import { createHash } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * A physical name unique per stack and per value of the settings that force the resource's
 * replacement: `<stack>-<base>-<hash of replacementKey>`. CloudFormation creates a replacement
 * before deleting the old resource, so a fixed name would collide with itself (AlreadyExists),
 * and a second stack in the account would collide with the first. Separators are single
 * hyphens (Bedrock names reject "--"); the stack part is shortened to fit `maxLength`.
 */
export function physicalName(
  scope: Construct,
  base: string,
  replacementKey: unknown,
  maxLength: number,
): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(replacementKey ?? null))
    .digest('hex')
    .slice(0, 8);
  const suffix = `-${base}-${hash}`;
  const stack = Stack.of(scope)
    .stackName.replace(/[^0-9A-Za-z-]/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '')
    .slice(0, Math.max(1, maxLength - suffix.length))
    .replace(/-$/, '');
  return `${stack}${suffix}`;
}
