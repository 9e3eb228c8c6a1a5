/** Code-unit order of names (sets, containers, volumes): the same on every node and in every locale, unlike localeCompare. */
export function compareNames(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
