import type { Translator } from '@galette/core';
import type { ScanJob } from '@galette/storage';

/** A message whose key is made from data (a rule, a scenario), or the data itself if none. */
export function textOf(t: Translator, key: string, fallback: string): string {
  const text = t(key as Parameters<Translator>[0]);
  return text === key ? fallback : text;
}

/** A scenario id in words: `category:statistics` is « seulement “statistics” ». */
export function scenarioLabel(t: Translator, id: string): string {
  return id.startsWith('category:')
    ? t('scanner.scenario.category', { category: id.slice(9) })
    : textOf(t, `scanner.scenario.${id}`, id);
}

/** A job's state in words: its status, and its progress or findings. */
export function scanState(t: Translator, job: ScanJob): string {
  if (job.status === 'running' && job.progress) {
    return t('scanner.console.progress', {
      done: job.progress.pagesDone,
      total: job.progress.pagesTotal,
      scenario: job.progress.scenario ?? '—',
      findings: job.progress.findings,
    });
  }
  if (job.status === 'done' && job.summary) {
    const count = t('scanner.console.findingsCount', { ...job.summary });
    const fresh = job.summary.newErrors ?? 0;
    return fresh > 0 ? `${count} ${t('scanner.console.newErrors', { count: fresh })}` : count;
  }
  return '—';
}
