// generated from crds/sidecarset.yaml by scripts/gen-api.ts, do not edit
export * as v1alpha1 from "./v1alpha1/index.ts";
