// The comment that marks where crds/sidecarset.yaml embeds a core Kubernetes
// schema, shared by the script that refreshes those schemas
// (import-core-schemas.ts) and the one that documents them (render-api-reference.ts):
//   # core-schema: io.k8s.api.core.v1.Container
//   # local: properties.placement, x-kubernetes-validations
// `local:` lists the paths Tandem added or changed inside the embedded schema.

export interface CoreSchemaMarker {
  /** The OpenAPI definition name of the embedded schema. */
  readonly definition: string;
  /** Paths inside it that are Tandem's own. */
  readonly local: readonly string[];
}

const MARKER = /^\s*core-schema:\s*(\S+)\s*$/m;
const LOCAL = /^\s*local:(.*)$/m;

/** The marker in a node's comment, or undefined when the node embeds no core schema. */
export function readCoreSchemaMarker(comment: string): CoreSchemaMarker | undefined {
  const definition = MARKER.exec(comment)?.[1];
  if (definition === undefined) return undefined;
  const local = (LOCAL.exec(comment)?.[1] ?? '')
    .split(',')
    .map((path) => path.trim())
    .filter((path) => path !== '');
  return { definition, local };
}
