// describe() for suites that need a kubelet: with no real node they fail
// with the reason up.sh recorded, unless the run asked for none
// (TANDEM_REAL_NODE=off), when they are skipped with that reason.
import { describe } from '@jest/globals';
import { findRealNode, type RealNode } from './real-node.ts';

/**
 * describe() for suites that run pods for real. The cluster is up when test
 * files are collected (jest's global set-up ran), so the node can be read here.
 */
export function describeOnRealNode(name: string, suite: (node: RealNode) => void): void {
  const node = findRealNode();
  if (!('absent' in node)) {
    describe(name, () => {
      suite(node);
    });
    return;
  }
  if (process.env.TANDEM_REAL_NODE === 'off') {
    process.stderr.write(`SKIPPING ${name}: ${node.absent}\n`);
    describe.skip(name, () => undefined);
    return;
  }
  throw new Error(`${name} needs the local cluster's real node, which did not start: ${node.absent} (TANDEM_REAL_NODE=off skips these tests)`);
}

