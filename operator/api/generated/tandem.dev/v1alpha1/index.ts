// generated from crds/sidecarset.yaml by scripts/gen-api.ts, do not edit
export * from "./SidecarSet.ts";
