import type { ComplianceFinding, ComplianceRuleId } from '@galette/core';

/** How a finding is named when acknowledged: `rule@path`, e.g. `lifetime-missing@declarations[2]`. */
export function findingId(finding: Pick<ComplianceFinding, 'rule' | 'path'>): string {
  return `${finding.rule}@${finding.path}`;
}

/** What the publisher says about the warnings: each one by id, or all those shown. */
export interface Acknowledgement {
  readonly acknowledge?: readonly string[];
  readonly acknowledgeAll?: boolean;
}

export interface GateVerdict {
  readonly errors: readonly ComplianceFinding[];
  readonly warnings: readonly ComplianceFinding[];
  /** Warnings not acknowledged: publishing waits for them. */
  readonly unacknowledged: readonly ComplianceFinding[];
  /** Ids of the warnings acknowledged (what the audit log records). */
  readonly acknowledged: readonly string[];
}

/**
 * The compliance gate of a publication: error findings block it whatever is acknowledged;
 * each warning must be acknowledged, by id or all at once. Acknowledging an id that is not a
 * current warning is harmless (a warning fixed meanwhile).
 */
export function judgeFindings(
  findings: readonly ComplianceFinding[],
  ack: Acknowledgement,
): GateVerdict {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const given = new Set(ack.acknowledge ?? []);
  const unacknowledged = ack.acknowledgeAll ? [] : warnings.filter((f) => !given.has(findingId(f)));
  const acknowledged = warnings.filter((f) => !unacknowledged.includes(f)).map(findingId);
  return { errors, warnings, unacknowledged, acknowledged };
}

/** Acknowledged warnings as the audit log keeps them: a count per rule, and the first ids. */
export function acknowledgementSummary(ids: readonly string[]): Record<string, unknown> {
  const byRule: Partial<Record<ComplianceRuleId, number>> = {};
  for (const id of ids) {
    const rule = id.slice(0, id.indexOf('@')) as ComplianceRuleId;
    byRule[rule] = (byRule[rule] ?? 0) + 1;
  }
  return { acknowledgedWarnings: ids.length, byRule, first: ids.slice(0, 10) };
}
