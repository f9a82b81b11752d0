import { z } from 'zod';

/** A failure to inject into matching requests: throttling, outages, slowness or silence. */
export const faultSpecSchema = z.object({
  method: z.string().optional(),
  /** Regular expression source matched against the path after /v1.0, e.g. "^/me/calendars". */
  path: z.string().refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'expected a regular expression'),
  status: z.number().int().min(100).max(599).optional(),
  /** Retry-After header value: seconds or an HTTP date. */
  retryAfter: z.string().optional(),
  code: z.string().optional(),
  /** The error message; a default per status when absent (a 403 worded differently from the emulator's own, say). */
  message: z.string().max(1000).optional(),
  latencyMs: z.number().int().min(0).optional(),
  /** Never answer, so the client times out. */
  hang: z.boolean().optional(),
  /** Apply to the next N matching requests only; unlimited when absent. */
  times: z.number().int().min(1).optional(),
});

export type FaultSpec = z.infer<typeof faultSpecSchema>;

const defaultCodes: Record<number, string> = {
  429: 'ApplicationThrottled',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceNotAvailable',
  504: 'GatewayTimeout',
};

const defaultMessages: Record<number, string> = {
  429: 'Application is over its MailboxConcurrency limit.',
  503: 'The service is temporarily unavailable. Please retry later.',
};

export function faultCode(fault: FaultSpec, status: number): string {
  return fault.code ?? defaultCodes[status] ?? 'ErrorInternalServerError';
}

export function faultMessage(fault: FaultSpec, status: number): string {
  return fault.message ?? defaultMessages[status] ?? `Injected fault (HTTP ${status}).`;
}

/**
 * The status a fault answers with: its own, or 429 when it neither delays nor hangs. A latency-only
 * fault answers normally after the delay.
 */
export function faultStatus(fault: FaultSpec): number | undefined {
  if (fault.status !== undefined) return fault.status;
  return fault.latencyMs === undefined && !fault.hang ? 429 : undefined;
}

interface ActiveFault {
  spec: FaultSpec;
  pattern: RegExp;
  remaining: number;
}

/** The injected faults, first match wins; a fault with `times` retires after that many requests. */
export class FaultRegistry {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    const valid = faultSpecSchema.parse(spec);
    this.faults.push({ spec: valid, pattern: new RegExp(valid.path), remaining: valid.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults = [];
  }

  list(): FaultSpec[] {
    return this.faults.map((fault) => ({ ...fault.spec }));
  }

  /** The fault for this request, if any, counting it as used. */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.faults.find(
      (candidate) => (!candidate.spec.method || candidate.spec.method.toUpperCase() === method.toUpperCase()) && candidate.pattern.test(path),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((candidate) => candidate !== fault);
    return fault.spec;
  }
}
