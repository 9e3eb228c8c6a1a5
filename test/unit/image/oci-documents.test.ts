// The image's JSON documents (scripts/image/oci-documents.ts) byte for byte:
// their digests are the image's identity, so key order, spacing and every
// field are part of the contract. Also the reference grammar and tags.
import { describe, expect, it } from '@jest/globals';
import { sha256Digest } from '../../../scripts/image/blob-store.ts';
import {
  checkReference,
  created,
  dockerManifestDocument,
  imageConfigDocument,
  indexDocument,
  manifestDocument,
  OCI_LAYOUT_DOCUMENT,
  tagOf,
} from '../../../scripts/image/oci-documents.ts';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const C = `sha256:${'c'.repeat(64)}`;
const platform = { architecture: 'amd64', os: 'linux' };

describe('sha256Digest', () => {
  it.each([
    ['', 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['{"imageLayoutVersion":"1.0.0"}', 'sha256:18f0797eab35a4597c1e9624aa4f15fd91f6254e5538c1e0d193b2a95dd4acc6'],
  ])('of %j', (text, digest) => {
    expect(sha256Digest(text)).toBe(digest);
  });
});

describe('imageConfigDocument', () => {
  it('writes the runtime config in a fixed order, labels and ports sorted, env in the recipe order', () => {
    const document = imageConfigDocument({
      platform,
      epoch: 1_700_000_000,
      config: {
        user: '65532:65532',
        env: [
          ['PATH', '/nodejs/bin:/usr/bin'],
          ['A', 'b=c'],
        ],
        entrypoint: ['node', '/app/main.js'],
        cmd: ['--help'],
        workdir: '/app',
        exposedPorts: ['9500/tcp', '9443/tcp'],
        labels: { 'z.label': '1', 'a.label': '2' },
        stopSignal: 'SIGQUIT',
      },
      layers: [
        { diffId: A, createdBy: 'base' },
        { diffId: B, createdBy: 'app' },
      ],
    });
    expect(document.toString()).toBe(
      '{"created":"2023-11-14T22:13:20Z","architecture":"amd64","os":"linux","config":{"User":"65532:65532","ExposedPorts":{"9443/tcp":{},"9500/tcp":{}},' +
        '"Env":["PATH=/nodejs/bin:/usr/bin","A=b=c"],"Entrypoint":["node","/app/main.js"],"Cmd":["--help"],"WorkingDir":"/app",' +
        '"Labels":{"a.label":"2","z.label":"1"},"StopSignal":"SIGQUIT"},' +
        `"rootfs":{"type":"layers","diff_ids":["${A}","${B}"]},` +
        '"history":[{"created":"2023-11-14T22:13:20Z","created_by":"base"},{"created":"2023-11-14T22:13:20Z","created_by":"app"}]}',
    );
  });

  it('leaves out what the recipe does not set (no entry point: a pod\'s args are the command)', () => {
    const document = JSON.parse(imageConfigDocument({ platform, epoch: 0, config: { env: [] }, layers: [] }).toString()) as { config: Record<string, unknown>; created: string };
    expect(document.config).toEqual({ Env: [] });
    expect(document.created).toBe('1970-01-01T00:00:00Z');
  });
});

describe('the manifest and the indexes', () => {
  it('manifest: OCI media types, config then layers, sizes', () => {
    expect(manifestDocument({ digest: A, size: 10 }, [{ digest: B, size: 20 }]).toString()).toBe(
      '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",' +
        `"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"${A}","size":10},` +
        `"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"${B}","size":20}]}`,
    );
  });

  it('index.json: the manifest named by the full reference, for skopeo/umoci and for containerd', () => {
    const index = JSON.parse(indexDocument({ digest: C, size: 30 }, 'ghcr.io/tandem-dev/tandem:0.1.0', platform).toString()) as { manifests: Record<string, unknown>[] };
    expect(index).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          digest: C,
          size: 30,
          annotations: { 'io.containerd.image.name': 'ghcr.io/tandem-dev/tandem:0.1.0', 'org.opencontainers.image.ref.name': 'ghcr.io/tandem-dev/tandem:0.1.0' },
          platform: { architecture: 'amd64', os: 'linux' },
        },
      ],
    });
  });

  it("manifest.json: Docker's format, the same blobs by path", () => {
    expect(dockerManifestDocument({ digest: A, size: 1 }, [{ digest: B, size: 2 }, { digest: C, size: 3 }], 'tandem.local/test/pause:1.0.0').toString()).toBe(
      `[{"Config":"blobs/sha256/${'a'.repeat(64)}","RepoTags":["tandem.local/test/pause:1.0.0"],"Layers":["blobs/sha256/${'b'.repeat(64)}","blobs/sha256/${'c'.repeat(64)}"]}]`,
    );
  });

  it('oci-layout', () => {
    expect(OCI_LAYOUT_DOCUMENT.toString()).toBe('{"imageLayoutVersion":"1.0.0"}');
  });
});

describe('references and tags', () => {
  it.each(['ghcr.io/tandem-dev/tandem:0.1.0', 'tandem.local/test/nginx:1.22.1-9_deb12u11', 'localhost:5000/a/b:latest', 'tandem:dev'])('accepts %s', (ref) => {
    expect(checkReference(ref)).toBe(ref);
  });

  it.each(['ghcr.io/Tandem/tandem:0.1.0', 'tandem', 'tandem:1.0+x', 'tandem:', 'tandem:-x', 'a//b:1'])('refuses %s', (ref) => {
    expect(() => checkReference(ref)).toThrow(/is not an image reference/);
  });

  it.each([
    ['1.22.1-9+deb12u11', '1.22.1-9_deb12u11'],
    ['1:1.35.0-4+deb12u1+b1', '1.35.0-4_deb12u1_b1'],
    ['20250419~deb12u2', '20250419_deb12u2'],
    ['1.0.0', '1.0.0'],
  ])('tagOf(%s) = %s', (version, tag) => {
    expect(tagOf(version)).toBe(tag);
    expect(checkReference(`x/y:${tag}`)).toBe(`x/y:${tag}`);
  });

  it('created() is RFC 3339 UTC without fractions', () => {
    expect(created(1_764_763_941)).toBe('2025-12-03T12:12:21Z');
  });
});
