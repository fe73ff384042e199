export interface LoadSubmission {
  readonly eventId: string;
  readonly consentId: string;
}

export interface LoadResult {
  /** Answers by HTTP status, or `timeout` / a socket error code. */
  readonly statuses: Record<string, number>;
  readonly longestMs: number;
  readonly acknowledged: readonly LoadSubmission[];
  readonly requests: number;
}

export function consentId(): string;

export function startConsentLoad(options: {
  endpoint: string;
  origin: string;
  revision: string;
  connections?: number;
  requestTimeoutMs?: number;
  pauseMs?: number;
}): {
  readonly statuses: Record<string, number>;
  readonly acknowledged: readonly LoadSubmission[];
  stop(): Promise<LoadResult>;
};
