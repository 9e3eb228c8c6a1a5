// tandem.local/test/proxy-stand-in:<version>: NOT Envoy. A stand-in for the
// image of the shipped tandem-proxy SidecarSet (docs/proxy.md, "What the real
// node proves"), because no Envoy binary can be had where Tandem is tested.
// It holds what that set relies on of Envoy's image: `envoy` on PATH (the
// stand-in, main.go here, built static by `go build`), bash with /dev/tcp,
// cat and sleep for the preStop drain (Debian's bash and busybox-static), and
// no curl. Runs as 1337 like the set's securityContext.
import { debianPackages } from '../../../scripts/image/debian-packages.ts';
import { goBinary, goVersionConstant } from '../../../scripts/image/go-binary.ts';
import { symlink } from '../../../scripts/image/layer-entry.ts';
import { sourceDateEpoch, type ImageRecipe } from '../../../scripts/image/recipe.ts';
import { recipeFiles } from '../../../scripts/image/recipe-files.ts';
import { containerDirectories, userFiles } from '../../../scripts/image/user-files.ts';

/** The proxy's UID in the shipped set (the capture rules exempt it). */
export const PROXY_UID = 1337;

/** The version main.go prints, and the image's tag. */
export function standInVersion(root: string): string {
  return goVersionConstant(root, 'test/images/proxy-stand-in/main.go');
}

export const recipe: ImageRecipe = {
  name: 'proxy-stand-in',
  files: ['test/images/proxy-stand-in'],
  layers: [
    {
      name: 'shell',
      sources: [
        debianPackages({
          packages: [
            { name: 'bash', paths: ['bin/bash'] },
            { name: 'busybox-static', paths: ['bin/busybox'] },
            { name: 'libc6', librariesOnly: true },
            { name: 'libtinfo6', librariesOnly: true },
          ],
          libraryClosureOf: ['bin/bash'],
        }),
        recipeFiles('cat and sleep, users, /tmp', () => [
          // The preStop hook's commands besides bash's builtins.
          symlink('bin/cat', '/bin/busybox'),
          symlink('bin/sleep', '/bin/busybox'),
          ...userFiles([
            { name: 'root', uid: 0, home: '/root' },
            { name: 'envoy', uid: PROXY_UID },
            { name: 'nobody', uid: 65534 },
          ]),
          ...containerDirectories(),
        ]),
      ],
    },
    { name: 'stand-in', sources: [goBinary({ module: 'test/images/proxy-stand-in', to: 'usr/local/bin/envoy' })] },
  ],
  epoch: () => sourceDateEpoch(() => 0),
  image: (_facts, context) => ({
    ref: `tandem.local/test/proxy-stand-in:${standInVersion(context.root)}`,
    config: {
      user: `${PROXY_UID}:${PROXY_UID}`,
      env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
      entrypoint: ['/usr/local/bin/envoy'],
      labels: {
        'org.opencontainers.image.title': 'Envoy stand-in, not Envoy (Tandem test image)',
        'org.opencontainers.image.version': standInVersion(context.root),
      },
    },
  }),
};
