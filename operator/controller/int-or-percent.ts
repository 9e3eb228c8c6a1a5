/**
 * Resolves an int-or-string field such as maxUnavailable or partition
 * against a total, as Kubernetes' GetScaledValueFromIntOrPercent does:
 * an integer is taken as is, "N%" is N percent of `total`, rounded up or
 * down as the caller says. Anything else throws: the CRD's CEL rules already
 * reject it, so reaching here means a bug or a bypassed validation.
 */
export function scaleIntOrPercent(value: number | string | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${value} is not an integer >= 0`);
    return value;
  }
  const match = /^(\d{1,3})%$/.exec(value);
  const percent = match === null ? Number.NaN : Number(match[1]);
  if (!(percent >= 0 && percent <= 100)) throw new Error(`"${value}" is not a percentage from 0% to 100%`);
  const scaled = (percent * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
