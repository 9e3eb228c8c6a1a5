/**
 * The apiserver's limits on admission warnings (k8s.io/apiserver
 * endpoints/filters/warning.go and apimachinery NewWarningHeader): a warning
 * containing a control character (newline, tab...) is silently dropped;
 * identical texts are shown once; once all warnings of a request exceed 4096
 * runes, each is cut to 256 runes and later ones are dropped. Other webhooks'
 * warnings count toward the same total, so ours stay well inside it.
 */
export const MAX_WARNING_RUNES = 256;
export const MAX_TOTAL_WARNING_RUNES = 2048;

const ELLIPSIS = '...';
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g;

/**
 * Makes warnings safe to return: control characters become spaces, each is
 * cut to 256 runes (code points) with a visible "...", duplicates are removed
 * and, past the total budget, the rest is replaced by one line saying how
 * many were left out, so a user is never misled into thinking that was all.
 */
export function fitWarnings(warnings: readonly string[]): string[] {
  const fitted: string[] = [];
  let total = 0;
  const unique = [...new Set(warnings.map(clean).filter((text) => text !== ''))];
  for (const [index, text] of unique.entries()) {
    const runes = Array.from(text).length;
    if (total + runes > MAX_TOTAL_WARNING_RUNES - MAX_WARNING_RUNES) {
      const left = unique.length - index;
      fitted.push(`${left} more warning${left === 1 ? ' was' : 's were'} left out; run "tandem explain" on the pod to see all`);
      break;
    }
    fitted.push(text);
    total += runes;
  }
  return fitted;
}

/** A denial's message is shown to the user like a warning: bounded too, though more generously (it may list several problems). */
export const MAX_MESSAGE_RUNES = 2048;

/** Cuts a denial's message to MAX_MESSAGE_RUNES, saying how much was left out. */
export function fitMessage(message: string): string {
  const runes = Array.from(message);
  if (runes.length <= MAX_MESSAGE_RUNES) return message;
  return `${runes.slice(0, MAX_MESSAGE_RUNES).join('')}... (${runes.length - MAX_MESSAGE_RUNES} more characters left out)`;
}

function clean(warning: string): string {
  const text = warning.replace(CONTROL, ' ').trim();
  const runes = Array.from(text);
  if (runes.length <= MAX_WARNING_RUNES) return text;
  return `${runes.slice(0, MAX_WARNING_RUNES - ELLIPSIS.length).join('').trimEnd()}${ELLIPSIS}`;
}
