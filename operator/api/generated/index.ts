// generated from crds/sidecarset.yaml by scripts/gen-api.ts, do not edit
export * as tandemDev from "./tandem.dev/index.ts";
