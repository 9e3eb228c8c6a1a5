// tandem.local/test/proxy-capture:<Debian's iptables version>: what the
// shipped tandem-proxy-capture init container needs of Istio's proxy image
// (docker.io/istio/proxyv2), which cannot be pulled here: Istio's own
// istio-iptables (test/cluster/istio-iptables, built static by `go build`
// from Istio's module) as the entry point, so the set's args
// (`istio-iptables -p 15001 ...`) run as pilot-agent runs them, and Debian's
// iptables for it to call (the nft backend as `iptables`, Debian's default
// alternative; legacy beside it, as in Istio's image, which picks one).
// Runs as root: the set asks for UID 0 with NET_ADMIN and NET_RAW.
import { debianPackages } from '../../../scripts/image/debian-packages.ts';
import { goBinary } from '../../../scripts/image/go-binary.ts';
import { symlink } from '../../../scripts/image/layer-entry.ts';
import { tagOf } from '../../../scripts/image/oci-documents.ts';
import { sourceDateEpoch, type ImageRecipe } from '../../../scripts/image/recipe.ts';
import { recipeFiles } from '../../../scripts/image/recipe-files.ts';
import { containerDirectories, userFiles } from '../../../scripts/image/user-files.ts';

/** The names update-alternatives would point at xtables-nft-multi on Debian (the package ships the -nft and -legacy ones). */
const ALTERNATIVES = ['iptables', 'iptables-save', 'iptables-restore', 'ip6tables', 'ip6tables-save', 'ip6tables-restore'];

const LIBRARIES = ['libxtables12', 'libip4tc2', 'libip6tc2', 'libnftnl11', 'libmnl0', 'libnetfilter-conntrack3', 'libnfnetlink0'];

export const recipe: ImageRecipe = {
  name: 'proxy-capture',
  files: ['test/images/proxy-capture', 'test/cluster/istio-iptables'],
  layers: [
    {
      name: 'iptables',
      sources: [
        debianPackages({
          // iptables whole: its multi-call binaries and the xtables extensions they load at run time (REDIRECT, owner...).
          packages: ['iptables', ...LIBRARIES, { name: 'libc6', librariesOnly: true }],
          libraryClosureOf: ['usr/sbin/xtables-nft-multi', 'usr/sbin/xtables-legacy-multi'],
        }),
        recipeFiles('iptables alternatives, users, /tmp, /run', () => [
          ...ALTERNATIVES.map((name) => symlink(`usr/sbin/${name}`, 'xtables-nft-multi')),
          ...userFiles([{ name: 'root', uid: 0, home: '/root' }]),
          ...containerDirectories(),
        ]),
      ],
    },
    { name: 'istio-iptables', sources: [goBinary({ module: 'test/cluster/istio-iptables', to: 'usr/local/bin/istio-iptables' })] },
  ],
  epoch: () => sourceDateEpoch(() => 0),
  image: (facts) => ({
    ref: `tandem.local/test/proxy-capture:${tagOf(facts['debian:iptables'] ?? 'unknown')}`,
    config: {
      user: '0:0',
      env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']],
      entrypoint: ['/usr/local/bin/istio-iptables'],
      labels: {
        'org.opencontainers.image.title': "istio-iptables and Debian's iptables, for Istio's proxy image in tandem-proxy-capture (Tandem test image)",
        'org.opencontainers.image.version': facts['debian:iptables'] ?? '',
      },
    },
  }),
};
