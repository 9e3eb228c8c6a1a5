// Every relative link of README.md and docs/ leads somewhere: the file exists
// and, for `page.md#anchor`, the page has that heading (GitHub's anchors).
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { documentationFiles } from '../../../scripts/docs-output.ts';
import { headingAnchors } from '../../../scripts/render-api-reference.ts';

const root = join(import.meta.dirname, '../../..');

/**
 * Pages other sessions are writing: linked from the docs index already. Once
 * the file exists, this test fails until its name is removed here.
 */

/** The Markdown outside fenced code blocks. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```$/gm, '');
}

function anchorsOf(path: string): Set<string> {
  const headings = [...prose(readFileSync(join(root, path), 'utf8')).matchAll(/^#{1,6} (.*)$/gm)].map((match) =>
    (match[1] ?? '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'),
  );
  return new Set(headingAnchors(headings));
}

const links = documentationFiles(root).flatMap((file) =>
  [...prose(readFileSync(join(root, file), 'utf8')).replace(/`[^`\n]*`/g, '').matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => [file, target] as const),
);

describe('links in README.md and docs/', () => {
  it('finds the links', () => {
    expect(links.length).toBeGreaterThan(50);
  });

  it.each(links)('%s -> %s', (file, target) => {
    const [path = '', anchor] = target.split('#');
    const resolved = path === '' ? file : relative(root, normalize(join(root, dirname(file), path)));
    expect(existsSync(join(root, resolved))).toBe(true);
    if (anchor !== undefined && resolved.endsWith('.md')) expect([...anchorsOf(resolved)]).toContain(anchor);
  });
});
