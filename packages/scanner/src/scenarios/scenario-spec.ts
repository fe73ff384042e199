/** The scenarios a scan can play, each in a fresh profile. */
export type ScenarioSpec =
  | { readonly id: 'no-action'; readonly kind: 'no-action' }
  | { readonly id: 'refuse-all'; readonly kind: 'refuse-all' }
  | { readonly id: 'accept-all'; readonly kind: 'accept-all' }
  | { readonly id: 'withdraw'; readonly kind: 'withdraw' }
  | { readonly id: `category:${string}`; readonly kind: 'category'; readonly category: string };

export const MAIN_SCENARIOS = ['no-action', 'refuse-all', 'accept-all', 'withdraw'] as const;

/** `categories` in a `--scenarios` list stands for every optional category. */
export const SCENARIO_WORDS = [...MAIN_SCENARIOS, 'categories'] as const;

/**
 * Turns `--scenarios` words into scenarios: the main ones, `categories` (one per optional
 * category) or `category:<id>`. Unknown words are returned apart so the caller can name them.
 */
export function scenarioSpecs(
  words: readonly string[],
  optionalCategories: readonly string[],
): { specs: ScenarioSpec[]; unknown: string[] } {
  const specs: ScenarioSpec[] = [];
  const unknown: string[] = [];
  const add = (spec: ScenarioSpec) => {
    if (!specs.some((s) => s.id === spec.id)) specs.push(spec);
  };
  for (const word of words) {
    if ((MAIN_SCENARIOS as readonly string[]).includes(word)) {
      add({ id: word, kind: word } as ScenarioSpec);
    } else if (word === 'categories') {
      for (const category of optionalCategories) {
        add({ id: `category:${category}`, kind: 'category', category });
      }
    } else if (/^category:[a-z0-9_-]+$/.test(word)) {
      add({ id: word as `category:${string}`, kind: 'category', category: word.slice(9) });
    } else unknown.push(word);
  }
  return { specs, unknown };
}
