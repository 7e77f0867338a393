import { describe, expect, it } from 'vitest';
import { readDeploySettings } from '../../infra/config.js';
import type { CloudFormationTemplate } from './support/resolve-intrinsics.js';
import { resourceProperties, validateTemplate } from './support/validate-against-spec.js';

// The validator behind the schema checks of the synthesized templates (deploy-safety.test.ts
// runs it on every template it synthesizes), and the settings whose values reach CloudFormation.
describe('CloudFormation schemas', () => {
  it('catches what the registry rejects (the check is live)', () => {
    // Prepare
    const template: CloudFormationTemplate = {
      Resources: {
        Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 2, Retention: 30 } },
        Source: {
          Type: 'AWS::Bedrock::DataSource',
          Properties: { Name: 'x', DataSourceConfiguration: { Type: 'FTP' } },
        },
      },
    };

    // Act
    const problems = validateTemplate(template);

    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/RetentionInDays: 2 is not one of 1, 3, 5/),
        expect.stringMatching(/Logs \(AWS::Logs::LogGroup\)\.Retention: no such property/),
        expect.stringMatching(/KnowledgeBaseId: required but missing/),
        expect.stringMatching(/DataSourceConfiguration\.Type: "FTP" is not one of S3/),
      ]),
    );
    expect(resourceProperties('AWS::Bedrock::KnowledgeBase')).toBeDefined();
  });

  it('accepts as logRetentionDays exactly the retention values CloudFormation accepts', () => {
    // Prepare
    const allowed = (resourceProperties('AWS::Logs::LogGroup')?.RetentionInDays?.type.allowedValues ??
      []) as number[];

    // Act
    const accepted = Array.from({ length: 4000 }, (_, index) => index + 1).filter((days) => {
      try {
        readDeploySettings({ logRetentionDays: days });
        return true;
      } catch {
        return false;
      }
    });

    // Assess
    expect(allowed.length).toBeGreaterThan(20);
    expect(accepted).toEqual(allowed);
    expect(() => readDeploySettings({ logRetentionDays: 2 })).toThrow(
      /logRetentionDays must be one of 1, 3, 5, 7/,
    );
  });
});
