// generated from crds/sidecarset.yaml by scripts/gen-api.ts, do not edit
import type { SchemaSegment, ValidationRuleSpec } from '../structural-schema.ts';

/** One x-kubernetes-validations rule and the schema node it sits on. */
export interface SidecarSetValidationRule extends ValidationRuleSpec {
  /** `spec.containers[]`: '[]' = each list item, '{}' = each map value. */
  readonly path: string;
  readonly segments: readonly SchemaSegment[];
}

/** Every CEL rule of the CRD, in schema order (parents before children). */
export const sidecarSetValidationRules: readonly SidecarSetValidationRule[] = [
  {
    "path": "spec",
    "segments": [
      "spec"
    ],
    "rule": "(has(self.containers) && size(self.containers) > 0) ||\n(has(self.initContainers) && size(self.initContainers) > 0)",
    "message": "at least one of containers or initContainers must be non-empty"
  },
  {
    "path": "spec",
    "segments": [
      "spec"
    ],
    "rule": "!has(self.containers) || !has(self.initContainers) ||\nself.initContainers.all(i, self.containers.all(c, c.name != i.name))",
    "message": "container names must be unique across containers and initContainers",
    "fieldPath": ".initContainers"
  },
  {
    "path": "spec",
    "segments": [
      "spec"
    ],
    "rule": "!has(self.overrides) || self.overrides.all(o,\n  (has(self.containers) && self.containers.exists(c, c.name == o.container)) ||\n  (has(self.initContainers) && self.initContainers.exists(c, c.name == o.container)))",
    "message": "every overrides[].container must name a container or init container of this set",
    "fieldPath": ".overrides"
  },
  {
    "path": "spec",
    "segments": [
      "spec"
    ],
    "rule": "!has(self.supportedOS) || !('windows' in self.supportedOS) || (has(self.shareProcessNamespace) && !self.shareProcessNamespace)",
    "message": "a set that supports windows must set shareProcessNamespace to false (Windows pods cannot share a process namespace)",
    "fieldPath": ".supportedOS"
  },
  {
    "path": "spec.selector",
    "segments": [
      "spec",
      "selector"
    ],
    "rule": "(has(self.matchLabels) && size(self.matchLabels) > 0) ||\n(has(self.matchExpressions) && size(self.matchExpressions) > 0)",
    "message": "an empty selector would match every pod; set matchLabels or matchExpressions"
  },
  {
    "path": "spec.selector.matchExpressions[]",
    "segments": [
      "spec",
      "selector",
      "matchExpressions",
      "[]"
    ],
    "rule": "self.operator == 'In' || self.operator == 'NotIn' ?\nhas(self.values) && size(self.values) > 0 :\n!has(self.values) || size(self.values) == 0",
    "message": "values must be non-empty when operator is In or NotIn, and empty when operator is Exists or DoesNotExist",
    "fieldPath": ".values"
  },
  {
    "path": "spec.namespaceSelector.matchExpressions[]",
    "segments": [
      "spec",
      "namespaceSelector",
      "matchExpressions",
      "[]"
    ],
    "rule": "self.operator == 'In' || self.operator == 'NotIn' ?\nhas(self.values) && size(self.values) > 0 :\n!has(self.values) || size(self.values) == 0",
    "message": "values must be non-empty when operator is In or NotIn, and empty when operator is Exists or DoesNotExist",
    "fieldPath": ".values"
  },
  {
    "path": "spec.containers",
    "segments": [
      "spec",
      "containers"
    ],
    "rule": "self.all(c, self.exists_one(d, d.name == c.name))",
    "message": "container names must be unique within containers"
  },
  {
    "path": "spec.containers[]",
    "segments": [
      "spec",
      "containers",
      "[]"
    ],
    "rule": "!has(self.restartPolicy)",
    "message": "restartPolicy must not be set on a sidecar container: Tandem decides whether it runs as a native sidecar (see spec.nativeSidecars)",
    "fieldPath": ".restartPolicy",
    "reason": "FieldValueForbidden"
  },
  {
    "path": "spec.initContainers",
    "segments": [
      "spec",
      "initContainers"
    ],
    "rule": "self.all(c, self.exists_one(d, d.name == c.name))",
    "message": "container names must be unique within initContainers"
  },
  {
    "path": "spec.initContainers[]",
    "segments": [
      "spec",
      "initContainers",
      "[]"
    ],
    "rule": "!has(self.restartPolicy) || self.restartPolicy != 'Always'",
    "message": "restartPolicy: Always is not allowed in initContainers; put sidecars in containers",
    "fieldPath": ".restartPolicy",
    "reason": "FieldValueForbidden"
  },
  {
    "path": "spec.volumes",
    "segments": [
      "spec",
      "volumes"
    ],
    "rule": "self.all(v, self.exists_one(w, w.name == v.name))",
    "message": "volume names must be unique within volumes"
  },
  {
    "path": "spec.podMetadata.labels",
    "segments": [
      "spec",
      "podMetadata",
      "labels"
    ],
    "rule": "self.all(k, !k.startsWith('tandem.dev/'))",
    "message": "podMetadata.labels must not set keys under tandem.dev/, which are reserved for Tandem",
    "reason": "FieldValueForbidden"
  },
  {
    "path": "spec.podMetadata.annotations",
    "segments": [
      "spec",
      "podMetadata",
      "annotations"
    ],
    "rule": "self.all(k, !k.startsWith('tandem.dev/'))",
    "message": "podMetadata.annotations must not set keys under tandem.dev/, which are reserved for Tandem",
    "reason": "FieldValueForbidden"
  },
  {
    "path": "spec.overrides[]",
    "segments": [
      "spec",
      "overrides",
      "[]"
    ],
    "rule": "has(self.env) != has(self.resource)",
    "message": "an override sets exactly one of env and resource"
  },
  {
    "path": "spec.overrides[]",
    "segments": [
      "spec",
      "overrides",
      "[]"
    ],
    "rule": "!has(self.env) || has(self.format)",
    "message": "format is required with env; it says which values the annotation accepts",
    "fieldPath": ".format",
    "reason": "FieldValueRequired"
  },
  {
    "path": "spec.overrides[]",
    "segments": [
      "spec",
      "overrides",
      "[]"
    ],
    "rule": "!has(self.resource) || !has(self.format) || self.format == 'Quantity'",
    "message": "a resource override takes a Quantity; format must be Quantity or absent",
    "fieldPath": ".format"
  },
  {
    "path": "spec.overrides[]",
    "segments": [
      "spec",
      "overrides",
      "[]"
    ],
    "rule": "!has(self.maximum) || has(self.resource) || (has(self.format) && (self.format == 'Quantity' || self.format == 'Integer'))",
    "message": "maximum applies only to resource overrides and to the formats Quantity and Integer",
    "fieldPath": ".maximum",
    "reason": "FieldValueForbidden"
  },
  {
    "path": "spec.overrides[]",
    "segments": [
      "spec",
      "overrides",
      "[]"
    ],
    "rule": "!has(self.maximum) || (has(self.format) && self.format == 'Integer' ? self.maximum.matches('^[0-9]{1,15}$') : self.maximum.matches('^([0-9]+(\\\\.[0-9]*)?|\\\\.[0-9]+)([KMGTPE]i|[mkMGTPE]|[eE][-+]?[0-9]{1,2})?$'))",
    "message": "maximum must be a non-negative Kubernetes quantity (such as 512Mi or 2) or, with format Integer, a non-negative integer",
    "fieldPath": ".maximum"
  },
  {
    "path": "spec.overrides[].annotation",
    "segments": [
      "spec",
      "overrides",
      "[]",
      "annotation"
    ],
    "rule": "!self.startsWith('tandem.dev/')",
    "message": "annotation keys under tandem.dev/ are reserved for Tandem",
    "reason": "FieldValueForbidden"
  },
  {
    "path": "spec.updateStrategy",
    "segments": [
      "spec",
      "updateStrategy"
    ],
    "rule": "!(has(self.partition) && has(self.type) && self.type == 'NotUpdate')",
    "message": "partition has no effect when type is NotUpdate; remove partition or use type RollingUpdate",
    "fieldPath": ".partition",
    "reason": "FieldValueForbidden"
  },
  {
    "path": "spec.updateStrategy.maxUnavailable",
    "segments": [
      "spec",
      "updateStrategy",
      "maxUnavailable"
    ],
    "rule": "type(self) == int ? self >= 0 : self.matches('^(100|[1-9]?[0-9])%$')",
    "message": "maxUnavailable must be an integer >= 0 or a percentage from 0% to 100%, such as 10%"
  },
  {
    "path": "spec.updateStrategy.partition",
    "segments": [
      "spec",
      "updateStrategy",
      "partition"
    ],
    "rule": "type(self) == int ? self >= 0 : self.matches('^(100|[1-9]?[0-9])%$')",
    "message": "partition must be an integer >= 0 or a percentage from 0% to 100%, such as 10%"
  }
];
