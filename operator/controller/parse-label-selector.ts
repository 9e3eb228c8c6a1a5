import type { LabelSelector } from '../api/sidecar-set.ts';

type Expression = NonNullable<LabelSelector['matchExpressions']>[number];

const KEY = '(?:[a-z0-9](?:[-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?';
const VALUE = '(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?';
const DOES_NOT_EXIST = new RegExp(`^!\\s*(${KEY})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|!=|=)\\s*(${VALUE})$`);
const EXISTS = new RegExp(`^(${KEY})$`);
const VALUE_ONLY = new RegExp(`^${VALUE}$`);

/**
 * The string form of a label selector, as kubectl's -l and the API's
 * `labelSelector` parameter take it ("team=a,tier in (x,y),!legacy"), as a
 * metav1.LabelSelector: `=`/`==` and `in` become In, `!=` and `notin`
 * NotIn, `key` Exists, `!key` DoesNotExist. `>`/`<` have no LabelSelector
 * form and are refused. Throws naming the requirement it cannot read.
 */
export function parseLabelSelector(text: string): LabelSelector {
  const matchExpressions: Expression[] = [];
  for (const part of splitRequirements(text)) {
    const requirement = part.trim();
    if (requirement === '') throw new Error(`invalid label selector "${text}": empty requirement`);
    matchExpressions.push(parseRequirement(requirement, text));
  }
  return matchExpressions.length === 0 ? {} : { matchExpressions };
}

/** Each requirement form: its pattern, and the expression its groups (key, operator, values) make. */
const FORMS: readonly (readonly [RegExp, (groups: readonly string[]) => Expression])[] = [
  [DOES_NOT_EXIST, ([key = '']) => ({ key, operator: 'DoesNotExist' })],
  [SET, ([key = '', operator, values = '']) => ({ key, operator: operator === 'in' ? 'In' : 'NotIn', values: values.split(',').map((value) => value.trim()) })],
  [EQUALITY, ([key = '', operator, value = '']) => ({ key, operator: operator === '!=' ? 'NotIn' : 'In', values: [value] })],
  [EXISTS, ([key = '']) => ({ key, operator: 'Exists' })],
];

function parseRequirement(requirement: string, text: string): Expression {
  for (const [pattern, build] of FORMS) {
    const match = pattern.exec(requirement);
    if (match === null) continue;
    const expression = build(match.slice(1));
    const bad = expression.values?.find((value) => !VALUE_ONLY.test(value));
    if (bad !== undefined) throw new Error(`invalid label selector "${text}": "${bad}" is not a label value (in "${requirement}")`);
    return expression;
  }
  throw new Error(`invalid label selector "${text}": cannot read "${requirement}" (expected key, !key, key=value, key!=value, key in (a,b) or key notin (a,b))`);
}

/** Splits at the commas between requirements, not those inside "in (a,b)". */
function splitRequirements(text: string): string[] {
  if (text.trim() === '') return [];
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
