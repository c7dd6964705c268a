import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { SCHEMAS_DIR } from '../support/repo-paths';
import type { Resource } from '../support/yaml-documents';

/**
 * Validates one rendered object against its kind's schema: the Kubernetes OpenAPI schemas (via
 * kubernetes-models) for built-in kinds and KEDA, Strimzi's own CRD schemas for Kafka resources.
 * A kind with no schema here is an error, so a new kind cannot slip through unchecked.
 */

interface Validatable {
  validate(): void;
}

const builtInKinds: Record<string, new (data: never) => Validatable> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
};

const strimziKinds: Record<string, string> = {
  'kafka.strimzi.io/v1/Kafka': 'kafka.json',
  'kafka.strimzi.io/v1/KafkaNodePool': 'kafkanodepool.json',
  'kafka.strimzi.io/v1/KafkaTopic': 'kafkatopic.json',
  // Written for these checks from Strimzi's documented fields (schemas/SOURCES.md).
  'kafka.strimzi.io/v1/KafkaUser': 'kafkauser.json',
};

export function validateResource(resource: Resource): void {
  const key = `${resource.apiVersion}/${resource.kind}`;
  const Model = builtInKinds[key];
  if (Model) {
    new Model(resource as never).validate();
    return;
  }
  const schemaFile = strimziKinds[key];
  if (!schemaFile) throw new Error(`no schema for ${key}: add one to validate-resource.ts`);
  const validate = strimziValidator(schemaFile);
  const name = resource.metadata.name;
  if (!validate(resource)) {
    throw new Error(`${key} ${name}: ${ajv.errorsText(validate.errors)}`);
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<string, ValidateFunction>();

function strimziValidator(file: string): ValidateFunction {
  let validate = validators.get(file);
  if (!validate) {
    const vendored = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'strimzi-1.2.0', file), 'utf8'));
    validate = ajv.compile(rejectUnknownFields(vendored.schema) as object);
    validators.set(file, validate);
  }
  return validate;
}

/**
 * The API server prunes (and `kubectl apply`, validating strictly, rejects) fields a structural
 * schema does not declare; JSON Schema would accept them. Closing every object that lists its
 * properties, unless it opts out with x-kubernetes-preserve-unknown-fields, makes a misspelt
 * field an error here too. `metadata` stays open: the API server validates it separately.
 */
function rejectUnknownFields(schema: unknown, path: string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((item) => rejectUnknownFields(item, path));
  if (!schema || typeof schema !== 'object') return schema;
  const node = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, rejectUnknownFields(value, [...path, key])]),
  ) as Record<string, unknown>;
  const isRootMetadata = path.length === 2 && path[1] === 'metadata';
  if (
    node['properties'] &&
    node['additionalProperties'] === undefined &&
    !node['x-kubernetes-preserve-unknown-fields'] &&
    !isRootMetadata
  ) {
    node['additionalProperties'] = false;
  }
  return node;
}
