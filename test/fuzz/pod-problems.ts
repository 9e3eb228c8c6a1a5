// Would the apiserver take this object as a core/v1 Pod? Two halves:
// - decoding, as Go's encoding/json decodes into the Pod type: every known
//   field must have its type (a string where a string is, int32 within range,
//   lists and maps where they are; null always decodes; unknown fields are
//   dropped, so they are free). The field types come from the OpenAPI models
//   of @kubernetes/client-node (generated from the apiserver's own spec).
// - the few validation rules an injection could break: unique container
//   names across containers, initContainers and ephemeralContainers, unique
//   volume names, every volumeMount naming a volume.
// The fuzzer asserts: a pod without problems stays without problems after the
// webhook's patch. The apiserver itself judges the patched pods in
// test/integration/admission-fuzz-apiserver.test.ts.
import * as models from '@kubernetes/client-node';

interface Attribute {
  readonly baseName: string;
  readonly type: string;
  readonly format: string;
}

type Model = { getAttributeTypeMap(): readonly Attribute[] } | undefined;

const MAX_PROBLEMS = 5;
/** Go decodes a JSON number into resource.Quantity as well as a string. */
const QUANTITY_FIELDS = new Set(['limits', 'requests', 'overhead', 'sizeLimit']);

function modelOf(type: string): Model {
  return (models as unknown as Record<string, Model>)[type];
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

/** Where a value sits: its declared type and format, its path for messages, and its field name. */
interface Slot {
  readonly type: string;
  readonly format: string;
  readonly path: string;
  readonly field: string;
}

class Decoding {
  readonly problems: string[] = [];

  check(value: unknown, slot: Slot): void {
    if (value === null || this.problems.length >= MAX_PROBLEMS) return;
    const list = /^Array<(.+)>$/.exec(slot.type);
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(slot.type);
    if (list?.[1] !== undefined) this.each(value, { ...slot, type: list[1] });
    else if (map?.[1] !== undefined) this.entries(value, { ...slot, type: map[1] });
    else this.scalarOrModel(value, slot);
  }

  private each(value: unknown, slot: Slot): void {
    if (!Array.isArray(value)) {
      this.fail(slot.path, `a ${kindOf(value)} where a list is`);
      return;
    }
    value.forEach((item, index) => {
      this.check(item, { ...slot, path: `${slot.path}[${index}]` });
    });
  }

  private entries(value: unknown, slot: Slot): void {
    if (kindOf(value) !== 'object') {
      this.fail(slot.path, `a ${kindOf(value)} where a map is`);
      return;
    }
    for (const [key, item] of Object.entries(value as object)) this.check(item, { ...slot, path: `${slot.path}[${JSON.stringify(key)}]` });
  }

  private scalarOrModel(value: unknown, slot: Slot): void {
    const kind = kindOf(value);
    switch (slot.type) {
      case 'any':
      case 'object':
        break;
      case 'string':
      case 'Date':
        if (kind !== 'string' && !(kind === 'number' && QUANTITY_FIELDS.has(slot.field))) this.fail(slot.path, `a ${kind} where a string is`);
        break;
      case 'boolean':
        if (kind !== 'boolean') this.fail(slot.path, `a ${kind} where a boolean is`);
        break;
      case 'number':
        this.integer(value, slot.format, slot.path);
        break;
      case 'IntOrString':
        if (kind !== 'string') this.integer(value, 'int32', slot.path);
        break;
      default:
        this.model(value, slot.type, slot.path);
    }
  }

  private integer(value: unknown, format: string, path: string): void {
    if (typeof value !== 'number' || !Number.isInteger(value)) this.fail(path, `${JSON.stringify(value)} where an integer is`);
    else if (format === 'int32' && (value < -(2 ** 31) || value >= 2 ** 31)) this.fail(path, `${value} does not fit an int32`);
  }

  private model(value: unknown, type: string, path: string): void {
    const model = modelOf(type);
    if (model === undefined) throw new Error(`pod-problems: no model ${type}`);
    if (kindOf(value) !== 'object') {
      this.fail(path, `a ${kindOf(value)} where an object (${type}) is`);
      return;
    }
    const fields = value as Record<string, unknown>;
    for (const attribute of model.getAttributeTypeMap()) {
      if (!Object.hasOwn(fields, attribute.baseName)) continue;
      const inner = path === '' ? attribute.baseName : `${path}.${attribute.baseName}`;
      this.check(fields[attribute.baseName], { type: attribute.type, format: attribute.format, path: inner, field: attribute.baseName });
    }
  }

  private fail(path: string, problem: string): void {
    this.problems.push(`${path === '' ? 'the pod' : path}: ${problem}`);
  }
}

/** The first few reasons the apiserver would refuse `value` as a Pod; empty when it would decode and pass those rules. */
export function podProblems(value: unknown): string[] {
  const decoding = new Decoding();
  decoding.check(value, { type: 'V1Pod', format: '', path: '', field: '' });
  if (decoding.problems.length > 0) return decoding.problems;
  return validationProblems((value as { spec?: PodSpecShape | null }).spec ?? {});
}

interface NamedShape {
  readonly name?: string | null;
  readonly volumeMounts?: readonly ({ readonly name?: string | null } | null)[] | null;
}

interface PodSpecShape {
  readonly containers?: readonly (NamedShape | null)[] | null;
  readonly initContainers?: readonly (NamedShape | null)[] | null;
  readonly ephemeralContainers?: readonly (NamedShape | null)[] | null;
  readonly volumes?: readonly (NamedShape | null)[] | null;
}

function validationProblems(spec: PodSpecShape): string[] {
  const problems: string[] = [];
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])];
  problems.push(...duplicates(containers.map((container) => container?.name ?? ''), 'container'));
  const volumes = (spec.volumes ?? []).map((volume) => volume?.name ?? '');
  problems.push(...duplicates(volumes, 'volume'));
  const known = new Set(volumes);
  for (const container of containers) {
    for (const mount of container?.volumeMounts ?? []) {
      if (!known.has(mount?.name ?? '')) problems.push(`container ${JSON.stringify(container?.name)} mounts volume ${JSON.stringify(mount?.name)}, which the pod does not have`);
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}

function duplicates(names: readonly string[], what: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const name of names) {
    if (seen.has(name)) problems.push(`two ${what}s named ${JSON.stringify(name)}`);
    seen.add(name);
  }
  return problems;
}
