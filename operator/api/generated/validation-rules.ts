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
    "message": "at least one of containers or initContainers must be non-empty",
    "parsed": {
      "rule": "EuUBEBMy4AESBF98fF8aZxAJMmMSBF8mJl8aHhADKhoKChABIgYKBHNlbGYSCmNvbnRhaW5lcnMYARo7EAgyNxIDXz5fGigQBjIkEgRzaXplGhwQBSoYCgoQBCIGCgRzZWxmEgpjb250YWluZXJzGgYQBxoCGAAabxASMmsSBF8mJl8aIhAMKh4KChAKIgYKBHNlbGYSDmluaXRDb250YWluZXJzGAEaPxARMjsSA18+XxosEA8yKBIEc2l6ZRogEA4qHAoKEA0iBgoEc2VsZhIOaW5pdENvbnRhaW5lcnMaBhAQGgIYABrMASIECAEQBSIECAIQCSIECAMQASIECAQQHiIECAUQIiIECAYQGSIECAcQMSIECAgQLiIECAkQASIECAoQPCIECAsQQCIECAwQOCIECA0QWSIECA4QXSIECA8QVCIECBAQcCIECBEQbSIECBIQOCIECBMQACopCAMSJTIjEgNoYXMaHBACKhgKChABIgYKBHNlbGYSCmNvbnRhaW5lcnMqLQgMEikyJxIDaGFzGiAQCyocCgoQCiIGCgRzZWxmEg5pbml0Q29udGFpbmVycw=="
    }
  },
  {
    "path": "spec",
    "segments": [
      "spec"
    ],
    "rule": "!has(self.containers) || !has(self.initContainers) ||\nself.initContainers.all(i, self.containers.all(c, c.name != i.name))",
    "message": "container names must be unique across containers and initContainers",
    "fieldPath": ".initContainers",
    "parsed": {
      "rule": "EscDECUywgMSBF98fF8aYhAkMl4SBF98fF8aKBAEMiQSAiFfGh4QAyoaCgoQASIGCgRzZWxmEgpjb250YWluZXJzGAEaLBAIMigSAiFfGiIQByoeCgoQBSIGCgRzZWxmEg5pbml0Q29udGFpbmVycxgBGtUCECNK0AIKAWkSIBAbKhwKChAJIgYKBHNlbGYSDmluaXRDb250YWluZXJzGgdAcmVzdWx0IgYQIRoCEAEqKBAgMiQSE0Bub3Rfc3RyaWN0bHlfZmFsc2UaDRAfIgkKB0ByZXN1bHQy3gEQHjLZARIEXyYmXxoNEB0iCQoHQHJlc3VsdBrBARAaSrwBCgFjEhwQEioYCgoQCyIGCgRzZWxmEgpjb250YWluZXJzGgdAcmVzdWx0IgYQGBoCEAEqKBAXMiQSE0Bub3Rfc3RyaWN0bHlfZmFsc2UaDRAWIgkKB0ByZXN1bHQyTxAVMksSBF8mJl8aDRAUIgkKB0ByZXN1bHQaNBARMjASBF8hPV8aExAOKg8KBxANIgMKAWMSBG5hbWUaExAQKg8KBxAPIgMKAWkSBG5hbWU6DRAZIgkKB0ByZXN1bHQ6DRAiIgkKB0ByZXN1bHQa3gMiBAgBEAUiBAgCEAkiBAgDEAEiBAgEEAAiBAgFEB4iBAgGECIiBAgHEBoiBAgIEBgiBAgJEDYiBAgKEE4iBAgLEFEiBAgMEGUiBAgNEGgiBAgOEGkiBAgPEHIiBAgQEHMiBAgREG8iBAgSEFUiBAgTEGAiBAgUEGAiBAgVEGAiBAgWEGAiBAgXEGAiBAgYEGAiBAgZEGAiBAgaEGAiBAgbEDoiBAgcEEkiBAgdEEkiBAgeEEkiBAgfEEkiBAggEEkiBAghEEkiBAgiEEkiBAgjEEkiBAgkEAAiBAglEAAqKQgDEiUyIxIDaGFzGhwQAioYCgoQASIGCgRzZWxmEgpjb250YWluZXJzKi0IBxIpMicSA2hhcxogEAYqHAoKEAUiBgoEc2VsZhIOaW5pdENvbnRhaW5lcnMqaAgaEmQyYgocEBIqGAoKEAsiBgoEc2VsZhIKY29udGFpbmVycxIDYWxsGgcQDCIDCgFjGjQQETIwEgRfIT1fGhMQDioPCgcQDSIDCgFjEgRuYW1lGhMQECoPCgcQDyIDCgFpEgRuYW1lKjoIIxI2MjQKIBAbKhwKChAJIgYKBHNlbGYSDmluaXRDb250YWluZXJzEgNhbGwaBxAKIgMKAWkaAhAa"
    }
  },
  {
    "path": "spec",
    "segments": [
      "spec"
    ],
    "rule": "!has(self.overrides) || self.overrides.all(o,\n  (has(self.containers) && self.containers.exists(c, c.name == o.container)) ||\n  (has(self.initContainers) && self.initContainers.exists(c, c.name == o.container)))",
    "message": "every overrides[].container must name a container or init container of this set",
    "fieldPath": ".overrides",
    "parsed": {
      "rule": "EtsFEDsy1gUSBF98fF8aJxAEMiMSAiFfGh0QAyoZCgoQASIGCgRzZWxmEglvdmVycmlkZXMYARqkBRA6Sp8FCgFvEhsQMioXCgoQBSIGCgRzZWxmEglvdmVycmlkZXMaB0ByZXN1bHQiBhA4GgIQASooEDcyJBITQG5vdF9zdHJpY3RseV9mYWxzZRoNEDYiCQoHQHJlc3VsdDKyBBA1Mq0EEgRfJiZfGg0QNCIJCgdAcmVzdWx0GpUEEDEykAQSBF98fF8a/gEQGzL5ARIEXyYmXxoeEAkqGgoKEAciBgoEc2VsZhIKY29udGFpbmVycxgBGtABEBpKywEKAWMSHBARKhgKChAKIgYKBHNlbGYSCmNvbnRhaW5lcnMaB0ByZXN1bHQiBhAYGgIQACoyEBcyLhITQG5vdF9zdHJpY3RseV9mYWxzZRoXEBYyExICIV8aDRAVIgkKB0ByZXN1bHQyVBAUMlASBF98fF8aDRATIgkKB0ByZXN1bHQaORAQMjUSBF89PV8aExANKg8KBxAMIgMKAWMSBG5hbWUaGBAPKhQKBxAOIgMKAW8SCWNvbnRhaW5lcjoNEBkiCQoHQHJlc3VsdBqGAhAwMoECEgRfJiZfGiIQHioeCgoQHCIGCgRzZWxmEg5pbml0Q29udGFpbmVycxgBGtQBEC9KzwEKAWMSIBAmKhwKChAfIgYKBHNlbGYSDmluaXRDb250YWluZXJzGgdAcmVzdWx0IgYQLRoCEAAqMhAsMi4SE0Bub3Rfc3RyaWN0bHlfZmFsc2UaFxArMhMSAiFfGg0QKiIJCgdAcmVzdWx0MlQQKTJQEgRffHxfGg0QKCIJCgdAcmVzdWx0GjkQJTI1EgRfPT1fGhMQIioPCgcQISIDCgFjEgRuYW1lGhgQJCoUCgcQIyIDCgFvEgljb250YWluZXI6DRAuIgkKB0ByZXN1bHQ6DRA5IgkKB0ByZXN1bHQaygYiBAgBEAUiBAgCEAkiBAgDEAEiBAgEEAAiBAgFEBgiBAgGECsiBAgHEDUiBAgIEDkiBAgJEDEiBAgKEEkiBAgLEGAiBAgMEGMiBAgNEGQiBAgOEG0iBAgPEG4iBAgQEGoiBAgREE0iBAgSEFgiBAgTEFgiBAgUEFgiBAgVEFgiBAgWEFgiBAgXEFgiBAgYEFgiBAgZEFgiBAgaEFgiBAgbEDEiBQgcEIUBIgUIHRCJASIFCB4QgQEiBQgfEJ0BIgUIIBC4ASIFCCEQuwEiBQgiELwBIgUIIxDFASIFCCQQxgEiBQglEMIBIgUIJhChASIFCCcQsAEiBQgoELABIgUIKRCwASIFCCoQsAEiBQgrELABIgUILBCwASIFCC0QsAEiBQguELABIgUILxCwASIFCDAQgQEiBAgxEC0iBAgyEBwiBAgzECYiBAg0ECYiBAg1ECYiBAg2ECYiBAg3ECYiBAg4ECYiBAg5ECYiBAg6ECYiBAg7EAAqKAgDEiQyIhIDaGFzGhsQAioXCgoQASIGCgRzZWxmEglvdmVycmlkZXMqKQgJEiUyIxIDaGFzGhwQCCoYCgoQByIGCgRzZWxmEgpjb250YWluZXJzKnAIGhJsMmoKHBARKhgKChAKIgYKBHNlbGYSCmNvbnRhaW5lcnMSBmV4aXN0cxoHEAsiAwoBYxo5EBAyNRIEXz09XxoTEA0qDwoHEAwiAwoBYxIEbmFtZRoYEA8qFAoHEA4iAwoBbxIJY29udGFpbmVyKi0IHhIpMicSA2hhcxogEB0qHAoKEBwiBgoEc2VsZhIOaW5pdENvbnRhaW5lcnMqdAgvEnAybgogECYqHAoKEB8iBgoEc2VsZhIOaW5pdENvbnRhaW5lcnMSBmV4aXN0cxoHECAiAwoBYxo5ECUyNRIEXz09XxoTECIqDwoHECEiAwoBYxIEbmFtZRoYECQqFAoHECMiAwoBbxIJY29udGFpbmVyKmUIOhJhMl8KGxAyKhcKChAFIgYKBHNlbGYSCW92ZXJyaWRlcxIDYWxsGgcQBiIDCgFvGjIQMTIuEgRffHxfGhIQGzIOEgRfJiZfGgIQCRoCEBoaEhAwMg4SBF8mJl8aAhAeGgIQLw=="
    }
  },
  {
    "path": "spec",
    "segments": [
      "spec"
    ],
    "rule": "!has(self.supportedOS) || !('windows' in self.supportedOS) || (has(self.shareProcessNamespace) && !self.shareProcessNamespace)",
    "message": "a set that supports windows must set shareProcessNamespace to false (Windows pods cannot share a process namespace)",
    "fieldPath": ".supportedOS",
    "parsed": {
      "rule": "Eu8BEBIy6gESBF98fF8aeBARMnQSBF98fF8aKRAEMiUSAiFfGh8QAyobCgoQASIGCgRzZWxmEgtzdXBwb3J0ZWRPUxgBGkEQCTI9EgIhXxo3EAgyMxIDQGluGg0QBRoJMgd3aW5kb3dzGh0QByoZCgoQBiIGCgRzZWxmEgtzdXBwb3J0ZWRPUxpoEBAyZBIEXyYmXxopEAwqJQoKEAoiBgoEc2VsZhIVc2hhcmVQcm9jZXNzTmFtZXNwYWNlGAEaMRAPMi0SAiFfGicQDiojCgoQDSIGCgRzZWxmEhVzaGFyZVByb2Nlc3NOYW1lc3BhY2UazgEiBAgBEAUiBAgCEAkiBAgDEAEiBAgEEAAiBAgFEBwiBAgGECkiBAgHEC0iBAgIECUiBAgJEBkiBAgKEEMiBAgLEEciBAgMED8iBAgNEGMiBAgOEGciBAgPEGEiBAgQED8iBAgREAAiBAgSEAAqKggDEiYyJBIDaGFzGh0QAioZCgoQASIGCgRzZWxmEgtzdXBwb3J0ZWRPUyo0CAwSMDIuEgNoYXMaJxALKiMKChAKIgYKBHNlbGYSFXNoYXJlUHJvY2Vzc05hbWVzcGFjZQ=="
    }
  },
  {
    "path": "spec.selector",
    "segments": [
      "spec",
      "selector"
    ],
    "rule": "(has(self.matchLabels) && size(self.matchLabels) > 0) ||\n(has(self.matchExpressions) && size(self.matchExpressions) > 0)",
    "message": "an empty selector would match every pod; set matchLabels or matchExpressions",
    "parsed": {
      "rule": "EusBEBMy5gESBF98fF8aaRAJMmUSBF8mJl8aHxADKhsKChABIgYKBHNlbGYSC21hdGNoTGFiZWxzGAEaPBAIMjgSA18+XxopEAYyJRIEc2l6ZRodEAUqGQoKEAQiBgoEc2VsZhILbWF0Y2hMYWJlbHMaBhAHGgIYABpzEBIybxIEXyYmXxokEAwqIAoKEAoiBgoEc2VsZhIQbWF0Y2hFeHByZXNzaW9ucxgBGkEQETI9EgNfPl8aLhAPMioSBHNpemUaIhAOKh4KChANIgYKBHNlbGYSEG1hdGNoRXhwcmVzc2lvbnMaBhAQGgIYABrPASIECAEQBSIECAIQCSIECAMQASIECAQQHyIECAUQIyIECAYQGiIECAcQMyIECAgQMCIECAkQASIECAoQPiIECAsQQiIECAwQOiIECA0QXSIECA4QYSIECA8QWCIECBAQdiIECBEQcyIECBIQOiIECBMQACoqCAMSJjIkEgNoYXMaHRACKhkKChABIgYKBHNlbGYSC21hdGNoTGFiZWxzKi8IDBIrMikSA2hhcxoiEAsqHgoKEAoiBgoEc2VsZhIQbWF0Y2hFeHByZXNzaW9ucw=="
    }
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
    "fieldPath": ".values",
    "parsed": {
      "rule": "EswCEB0yxwISBV8/XzpfGnEQCTJtEgRffHxfGjAQBDIsEgRfPT1fGhoQAioWCgoQASIGCgRzZWxmEghvcGVyYXRvchoIEAMaBDICSW4aMxAIMi8SBF89PV8aGhAGKhYKChAFIgYKBHNlbGYSCG9wZXJhdG9yGgsQBxoHMgVOb3RJbhpfEBIyWxIEXyYmXxoaEAwqFgoKEAoiBgoEc2VsZhIGdmFsdWVzGAEaNxARMjMSA18+XxokEA8yIBIEc2l6ZRoYEA4qFAoKEA0iBgoEc2VsZhIGdmFsdWVzGgYQEBoCGAAaahAcMmYSBF98fF8aJBAWMiASAiFfGhoQFSoWCgoQEyIGCgRzZWxmEgZ2YWx1ZXMYARo4EBsyNBIEXz09XxokEBkyIBIEc2l6ZRoYEBgqFAoKEBciBgoEc2VsZhIGdmFsdWVzGgYQGhoCGAAa/gEiBAgBEAAiBAgCEAQiBAgDEBEiBAgEEA4iBAgFEBkiBAgGEB0iBAgHECoiBAgIECciBAgJEAAiBAgKEDgiBAgLEDwiBAgMEDQiBAgNEE0iBAgOEFEiBAgPEEgiBAgQEFwiBAgREFkiBAgSEDMiBAgTEGUiBAgUEGkiBAgVEGEiBAgWEF8iBAgXEHoiBAgYEH4iBAgZEHUiBQgaEIoBIgUIGxCGASIECBwQXyIECB0QAColCAwSITIfEgNoYXMaGBALKhQKChAKIgYKBHNlbGYSBnZhbHVlcyolCBUSITIfEgNoYXMaGBAUKhQKChATIgYKBHNlbGYSBnZhbHVlcw=="
    }
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
    "fieldPath": ".values",
    "parsed": {
      "rule": "EswCEB0yxwISBV8/XzpfGnEQCTJtEgRffHxfGjAQBDIsEgRfPT1fGhoQAioWCgoQASIGCgRzZWxmEghvcGVyYXRvchoIEAMaBDICSW4aMxAIMi8SBF89PV8aGhAGKhYKChAFIgYKBHNlbGYSCG9wZXJhdG9yGgsQBxoHMgVOb3RJbhpfEBIyWxIEXyYmXxoaEAwqFgoKEAoiBgoEc2VsZhIGdmFsdWVzGAEaNxARMjMSA18+XxokEA8yIBIEc2l6ZRoYEA4qFAoKEA0iBgoEc2VsZhIGdmFsdWVzGgYQEBoCGAAaahAcMmYSBF98fF8aJBAWMiASAiFfGhoQFSoWCgoQEyIGCgRzZWxmEgZ2YWx1ZXMYARo4EBsyNBIEXz09XxokEBkyIBIEc2l6ZRoYEBgqFAoKEBciBgoEc2VsZhIGdmFsdWVzGgYQGhoCGAAa/gEiBAgBEAAiBAgCEAQiBAgDEBEiBAgEEA4iBAgFEBkiBAgGEB0iBAgHECoiBAgIECciBAgJEAAiBAgKEDgiBAgLEDwiBAgMEDQiBAgNEE0iBAgOEFEiBAgPEEgiBAgQEFwiBAgREFkiBAgSEDMiBAgTEGUiBAgUEGkiBAgVEGEiBAgWEF8iBAgXEHoiBAgYEH4iBAgZEHUiBQgaEIoBIgUIGxCGASIECBwQXyIECB0QAColCAwSITIfEgNoYXMaGBALKhQKChAKIgYKBHNlbGYSBnZhbHVlcyolCBUSITIfEgNoYXMaGBAUKhQKChATIgYKBHNlbGYSBnZhbHVlcw=="
    }
  },
  {
    "path": "spec.containers",
    "segments": [
      "spec",
      "containers"
    ],
    "rule": "self.all(c, self.exists_one(d, d.name == c.name))",
    "message": "container names must be unique within containers",
    "parsed": {
      "rule": "EsICEB1KvQIKAWMSChABIgYKBHNlbGYaB0ByZXN1bHQiBhAbGgIQASooEBoyJBITQG5vdF9zdHJpY3RseV9mYWxzZRoNEBkiCQoHQHJlc3VsdDLhARAYMtwBEgRfJiZfGg0QFyIJCgdAcmVzdWx0GsQBEBVKvwEKAWQSChADIgYKBHNlbGYaB0ByZXN1bHQiBhALGgIYACoGEAwaAhABMnIQETJuEgVfP186Xxo0EAkyMBIEXz09XxoTEAYqDwoHEAUiAwoBZBIEbmFtZRoTEAgqDwoHEAciAwoBYxIEbmFtZRogEA8yHBIDXytfGg0QDSIJCgdAcmVzdWx0GgYQDhoCGAEaDRAQIgkKB0ByZXN1bHQ6IRAUMh0SBF89PV8aDRASIgkKB0ByZXN1bHQaBhATGgIYAToNEBwiCQoHQHJlc3VsdBqzAiIECAEQACIECAIQCSIECAMQDCIECAQQHCIECAUQHyIECAYQICIECAcQKSIECAgQKiIECAkQJiIECAoQECIECAsQECIECAwQECIECA0QECIECA4QECIECA8QECIECBAQECIECBEQECIECBIQECIECBMQECIECBQQECIECBUQECIECBYQBCIECBcQBCIECBgQBCIECBkQBCIECBoQBCIECBsQBCIECBwQBCIECB0QBCpdCBUSWTJXCgoQAyIGCgRzZWxmEgpleGlzdHNfb25lGgcQBCIDCgFkGjQQCTIwEgRfPT1fGhMQBioPCgcQBSIDCgFkEgRuYW1lGhMQCCoPCgcQByIDCgFjEgRuYW1lKiQIHRIgMh4KChABIgYKBHNlbGYSA2FsbBoHEAIiAwoBYxoCEBU="
    }
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
    "reason": "FieldValueForbidden",
    "parsed": {
      "rule": "EisQBDInEgIhXxohEAMqHQoKEAEiBgoEc2VsZhINcmVzdGFydFBvbGljeRgBGkYiBAgBEAUiBAgCEAkiBAgDEAEiBAgEEAAqLAgDEigyJhIDaGFzGh8QAiobCgoQASIGCgRzZWxmEg1yZXN0YXJ0UG9saWN5"
    }
  },
  {
    "path": "spec.initContainers",
    "segments": [
      "spec",
      "initContainers"
    ],
    "rule": "self.all(c, self.exists_one(d, d.name == c.name))",
    "message": "container names must be unique within initContainers",
    "parsed": {
      "rule": "EsICEB1KvQIKAWMSChABIgYKBHNlbGYaB0ByZXN1bHQiBhAbGgIQASooEBoyJBITQG5vdF9zdHJpY3RseV9mYWxzZRoNEBkiCQoHQHJlc3VsdDLhARAYMtwBEgRfJiZfGg0QFyIJCgdAcmVzdWx0GsQBEBVKvwEKAWQSChADIgYKBHNlbGYaB0ByZXN1bHQiBhALGgIYACoGEAwaAhABMnIQETJuEgVfP186Xxo0EAkyMBIEXz09XxoTEAYqDwoHEAUiAwoBZBIEbmFtZRoTEAgqDwoHEAciAwoBYxIEbmFtZRogEA8yHBIDXytfGg0QDSIJCgdAcmVzdWx0GgYQDhoCGAEaDRAQIgkKB0ByZXN1bHQ6IRAUMh0SBF89PV8aDRASIgkKB0ByZXN1bHQaBhATGgIYAToNEBwiCQoHQHJlc3VsdBqzAiIECAEQACIECAIQCSIECAMQDCIECAQQHCIECAUQHyIECAYQICIECAcQKSIECAgQKiIECAkQJiIECAoQECIECAsQECIECAwQECIECA0QECIECA4QECIECA8QECIECBAQECIECBEQECIECBIQECIECBMQECIECBQQECIECBUQECIECBYQBCIECBcQBCIECBgQBCIECBkQBCIECBoQBCIECBsQBCIECBwQBCIECB0QBCpdCBUSWTJXCgoQAyIGCgRzZWxmEgpleGlzdHNfb25lGgcQBCIDCgFkGjQQCTIwEgRfPT1fGhMQBioPCgcQBSIDCgFkEgRuYW1lGhMQCCoPCgcQByIDCgFjEgRuYW1lKiQIHRIgMh4KChABIgYKBHNlbGYSA2FsbBoHEAIiAwoBYxoCEBU="
    }
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
    "reason": "FieldValueForbidden",
    "parsed": {
      "rule": "EnIQCTJuEgRffHxfGisQBDInEgIhXxohEAMqHQoKEAEiBgoEc2VsZhINcmVzdGFydFBvbGljeRgBGjkQCDI1EgRfIT1fGh8QBiobCgoQBSIGCgRzZWxmEg1yZXN0YXJ0UG9saWN5GgwQBxoIMgZBbHdheXMaZCIECAEQBSIECAIQCSIECAMQASIECAQQACIECAUQHCIECAYQICIECAcQMiIECAgQLyIECAkQACosCAMSKDImEgNoYXMaHxACKhsKChABIgYKBHNlbGYSDXJlc3RhcnRQb2xpY3k="
    }
  },
  {
    "path": "spec.volumes",
    "segments": [
      "spec",
      "volumes"
    ],
    "rule": "self.all(v, self.exists_one(w, w.name == v.name))",
    "message": "volume names must be unique within volumes",
    "parsed": {
      "rule": "EsICEB1KvQIKAXYSChABIgYKBHNlbGYaB0ByZXN1bHQiBhAbGgIQASooEBoyJBITQG5vdF9zdHJpY3RseV9mYWxzZRoNEBkiCQoHQHJlc3VsdDLhARAYMtwBEgRfJiZfGg0QFyIJCgdAcmVzdWx0GsQBEBVKvwEKAXcSChADIgYKBHNlbGYaB0ByZXN1bHQiBhALGgIYACoGEAwaAhABMnIQETJuEgVfP186Xxo0EAkyMBIEXz09XxoTEAYqDwoHEAUiAwoBdxIEbmFtZRoTEAgqDwoHEAciAwoBdhIEbmFtZRogEA8yHBIDXytfGg0QDSIJCgdAcmVzdWx0GgYQDhoCGAEaDRAQIgkKB0ByZXN1bHQ6IRAUMh0SBF89PV8aDRASIgkKB0ByZXN1bHQaBhATGgIYAToNEBwiCQoHQHJlc3VsdBqzAiIECAEQACIECAIQCSIECAMQDCIECAQQHCIECAUQHyIECAYQICIECAcQKSIECAgQKiIECAkQJiIECAoQECIECAsQECIECAwQECIECA0QECIECA4QECIECA8QECIECBAQECIECBEQECIECBIQECIECBMQECIECBQQECIECBUQECIECBYQBCIECBcQBCIECBgQBCIECBkQBCIECBoQBCIECBsQBCIECBwQBCIECB0QBCpdCBUSWTJXCgoQAyIGCgRzZWxmEgpleGlzdHNfb25lGgcQBCIDCgF3GjQQCTIwEgRfPT1fGhMQBioPCgcQBSIDCgF3EgRuYW1lGhMQCCoPCgcQByIDCgF2EgRuYW1lKiQIHRIgMh4KChABIgYKBHNlbGYSA2FsbBoHEAIiAwoBdhoCEBU="
    }
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
    "reason": "FieldValueForbidden",
    "parsed": {
      "rule": "ErEBEA5KrAEKAWsSChABIgYKBHNlbGYaB0ByZXN1bHQiBhAMGgIQASooEAsyJBITQG5vdF9zdHJpY3RseV9mYWxzZRoNEAoiCQoHQHJlc3VsdDJREAkyTRIEXyYmXxoNEAgiCQoHQHJlc3VsdBo2EAYyMhICIV8aLBAFMigKBxADIgMKAWsSCnN0YXJ0c1dpdGgaERAEGg0yC3RhbmRlbS5kZXYvOg0QDSIJCgdAcmVzdWx0Gq4BIgQIARAAIgQIAhAJIgQIAxANIgQIBBAaIgQIBRAOIgQIBhALIgQIBxAEIgQICBAEIgQICRAEIgQIChAEIgQICxAEIgQIDBAEIgQIDRAEIgQIDhAEKlgIDhJUMlIKChABIgYKBHNlbGYSA2FsbBoHEAIiAwoBaxo2EAYyMhICIV8aLBAFMigKBxADIgMKAWsSCnN0YXJ0c1dpdGgaERAEGg0yC3RhbmRlbS5kZXYv"
    }
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
    "reason": "FieldValueForbidden",
    "parsed": {
      "rule": "ErEBEA5KrAEKAWsSChABIgYKBHNlbGYaB0ByZXN1bHQiBhAMGgIQASooEAsyJBITQG5vdF9zdHJpY3RseV9mYWxzZRoNEAoiCQoHQHJlc3VsdDJREAkyTRIEXyYmXxoNEAgiCQoHQHJlc3VsdBo2EAYyMhICIV8aLBAFMigKBxADIgMKAWsSCnN0YXJ0c1dpdGgaERAEGg0yC3RhbmRlbS5kZXYvOg0QDSIJCgdAcmVzdWx0Gq4BIgQIARAAIgQIAhAJIgQIAxANIgQIBBAaIgQIBRAOIgQIBhALIgQIBxAEIgQICBAEIgQICRAEIgQIChAEIgQICxAEIgQIDBAEIgQIDRAEIgQIDhAEKlgIDhJUMlIKChABIgYKBHNlbGYSA2FsbBoHEAIiAwoBaxo2EAYyMhICIV8aLBAFMigKBxADIgMKAWsSCnN0YXJ0c1dpdGgaERAEGg0yC3RhbmRlbS5kZXYv"
    }
  },
  {
    "path": "spec.overrides[]",
    "segments": [
      "spec",
      "overrides",
      "[]"
    ],
    "rule": "has(self.env) != has(self.resource)",
    "message": "an override sets exactly one of env and resource",
    "parsed": {
      "rule": "EkEQBzI9EgRfIT1fGhcQAyoTCgoQASIGCgRzZWxmEgNlbnYYARocEAYqGAoKEAQiBgoEc2VsZhIIcmVzb3VyY2UYARp3IgQIARAEIgQIAhAIIgQIAxAAIgQIBBAVIgQIBRAZIgQIBhARIgQIBxANKiIIAxIeMhwSA2hhcxoVEAIqEQoKEAEiBgoEc2VsZhIDZW52KicIBhIjMiESA2hhcxoaEAUqFgoKEAQiBgoEc2VsZhIIcmVzb3VyY2U="
    }
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
    "reason": "FieldValueRequired",
    "parsed": {
      "rule": "EkkQCDJFEgRffHxfGiEQBDIdEgIhXxoXEAMqEwoKEAEiBgoEc2VsZhIDZW52GAEaGhAHKhYKChAFIgYKBHNlbGYSBmZvcm1hdBgBGnsiBAgBEAUiBAgCEAkiBAgDEAEiBAgEEAAiBAgFEBYiBAgGEBoiBAgHEBIiBAgIEAAqIggDEh4yHBIDaGFzGhUQAioRCgoQASIGCgRzZWxmEgNlbnYqJQgHEiEyHxIDaGFzGhgQBioUCgoQBSIGCgRzZWxmEgZmb3JtYXQ="
    }
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
    "fieldPath": ".format",
    "parsed": {
      "rule": "EpsBEA4ylgESBF98fF8aWBANMlQSBF98fF8aJhAEMiISAiFfGhwQAyoYCgoQASIGCgRzZWxmEghyZXNvdXJjZRgBGiQQCDIgEgIhXxoaEAcqFgoKEAUiBgoEc2VsZhIGZm9ybWF0GAEaNBAMMjASBF89PV8aGBAKKhQKChAJIgYKBHNlbGYSBmZvcm1hdBoOEAsaCjIIUXVhbnRpdHkapAEiBAgBEAUiBAgCEAkiBAgDEAEiBAgEEAAiBAgFEBwiBAgGECAiBAgHEBgiBAgIEBYiBAgJECwiBAgKEDAiBAgLEDsiBAgMEDgiBAgNEAAiBAgOEAAqJwgDEiMyIRIDaGFzGhoQAioWCgoQASIGCgRzZWxmEghyZXNvdXJjZSolCAcSITIfEgNoYXMaGBAGKhQKChAFIgYKBHNlbGYSBmZvcm1hdA=="
    }
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
    "reason": "FieldValueForbidden",
    "parsed": {
      "rule": "Ev0BEBYy+AESBF98fF8aTxAVMksSBF98fF8aJRAEMiESAiFfGhsQAyoXCgoQASIGCgRzZWxmEgdtYXhpbXVtGAEaHBAHKhgKChAFIgYKBHNlbGYSCHJlc291cmNlGAEangEQFDKZARIEXyYmXxoaEAoqFgoKEAgiBgoEc2VsZhIGZm9ybWF0GAEadRATMnESBF98fF8aNBAOMjASBF89PV8aGBAMKhQKChALIgYKBHNlbGYSBmZvcm1hdBoOEA0aCjIIUXVhbnRpdHkaMxASMi8SBF89PV8aGBAQKhQKChAPIgYKBHNlbGYSBmZvcm1hdBoNEBEaCTIHSW50ZWdlchr8ASIECAEQBSIECAIQCSIECAMQASIECAQQACIECAUQGiIECAYQHiIECAcQFiIECAgQMSIECAkQNSIECAoQLSIECAsQQiIECAwQRiIECA0QUSIECA4QTiIECA8QXyIECBAQYyIECBEQbiIECBIQayIECBMQQiIECBQQLSIECBUQACIECBYQAComCAMSIjIgEgNoYXMaGRACKhUKChABIgYKBHNlbGYSB21heGltdW0qJwgHEiMyIRIDaGFzGhoQBioWCgoQBSIGCgRzZWxmEghyZXNvdXJjZSolCAoSITIfEgNoYXMaGBAJKhQKChAIIgYKBHNlbGYSBmZvcm1hdA=="
    }
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
    "fieldPath": ".maximum",
    "parsed": {
      "rule": "EtcCEBYy0gISBF98fF8aJRAEMiESAiFfGhsQAyoXCgoQASIGCgRzZWxmEgdtYXhpbXVtGAEaogIQFTKdAhIFXz9fOl8aWxAMMlcSBF8mJl8aGhAHKhYKChAFIgYKBHNlbGYSBmZvcm1hdBgBGjMQCzIvEgRfPT1fGhgQCSoUCgoQCCIGCgRzZWxmEgZmb3JtYXQaDRAKGgkyB0ludGVnZXIaPRAQMjkKGRAPKhUKChANIgYKBHNlbGYSB21heGltdW0SB21hdGNoZXMaExAOGg8yDV5bMC05XXsxLDE1fSQaeBAUMnQKGRATKhUKChARIgYKBHNlbGYSB21heGltdW0SB21hdGNoZXMaThASGkoySF4oWzAtOV0rKFwuWzAtOV0qKT98XC5bMC05XSspKFtLTUdUUEVdaXxbbWtNR1RQRV18W2VFXVstK10/WzAtOV17MSwyfSk/JBrUASIECAEQBSIECAIQCSIECAMQASIECAQQACIECAUQGyIECAYQHyIECAcQFyIECAgQKyIECAkQLyIECAoQOiIECAsQNyIECAwQFyIECA0QRiIECA4QWyIECA8QSiIECBAQUiIECBEQbiIFCBIQgwEiBAgTEHIiBAgUEHoiBAgVEBciBAgWEAAqJggDEiIyIBIDaGFzGhkQAioVCgoQASIGCgRzZWxmEgdtYXhpbXVtKiUIBxIhMh8SA2hhcxoYEAYqFAoKEAUiBgoEc2VsZhIGZm9ybWF0"
    }
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
    "reason": "FieldValueForbidden",
    "parsed": {
      "rule": "EjkQBDI1EgIhXxovEAMyKwoKEAEiBgoEc2VsZhIKc3RhcnRzV2l0aBoREAIaDTILdGFuZGVtLmRldi8aGCIECAEQASIECAIQESIECAMQBSIECAQQAA=="
    }
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
    "reason": "FieldValueForbidden",
    "parsed": {
      "rule": "EpEBEA0yjAESAiFfGoUBEAwygAESBF8mJl8aQxALMj8SBF8mJl8aHRADKhkKChABIgYKBHNlbGYSCXBhcnRpdGlvbhgBGhgQBioUCgoQBCIGCgRzZWxmEgR0eXBlGAEaMxAKMi8SBF89PV8aFhAIKhIKChAHIgYKBHNlbGYSBHR5cGUaDxAJGgsyCU5vdFVwZGF0ZRqdASIECAEQBiIECAIQCiIECAMQAiIECAQQHSIECAUQISIECAYQGSIECAcQKyIECAgQLyIECAkQOCIECAoQNSIECAsQAiIECAwQAiIECA0QACooCAMSJDIiEgNoYXMaGxACKhcKChABIgYKBHNlbGYSCXBhcnRpdGlvbiojCAYSHzIdEgNoYXMaFhAFKhIKChAEIgYKBHNlbGYSBHR5cGU="
    }
  },
  {
    "path": "spec.updateStrategy.maxUnavailable",
    "segments": [
      "spec",
      "updateStrategy",
      "maxUnavailable"
    ],
    "rule": "type(self) == int ? self >= 0 : self.matches('^(100|[1-9]?[0-9])%$')",
    "message": "maxUnavailable must be an integer >= 0 or a percentage from 0% to 100%, such as 10%",
    "parsed": {
      "rule": "EpIBEAsyjQESBV8/XzpfGi0QBDIpEgRfPT1fGhYQAjISEgR0eXBlGgoQASIGCgRzZWxmGgkQAyIFCgNpbnQaHhAHMhoSBF8+PV8aChAFIgYKBHNlbGYaBhAGGgIYABo1EAoyMQoKEAgiBgoEc2VsZhIHbWF0Y2hlcxoaEAkaFjIUXigxMDB8WzEtOV0/WzAtOV0pJSQaQiIECAEQBSIECAIQACIECAMQDiIECAQQCiIECAUQFCIECAYQHCIECAcQGCIECAgQICIECAkQLSIECAoQJCIECAsQAA=="
    }
  },
  {
    "path": "spec.updateStrategy.partition",
    "segments": [
      "spec",
      "updateStrategy",
      "partition"
    ],
    "rule": "type(self) == int ? self >= 0 : self.matches('^(100|[1-9]?[0-9])%$')",
    "message": "partition must be an integer >= 0 or a percentage from 0% to 100%, such as 10%",
    "parsed": {
      "rule": "EpIBEAsyjQESBV8/XzpfGi0QBDIpEgRfPT1fGhYQAjISEgR0eXBlGgoQASIGCgRzZWxmGgkQAyIFCgNpbnQaHhAHMhoSBF8+PV8aChAFIgYKBHNlbGYaBhAGGgIYABo1EAoyMQoKEAgiBgoEc2VsZhIHbWF0Y2hlcxoaEAkaFjIUXigxMDB8WzEtOV0/WzAtOV0pJSQaQiIECAEQBSIECAIQACIECAMQDiIECAQQCiIECAUQFCIECAYQHCIECAcQGCIECAgQICIECAkQLSIECAoQJCIECAsQAA=="
    }
  }
];
