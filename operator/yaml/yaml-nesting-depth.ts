import type { CST } from 'yaml';

/**
 * How deep collections may nest in one document. kubectl's YAML parser stops
 * at 10,000 levels; Tandem stops earlier, with a message, because the YAML
 * composer recurses and would overflow the stack somewhere near 800 nested
 * flow collections. No Kubernetes manifest comes near: CRDs with large
 * OpenAPI schemas nest under 100.
 */
export const MAX_YAML_NESTING = 500;

/**
 * The deepest nesting of collections in a parsed (CST) token, computed
 * without recursion, so a hostile document cannot overflow the stack here.
 * Stops counting past `limit`. Keys count too: `? [[[...]]]` nests.
 */
export function nestingDepth(token: CST.Token, limit: number = MAX_YAML_NESTING): { readonly depth: number; readonly offset: number } {
  let deepest = { depth: 0, offset: token.offset };
  const stack: { readonly token: CST.Token | null | undefined; readonly depth: number }[] = [{ token, depth: 0 }];
  while (stack.length > 0) {
    const { token: current, depth } = stack.pop() as { token: CST.Token | null | undefined; depth: number };
    if (current === null || current === undefined) continue;
    if (depth > deepest.depth) {
      deepest = { depth, offset: current.offset };
      if (depth > limit) return deepest;
    }
    switch (current.type) {
      case 'document':
        stack.push({ token: current.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        for (const item of current.items as readonly { key?: CST.Token | null; value?: CST.Token }[]) {
          stack.push({ token: item.key, depth: depth + 1 }, { token: item.value, depth: depth + 1 });
        }
        break;
      default:
        break;
    }
  }
  return deepest;
}
