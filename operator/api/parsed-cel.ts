// CEL rules parsed when the code is generated, not at every start: parsing
// the CRD's 23 rules and message expressions with @bufbuild/cel takes ~20-27 ms
// of each `tandem inject` on this project's machines, decoding them ~4 ms.
// scripts/gen-api.ts stores each rule's ParsedExpr (protobuf binary, base64)
// beside its text in operator/api/generated/validation-rules.ts, and
// `make verify` checks the two agree (gen-check and a unit test).
import { parse } from '@bufbuild/cel';
import { ParsedExprSchema, type ParsedExpr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { fromBinary, toBinary } from '@bufbuild/protobuf';

/** The expression's parse tree, as protobuf binary in base64; throws on a syntax error. */
export function encodeParsedCel(expression: string): string {
  return Buffer.from(toBinary(ParsedExprSchema, parse(expression))).toString('base64');
}

/** What encodeParsedCel stored: the same ParsedExpr parse() returns. */
export function decodeParsedCel(encoded: string): ParsedExpr {
  return fromBinary(ParsedExprSchema, Buffer.from(encoded, 'base64'));
}
