/**
 * Runs a check only while its value has no problem yet, so that a field reports one problem, the
 * first in the order an operator would fix them. (zod's `abort` would also stop the checks of the
 * lists and objects around it, such as `listed_twice`.)
 */
export const firstProblem = {
  when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0,
};

/** `firstProblem` for length checks, whose params zod types without `when` (it honours it). */
export const firstLengthProblem = firstProblem as { abort?: boolean };
