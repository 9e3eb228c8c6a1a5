import type { LabelSelector } from '../api/sidecar-set.ts';

/**
 * A metav1.LabelSelector in the string form the API server's
 * `labelSelector` query parameter takes ("app=web,tier in (a,b),!legacy"),
 * so a list is filtered on the server. Requirements are sorted for stable
 * output; the empty selector is "".
 */
export function formatLabelSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  for (const requirement of selector.matchExpressions ?? []) {
    const values = [...(requirement.values ?? [])].sort().join(',');
    switch (requirement.operator) {
      case 'In':
        parts.push(`${requirement.key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${requirement.key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(requirement.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${requirement.key}`);
        break;
      default:
        throw new Error(`unknown label selector operator ${JSON.stringify(requirement.operator)}`);
    }
  }
  return parts.sort().join(',');
}
