import { Composer, CST, Parser, type Document } from 'yaml';

/** One document of a multi-document YAML stream, with where it came from. */
export interface YamlDocument {
  /** 1-based position in the stream, counting only non-empty documents. */
  readonly index: number;
  /** 1-based line where the document starts. */
  readonly line: number;
  readonly value: unknown;
  /** The parsed document, kept so writers can preserve comments and order. */
  readonly document: Document;
  /**
   * The exact source text of the document, with the comments and `---`
   * marker around it, so an unchanged document can be written back byte for
   * byte: concatenating every `source` reproduces the stream (less empty documents).
   */
  readonly source: string;
}

/** An input problem that names its source and document; the CLI prints it and exits 1. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/**
 * Parses a multi-document YAML stream. Empty documents (a trailing `---`) are
 * dropped; any syntax error rejects the whole stream, so no caller ever acts
 * on half a file.
 */
export function parseYamlDocuments(text: string, source: string): YamlDocument[] {
  const composer = new Composer({ prettyErrors: true, uniqueKeys: true });
  const result: YamlDocument[] = [];
  // The composer yields a document only once the next one starts, so source
  // text is queued per document token and matched to documents in order.
  const pending: { text: string; offset: number; leading: string }[] = [];
  let position = 0;
  let leading = '';
  const take = (documents: Iterable<Document.Parsed>): void => {
    for (const document of documents) {
      const token = pending.shift() ?? { text: '', offset: text.length, leading: '' };
      position += 1;
      const line = lineOf(text, token.offset);
      const error = document.errors[0];
      if (error !== undefined) {
        const at = error.linePos?.[0] ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : `line ${line}`;
        throw new ManifestError(`${source}: document ${position}: invalid YAML at ${at}: ${firstLine(error.message)}`);
      }
      const value: unknown = document.toJS({ maxAliasCount: 100 });
      if (value === null || value === undefined) continue;
      result.push({
        index: result.length + 1,
        line,
        value,
        document,
        source: token.leading + token.text,
      });
    }
  };
  for (const token of new Parser().parse(text)) {
    const tokenText = CST.stringify(token);
    const queued = pending.at(-1);
    if (token.type === 'document') {
      pending.push({ text: tokenText, offset: token.offset, leading });
      leading = '';
    } else if (token.type === 'doc-end' && queued !== undefined) {
      queued.text += tokenText;
    } else {
      leading += tokenText;
    }
    take(composer.next(token));
  }
  take(composer.end());
  const last = result.pop();
  if (last !== undefined) result.push({ ...last, source: last.source + leading });
  return result;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
