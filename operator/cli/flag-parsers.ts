import { InvalidArgumentError } from 'commander';
import { parseKubeVersion, type KubeVersion } from '../injection/kube-version.ts';

/** Turns a parser's Error into commander's InvalidArgumentError, so the user sees "option '--x' argument ... is invalid: <why>". */
export function flagParser<T>(parse: (text: string) => T): (text: string) => T {
  return (text) => {
    try {
      return parse(text);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

export function parseKubeVersionFlag(text: string): KubeVersion {
  const version = parseKubeVersion(text);
  if (version === undefined) throw new Error(`"${text}" is not a Kubernetes version like 1.29`);
  return version;
}

/** A parser for a number of seconds within [min, max]. */
export function secondsBetween(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max) throw new Error(`"${text}" is not a number of seconds from ${min} to ${max}`);
    return value;
  };
}

/** A parser for a whole number within [min, max]. */
export function integerBetween(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`"${text}" is not a whole number from ${min} to ${max}`);
    return value;
  };
}
