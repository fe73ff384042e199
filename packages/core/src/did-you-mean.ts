import { closestMatch } from './closest-match.js';

/** `{ suggestion }` for a field error when a candidate is close to `input`, else nothing. */
export function didYouMean(
  input: string,
  candidates: Iterable<string>,
): { suggestion: string } | undefined {
  const match = closestMatch(input, candidates);
  return match === undefined ? undefined : { suggestion: match };
}
