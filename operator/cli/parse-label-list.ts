/**
 * Parses `k=v[,k=v]` (the --namespace-labels flag). Keys and values are
 * validated loosely but every pair must have a key and an `=`; a bad pair
 * throws with the offending text so the user sees exactly what to fix.
 */
export function parseLabelList(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const trimmed = pair.trim();
    if (trimmed === '') continue;
    const equals = trimmed.indexOf('=');
    const key = equals > 0 ? trimmed.slice(0, equals).trim() : '';
    if (key === '' || !/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(key)) {
      throw new Error(`invalid label "${trimmed}": expected key=value with a valid label key`);
    }
    labels[key] = trimmed.slice(equals + 1).trim();
  }
  return labels;
}
