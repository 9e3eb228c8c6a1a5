import { Document, isCollection, type Node } from 'yaml';
import { computeJsonPatch } from '../admission/compute-json-patch.ts';
import { jsonEqual } from '../json/json-equal.ts';
import { editYamlDocument } from '../yaml/edit-yaml-document.ts';
import { createKubeNode } from '../yaml/kube-yaml-node.ts';
import { parseYamlDocuments, type YamlDocument } from './yaml-documents.ts';

/**
 * The text of a document whose value changes to `expected`, in the form it
 * was written: JSON stays JSON; in YAML only the nodes that change are
 * rewritten (edit-yaml-document.ts), so comments, styles and untouched
 * scalars (`0400`, `yes`, big integers) keep their source text, and the text
 * around the document (comments, `---`, comment-only documents) is kept byte
 * for byte. The result is read back as kubectl reads it and must be exactly
 * `expected`; if the in-place edit cannot guarantee that, the document's root
 * node is written afresh from `expected`, and if even that does not read back
 * exactly, this throws rather than print something kubectl would read
 * differently.
 */
export function rewriteYamlDocument(document: YamlDocument, expected: unknown, source: string): string {
  const original = document.document.contents;
  const range = original?.range;
  if (original === null || range === undefined || range === null) throw new Error(`${source}: document ${document.index} has no root node to rewrite`);
  const start = range[0] - document.sourceOffset;
  const before = document.source.slice(0, start);
  if (isJsonDocument(document, start, range[1])) {
    const text = `${before}${JSON.stringify(expected, exactIntegers, 2)}${document.source.slice(range[1] - document.sourceOffset)}`;
    if (readsBackAs(text, expected, source)) return text;
  }
  const after = document.source.slice(range[2] - document.sourceOffset);
  const options = stringifyOptions(document, original);
  const edited = document.document.clone();
  editYamlDocument(edited, computeJsonPatch(document.value as object, expected as object), document.value);
  const inPlace = `${before}${stringifyRoot(edited.contents as Node, options)}${after}`;
  if (readsBackAs(inPlace, expected, source)) return inPlace;
  const fresh = `${before}${stringifyRoot(createKubeNode(expected), options)}${after}`;
  if (readsBackAs(fresh, expected, source)) return fresh;
  throw new Error(`${source}: document ${document.index}: internal error: the injected document does not read back as injected; nothing was written`);
}

interface RootOptions {
  readonly indentSeq: boolean;
  readonly lineWidth: number;
}

/** The root node alone, without the comment before it (that text stays where it is, outside the node's range). */
function stringifyRoot(root: Node, options: RootOptions): string {
  const holder = new Document(null, { schema: 'failsafe' });
  const node = root.clone();
  node.commentBefore = undefined;
  holder.contents = node as never;
  return holder.toString({ lineWidth: options.lineWidth, indentSeq: options.indentSeq, flowCollectionPadding: false });
}

/**
 * Lists indented under their key or not, as the document wrote them
 * (`kubectl get -o yaml` does not indent them). A flow document stays flow,
 * wrapped at 80 columns rather than on one line.
 */
function stringifyOptions(document: YamlDocument, root: Node): RootOptions {
  const flow = isCollection(root) && root.flow === true;
  const unindented = /^( *)[^ #\n-][^\n]*:[ \t]*\n\1- /m.test(document.source);
  return { indentSeq: !unindented, lineWidth: flow ? 80 : 0 };
}

/** A flow root whose text is valid JSON (`kubectl get -o json`): written back as JSON. */
function isJsonDocument(document: YamlDocument, start: number, end: number): boolean {
  const root = document.document.contents;
  if (!isCollection(root) || root.flow !== true) return false;
  try {
    JSON.parse(document.source.slice(start, end - document.sourceOffset));
    return true;
  } catch {
    return false;
  }
}

// Node 22+ (V8 11.4): JSON.stringify writes a raw JSON value as its text. Not in TypeScript's lib yet.
declare global {
  interface JSON {
    rawJSON(text: string): unknown;
  }
}

function exactIntegers(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? JSON.rawJSON(value.toString()) : value;
}

function readsBackAs(text: string, expected: unknown, source: string): boolean {
  try {
    const documents = parseYamlDocuments(text, source);
    return documents.length === 1 && jsonEqual(documents[0]?.value, expected);
  } catch {
    return false;
  }
}
