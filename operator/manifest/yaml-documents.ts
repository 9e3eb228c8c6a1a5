import { Composer, Parser, type CST, type Document } from 'yaml';
import { KubeYamlError, readKubeValue } from '../yaml/read-kube-value.ts';
import { MAX_YAML_NESTING, nestingDepth } from '../yaml/yaml-nesting-depth.ts';

/** One document of a multi-document YAML stream, with where it came from. */
export interface YamlDocument {
  /** 1-based position in the stream, counting only non-empty documents. */
  readonly index: number;
  /** 1-based line where the document starts. */
  readonly line: number;
  /** What kubectl reads from the document (operator/yaml/read-kube-value.ts). */
  readonly value: unknown;
  /** The parsed document (failsafe schema: scalars keep their text), kept so writers can preserve comments and order. */
  readonly document: Document;
  /**
   * The exact source text of the document, with what surrounds it: the
   * comments, empty and comment-only documents since the previous document,
   * and after the last one everything to the end of the stream.
   * Concatenating every `source` reproduces the stream byte for byte.
   */
  readonly source: string;
  /** Offset of `source` in the stream (node ranges are offsets in the stream). */
  readonly sourceOffset: number;
}

/** An input problem that names its source and document; the CLI prints it and exits 1. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

interface DocumentToken {
  readonly token: CST.Document;
  readonly start: number;
  /** Where the next token starts: the document's text with its `...`, if any. */
  readonly end: number;
}

/**
 * Parses a multi-document YAML stream into what kubectl reads from each
 * document. Empty and comment-only documents yield no value but their text
 * is kept in a neighbour's `source`. Any problem (a syntax error, a value
 * kubectl refuses, nesting deeper than 500 levels) rejects the whole stream
 * with an error naming the source, the document and the line, so no caller
 * ever acts on half a file.
 */
export function parseYamlDocuments(text: string, source: string): YamlDocument[] {
  const all = [...new Parser().parse(text)];
  const tokens = documentTokens(all, text, source);
  const composer = new Composer({ prettyErrors: true, uniqueKeys: false, schema: 'failsafe' });
  const parsed: Document.Parsed[] = [];
  for (const token of all) parsed.push(...composer.next(token));
  parsed.push(...composer.end());

  const result: YamlDocument[] = [];
  let sourceOffset = 0;
  parsed.forEach((document, position) => {
    const token = tokens[position];
    const line = lineOf(text, token?.start ?? text.length);
    const where = `${source}: document ${position + 1}`;
    const error = document.errors[0];
    if (error !== undefined) {
      const at = error.linePos?.[0] ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : `line ${line}`;
      throw new ManifestError(`${where}: invalid YAML at ${at}: ${firstLine(error.message)}`);
    }
    checkVersion(document, where);
    const value = readValue(document, text, where);
    if (value === null || value === undefined) return;
    const end = token?.end ?? text.length;
    result.push({ index: result.length + 1, line, value, document, source: text.slice(sourceOffset, end), sourceOffset });
    sourceOffset = end;
  });
  const last = result.pop();
  if (last !== undefined) result.push({ ...last, source: text.slice(last.sourceOffset) });
  return result;
}

/** The stream's document tokens (with the `...` that ends one), each checked for what the composer or kubectl cannot take. */
function documentTokens(tokens: readonly CST.Token[], text: string, source: string): DocumentToken[] {
  const documents: DocumentToken[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'document') return;
    const where = `${source}: document ${documents.length + 1}`;
    const deepest = nestingDepth(token);
    if (deepest.depth > MAX_YAML_NESTING) {
      throw new ManifestError(`${where}: line ${lineOf(text, deepest.offset)}: collections nest deeper than ${MAX_YAML_NESTING} levels; Tandem refuses such documents`);
    }
    checkSeparator(text, token, where);
    const next = tokens[index + 1]?.type === 'doc-end' ? index + 2 : index + 1;
    documents.push({ token, start: token.offset, end: tokens[next]?.offset ?? text.length });
  });
  return documents;
}

/** kubectl splits streams on `---` lines and refuses one followed by anything but a comment ("invalid Yaml document separator"). */
function checkSeparator(text: string, token: CST.Document, where: string): void {
  const marker = token.start.find((item) => item.type === 'doc-start');
  if (marker === undefined) return;
  const lineEnd = text.indexOf('\n', marker.offset);
  const rest = text.slice(marker.offset + 3, lineEnd === -1 ? text.length : lineEnd).trim();
  if (rest !== '' && !rest.startsWith('#')) {
    throw new ManifestError(
      `${where}: line ${lineOf(text, marker.offset)}: kubectl refuses content on the same line as a document separator ("--- ${rest.slice(0, 40)}"); put it on the next line`,
    );
  }
}

/** go-yaml reads YAML 1.1 only and rejects a document that declares another version. */
function checkVersion(document: Document.Parsed, where: string): void {
  const yaml = (document.directives as { yaml?: { version?: string; explicit?: boolean } } | undefined)?.yaml;
  if (yaml?.explicit === true && yaml.version !== '1.1') {
    throw new ManifestError(`${where}: the document declares %YAML ${String(yaml.version)}; kubectl reads only YAML 1.1 and refuses it`);
  }
}

function readValue(document: Document.Parsed, text: string, where: string): unknown {
  try {
    return readKubeValue(document, text);
  } catch (error) {
    if (!(error instanceof KubeYamlError)) throw error;
    const at = error.offset === undefined ? '' : `line ${lineOf(text, error.offset)}: `;
    throw new ManifestError(`${where}: ${at}${error.message}`);
  }
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
