import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';
import type { SpecDatabase } from '@aws-cdk/service-spec-types';
import type { CloudFormationTemplate } from './resolve-intrinsics.js';

type PropertyType = {
  type: string;
  element?: PropertyType;
  types?: PropertyType[];
  reference?: { $ref: string };
  allowedValues?: (string | number)[];
};
type Property = {
  type: PropertyType;
  previousTypes?: PropertyType[];
  required?: boolean;
  causesReplacement?: string;
};
type Properties = Record<string, Property>;

let database: SpecDatabase | undefined;

/** The registry-derived CloudFormation spec aws-cdk-lib is generated from (loaded once, ~0.5 s). */
export function serviceSpec(): SpecDatabase {
  database ??= loadAwsServiceSpecSync();
  return database;
}

/** The spec's properties of a resource type, or undefined for a type the registry does not know. */
export function resourceProperties(cloudFormationType: string): Properties | undefined {
  const [resource] = serviceSpec().lookup('resource', 'cloudFormationType', 'equals', cloudFormationType);
  return resource?.properties as Properties | undefined;
}

export function typeDefinitionProperties(reference: string): Properties {
  return (serviceSpec().get('typeDefinition', reference) as unknown as { properties: Properties }).properties;
}

/** An intrinsic function or reference: its value is only known at deploy time. */
const isIntrinsic = (value: unknown) =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  Object.keys(value).length === 1 &&
  /^(Ref|Fn::\w+)$/.test(Object.keys(value)[0] as string);

function typeProblems(value: unknown, type: PropertyType, path: string): string[] {
  if (isIntrinsic(value)) return [];
  switch (type.type) {
    case 'json':
      return [];
    case 'string':
      if (typeof value !== 'string') return [`${path}: expected a string, got ${JSON.stringify(value)}`];
      if (type.allowedValues && !type.allowedValues.includes(value))
        return [`${path}: "${value}" is not one of ${type.allowedValues.join(', ')}`];
      return [];
    case 'integer':
    case 'number': {
      const number = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      if (typeof number !== 'number' || (type.type === 'integer' && !Number.isInteger(number)))
        return [`${path}: expected ${type.type}, got ${JSON.stringify(value)}`];
      if (type.allowedValues && !type.allowedValues.includes(number))
        return [`${path}: ${number} is not one of ${type.allowedValues.join(', ')}`];
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false'
        ? []
        : [`${path}: expected a boolean, got ${JSON.stringify(value)}`];
    case 'date-time':
      return typeof value === 'string' ? [] : [`${path}: expected a date-time string`];
    case 'tag':
      return objectProblems(
        value,
        {
          Key: { type: { type: 'string' }, required: true },
          Value: { type: { type: 'string' }, required: true },
        },
        path,
      );
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected a list, got ${JSON.stringify(value)}`];
      return value.flatMap((item, index) =>
        typeProblems(item, type.element as PropertyType, `${path}[${index}]`),
      );
    case 'map':
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        return [`${path}: expected a map`];
      return Object.entries(value).flatMap(([key, item]) =>
        typeProblems(item, type.element as PropertyType, `${path}.${key}`),
      );
    case 'ref':
      return objectProblems(value, typeDefinitionProperties((type.reference as { $ref: string }).$ref), path);
    case 'union': {
      const alternatives = (type.types ?? []).map((alternative) => typeProblems(value, alternative, path));
      return alternatives.some((problems) => problems.length === 0) ? [] : (alternatives[0] ?? []);
    }
    default:
      return [`${path}: spec type ${type.type} is not handled by the test`];
  }
}

function propertyProblems(value: unknown, property: Property, path: string): string[] {
  const candidates = [property.type, ...(property.previousTypes ?? [])];
  const outcomes = candidates.map((type) => typeProblems(value, type, path));
  return outcomes.some((problems) => problems.length === 0) ? [] : (outcomes[0] ?? []);
}

function objectProblems(value: unknown, properties: Properties, path: string): string[] {
  if (isIntrinsic(value)) return [];
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return [`${path}: expected an object, got ${JSON.stringify(value)}`];
  const problems: string[] = [];
  for (const [name, item] of Object.entries(value)) {
    const property = properties[name];
    if (!property)
      problems.push(`${path}.${name}: no such property (spec has ${Object.keys(properties).join(', ')})`);
    else problems.push(...propertyProblems(item, property, `${path}.${name}`));
  }
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && !(name in value)) problems.push(`${path}.${name}: required but missing`);
  }
  return problems;
}

/**
 * Every resource of a template checked against the spec: known type, property names, required
 * properties, types and allowed (enum) values, recursively. Custom resources are skipped.
 */
export function validateTemplate(template: CloudFormationTemplate): string[] {
  const problems: string[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource')
      continue;
    const properties = resourceProperties(resource.Type);
    if (!properties) {
      problems.push(`${logicalId}: ${resource.Type} is not a registry resource type`);
      continue;
    }
    problems.push(
      ...objectProblems(resource.Properties ?? {}, properties, `${logicalId} (${resource.Type})`),
    );
  }
  return problems;
}
