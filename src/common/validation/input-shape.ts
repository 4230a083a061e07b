import type { ErrorDetail } from '../errors/domain.exception';

/**
 * Bounds on the shape of any client input, checked before anything looks at its elements. No
 * route accepts more: a contact has ten writable fields and at most 50 tags, a batch (to come)
 * at most 100 items. Each DTO then applies its own, tighter limits.
 */
export const INPUT_SHAPE_LIMITS = {
  /** Levels of arrays and objects below the body itself (`items.0.tags.0` is 3). */
  depth: 8,
  /** Elements of any one array. */
  items: 1000,
  /** Fields of any one object. */
  fields: 100,
} as const;

/** Problems reported at most, so that the error itself stays small. */
const MAX_PROBLEMS = 20;

/**
 * What is wrong with the shape of `input`, walked without recursion (no depth can exhaust the
 * stack) and without visiting the elements of an oversized array or object (no size can cost
 * more than its bound): nesting past the depth bound, collections past their size bound, and
 * strings PostgreSQL cannot store as given (NUL characters) or that are not well-formed UTF-16
 * (lone surrogates, which would be replaced silently on the way to UTF-8).
 */
export function inputShapeProblems(input: unknown): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const pending: [value: unknown, path: string, depth: number][] = [[input, '', 0]];
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const [value, path, depth] = pending.pop() as [unknown, string, number];
    const field = path || 'body';
    if (typeof value === 'string') {
      if (value.includes('\u0000') || !value.isWellFormed()) {
        problems.push({ field, message: `${field} contains characters that are not allowed` });
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth > INPUT_SHAPE_LIMITS.depth) {
      problems.push({
        field,
        message: `${field} is nested too deeply (more than ${INPUT_SHAPE_LIMITS.depth} levels)`,
      });
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length > INPUT_SHAPE_LIMITS.items) {
        problems.push({
          field,
          message: `${field} must contain no more than ${INPUT_SHAPE_LIMITS.items} elements`,
        });
        continue;
      }
      for (let i = value.length - 1; i >= 0; i--) {
        pending.push([value[i], path ? `${path}.${i}` : String(i), depth + 1]);
      }
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > INPUT_SHAPE_LIMITS.fields) {
      problems.push({
        field,
        message: `${field} must have no more than ${INPUT_SHAPE_LIMITS.fields} fields`,
      });
      continue;
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      pending.push([
        (value as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
        depth + 1,
      ]);
    }
  }
  return problems;
}
