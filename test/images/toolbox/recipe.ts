// tandem.local/test/toolbox:<busybox version>: Debian 12's busybox-static
// and a link for every applet it lists (sh, ps, kill, wget, sleep, cat...),
// for the real node's tests: `kubectl exec ... ps` and `kill -HUP` from a
// container that shares the pod's PID namespace, and simple Job containers.
// Runs as nobody (65534) unless the pod sets runAsUser: signalling another
// container's process needs its UID (nginx: 101).
import { join } from 'node:path';
import { debianPackages } from '../../../scripts/image/debian-packages.ts';
import { directory, symlink, type LayerEntry } from '../../../scripts/image/layer-entry.ts';
import { tagOf } from '../../../scripts/image/oci-documents.ts';
import { sourceDateEpoch, type ImageRecipe } from '../../../scripts/image/recipe.ts';
import { recipeFiles } from '../../../scripts/image/recipe-files.ts';
import { containerDirectories, userFiles } from '../../../scripts/image/user-files.ts';
import { runSync } from '../../../scripts/image/run-command.ts';

export const NOBODY = 65534;

/** One symlink to /bin/busybox per applet, at the path `busybox --list-full` gives it (the binary is static: it runs here). */
function appletLinks(busybox: string): LayerEntry[] {
  return runSync(busybox, ['--list-full'])
    .split('\n')
    .filter((path) => path !== '' && path !== 'bin/busybox')
    .map((path) => symlink(path, '/bin/busybox'));
}

export const recipe: ImageRecipe = {
  name: 'toolbox',
  files: ['test/images/toolbox'],
  layers: [
    {
      name: 'busybox',
      sources: [
        debianPackages({ packages: [{ name: 'busybox-static', paths: ['bin/busybox'] }], derive: (packages) => appletLinks(join(packages.dir('busybox-static'), 'bin/busybox')) }),
        recipeFiles('users, /tmp', () => [
          // nginx (101) named too: ps shows the user of the process it signals in the seed's pod.
          ...userFiles([
            { name: 'root', uid: 0, home: '/root', shell: '/bin/sh' },
            { name: 'nginx', uid: 101 },
            { name: 'nobody', uid: NOBODY },
          ]),
          ...containerDirectories(),
          directory('root', { mode: 0o700 }),
        ]),
      ],
    },
  ],
  epoch: () => sourceDateEpoch(() => 0),
  image: (facts) => ({
    ref: `tandem.local/test/toolbox:${tagOf(facts['debian:busybox-static'] ?? 'unknown')}`,
    config: {
      user: `${NOBODY}:${NOBODY}`,
      env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
      cmd: ['sh'],
      labels: { 'org.opencontainers.image.title': 'busybox (Tandem test image)', 'org.opencontainers.image.version': facts['debian:busybox-static'] ?? '' },
    },
  }),
};
