// tandem.local/test/pause:<version>: the pod sandbox image of the real node
// (containerd's `pinned_images.sandbox`): main.go here, built static by
// `go build` (CGO off), run as 65535 like Kubernetes' pause.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goBinary } from '../../../scripts/image/go-binary.ts';
import { sourceDateEpoch, type ImageRecipe } from '../../../scripts/image/recipe.ts';

export const PAUSE_UID = 65535;

/** The version main.go prints, and the image's tag. */
export function pauseVersion(root: string): string {
  const version = /const version = "([^"]+)"/.exec(readFileSync(join(root, 'test/images/pause/main.go'), 'utf8'))?.[1];
  if (version === undefined) throw new Error('test/images/pause/main.go: no `const version = "..."`');
  return version;
}

export const recipe: ImageRecipe = {
  name: 'pause',
  files: ['test/images/pause'],
  layers: [{ name: 'pause', sources: [goBinary({ module: 'test/images/pause', to: 'pause' })] }],
  epoch: () => sourceDateEpoch(() => 0),
  image: (_facts, context) => ({
    ref: `tandem.local/test/pause:${pauseVersion(context.root)}`,
    config: {
      user: `${PAUSE_UID}:${PAUSE_UID}`,
      env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
      entrypoint: ['/pause'],
      labels: { 'org.opencontainers.image.title': 'pause (Tandem test image)', 'org.opencontainers.image.version': pauseVersion(context.root) },
    },
  }),
};
