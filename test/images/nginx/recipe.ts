// tandem.local/test/nginx:<Debian's nginx version>: Debian 12's nginx and
// exactly the shared libraries it loads, for the real node's tests (the seed's
// pod: nginx beside the reloader sidecar). Like nginxinc/nginx-unprivileged:
// UID 101, port 8080, the pid and temporary files in /tmp. No entry point, so
// a pod's `args: [nginx, -c, /etc/tandem-reloader/nginx.conf, -g, "daemon off;"]`
// runs as written; CMD runs the default configuration (nginx.conf here).
//
// With a read-only root filesystem, mount an emptyDir at /tmp. The paths
// compiled into Debian's nginx are made harmless for configurations that do
// not set them: /run/nginx.pid links to /tmp/nginx.pid, the access log to
// stdout (the error log is stderr already), and the temporary directories
// under /var/lib/nginx exist (nginx creates them at start otherwise) and
// belong to 101.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { debianPackages } from '../../../scripts/image/debian-packages.ts';
import { directory, symlink, textFile } from '../../../scripts/image/layer-entry.ts';
import { tagOf } from '../../../scripts/image/oci-documents.ts';
import { sourceDateEpoch, type ImageRecipe } from '../../../scripts/image/recipe.ts';
import { recipeFiles } from '../../../scripts/image/recipe-files.ts';
import { containerDirectories, userFiles } from '../../../scripts/image/user-files.ts';

/** nginxinc/nginx-unprivileged's user. */
export const NGINX_UID = 101;
const owned = { uid: NGINX_UID, gid: NGINX_UID };

export const recipe: ImageRecipe = {
  name: 'nginx',
  files: ['test/images/nginx'],
  layers: [
    {
      name: 'nginx',
      sources: [
        debianPackages({
          packages: [
            { name: 'nginx', paths: ['usr/sbin/nginx'] },
            { name: 'nginx-common', paths: ['etc/nginx/mime.types', 'usr/share/nginx/html/index.html'] },
            { name: 'libc6', librariesOnly: true },
            { name: 'libcrypt1', librariesOnly: true },
            { name: 'libpcre2-8-0', librariesOnly: true },
            { name: 'libssl3', librariesOnly: true },
            { name: 'zlib1g', librariesOnly: true },
          ],
          libraryClosureOf: ['usr/sbin/nginx'],
        }),
        recipeFiles('nginx.conf, users, /tmp, nginx paths', (context) => [
          textFile('etc/nginx/nginx.conf', readFileSync(join(context.root, 'test/images/nginx/nginx.conf'), 'utf8')),
          ...userFiles([
            { name: 'root', uid: 0, home: '/root' },
            { name: 'nginx', uid: NGINX_UID },
            { name: 'nobody', uid: 65534 },
          ]),
          ...containerDirectories(),
          symlink('run/nginx.pid', '/tmp/nginx.pid'),
          symlink('var/log/nginx/access.log', '/dev/stdout'),
          symlink('var/log/nginx/error.log', '/dev/stderr'),
          ...['body', 'fastcgi', 'proxy', 'scgi', 'uwsgi'].map((name) => directory(`var/lib/nginx/${name}`, { mode: 0o700, ...owned })),
          directory('var/lib/nginx', { ...owned }),
        ]),
      ],
    },
  ],
  epoch: () => sourceDateEpoch(() => 0),
  image: (facts) => ({
    ref: `tandem.local/test/nginx:${tagOf(facts['debian:nginx'] ?? 'unknown')}`,
    config: {
      user: `${NGINX_UID}:${NGINX_UID}`,
      env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
      cmd: ['nginx', '-g', 'daemon off;'],
      exposedPorts: ['8080/tcp'],
      // nginx's graceful stop (what the official image sets).
      stopSignal: 'SIGQUIT',
      labels: { 'org.opencontainers.image.title': 'nginx (Tandem test image)', 'org.opencontainers.image.version': facts['debian:nginx'] ?? '' },
    },
  }),
};
