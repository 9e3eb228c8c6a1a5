// What a recipe is: an image described as data. Layers in order, each made
// of sources (Debian packages, an npm tarball, the app's build, a Go binary,
// files the recipe writes), and the container configuration. A source is
// resolved first, cheaply (package versions, content hashes: its
// fingerprint, part of the cache key), and collected only when the image is
// not already built: then it produces the layer's entries.
import type { LayerEntry } from './layer-entry.ts';
import type { ContainerConfig, Platform } from './oci-documents.ts';

export interface BuildContext {
  /** The repository checkout the recipes and the app's sources are read from. */
  readonly root: string;
  /** ${TANDEM_CACHE_DIR:-~/.cache/tandem}: downloads (debs/, npm/), built images (images/). */
  readonly cacheDir: string;
  /** Scratch space of this build, removed afterwards. */
  readonly workDir: string;
  /** Rebuild everything, reusing downloads only (`--out`). */
  readonly fresh: boolean;
  readonly platform: Platform;
  /** Progress, to stderr. */
  log(message: string): void;
}

export interface ResolvedSource {
  /** Changes whenever what the source puts in the layer may change. */
  readonly fingerprint: string;
  /** Versions a recipe may put in its reference (`debian:nginx` -> `1.22.1-9+deb12u11`). */
  readonly facts?: Readonly<Record<string, string>>;
  /** Labels the image gets from this source (the Debian packages in it). */
  readonly labels?: Readonly<Record<string, string>>;
  collect(context: BuildContext): Promise<LayerEntry[]>;
}

export interface LayerSource {
  /** For the image's history: what this source is. */
  readonly describe: string;
  resolve(context: BuildContext): Promise<ResolvedSource>;
}

export interface LayerRecipe {
  readonly name: string;
  readonly sources: readonly LayerSource[];
}

export interface ImageRecipe {
  readonly name: string;
  /** Files and folders (relative to the root) whose content is part of the recipe, hashed into the cache key: the recipe's own folder. */
  readonly files: readonly string[];
  readonly layers: readonly LayerRecipe[];
  /** Seconds since 1970: every timestamp in the image. */
  epoch(context: BuildContext): number;
  /** The reference and configuration, from what the sources resolved. */
  image(facts: Readonly<Record<string, string>>, context: BuildContext): { ref: string; config: ContainerConfig };
}

/** SOURCE_DATE_EPOCH when set (reproducible-builds.org), else `fallback`. */
export function sourceDateEpoch(fallback: () => number): number {
  const value = process.env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return fallback();
  if (!/^\d+$/.test(value)) throw new Error(`SOURCE_DATE_EPOCH must be a number of seconds, not "${value}"`);
  return Number(value);
}
