import type { Clock } from '../clock';

/**
 * API Gateway's management API is capped per account at 10 requests/s with a burst of 40, and some
 * actions much lower (CreateDeployment 1 every 5 s, DeleteRestApi 1 every 30 s ...). These caps
 * cannot be raised, so apigw paces itself instead of relying on throttling errors and retries.
 * Source: docs/aws-facts.md#quotas-control-plane.
 */
export interface Rate {
  /** tokens added per second */
  perSecond: number;
  burst: number;
}

export const ACCOUNT_RATE: Rate = { perSecond: 10, burst: 40 };

/** Per-action limits for API Gateway (v1 names; v2 VPC link calls are prefixed `v2:`). */
export const ACTION_RATES: Record<string, Rate> = {
  CreateApiKey: { perSecond: 5, burst: 5 },
  CreateDeployment: { perSecond: 1 / 5, burst: 1 },
  CreateDomainName: { perSecond: 1 / 30, burst: 1 },
  CreateResource: { perSecond: 5, burst: 5 },
  CreateRestApi: { perSecond: 1 / 3, burst: 1 },
  DeleteApiKey: { perSecond: 5, burst: 5 },
  DeleteDomainName: { perSecond: 1 / 30, burst: 1 },
  DeleteResource: { perSecond: 5, burst: 5 },
  DeleteRestApi: { perSecond: 1 / 30, burst: 1 },
  GetResources: { perSecond: 5 / 2, burst: 5 },
  ImportRestApi: { perSecond: 1 / 3, burst: 1 },
  PutRestApi: { perSecond: 1, burst: 1 },
  UpdateAccount: { perSecond: 1 / 20, burst: 1 },
  UpdateDomainName: { perSecond: 1 / 30, burst: 1 },
  UpdateUsagePlan: { perSecond: 1 / 20, burst: 1 },
  // The quota page says its limits apply to all API types; the v2 names of the same actions.
  'v2:CreateDeployment': { perSecond: 1 / 5, burst: 1 },
  'v2:CreateDomainName': { perSecond: 1 / 30, burst: 1 },
  'v2:DeleteDomainName': { perSecond: 1 / 30, burst: 1 },
  'v2:UpdateDomainName': { perSecond: 1 / 30, burst: 1 },
  'v2:CreateVpcLink': { perSecond: 1 / 15, burst: 1 },
  'v2:DeleteVpcLink': { perSecond: 1 / 30, burst: 1 },
};

class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly rate: Rate,
    now: number,
  ) {
    this.tokens = rate.burst;
    this.last = now;
  }
  /** Milliseconds until a token is available (0 = take it now). */
  waitTime(now: number): number {
    this.tokens = Math.min(this.rate.burst, this.tokens + ((now - this.last) / 1000) * this.rate.perSecond);
    this.last = now;
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate.perSecond) * 1000);
  }
  take(): void {
    this.tokens -= 1;
  }
}

/** A token-bucket limiter shared by every API Gateway client of one run. */
export class RateLimiter {
  private readonly account: Bucket;
  private readonly actions = new Map<string, Bucket>();
  private queue: Promise<void> = Promise.resolve();
  /** Total milliseconds spent waiting, for the apply summary. */
  waitedMs = 0;

  constructor(
    private readonly clock: Clock,
    private readonly rates: Record<string, Rate> = ACTION_RATES,
    accountRate: Rate = ACCOUNT_RATE,
  ) {
    this.account = new Bucket(accountRate, clock.now());
  }

  /** Resolves when `action` may be sent. Calls are granted in arrival order. */
  acquire(action: string): Promise<void> {
    const turn = this.queue.then(() => this.grant(action));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async grant(action: string): Promise<void> {
    const rate = this.rates[action];
    let bucket = this.actions.get(action);
    if (rate && !bucket) {
      bucket = new Bucket(rate, this.clock.now());
      this.actions.set(action, bucket);
    }
    for (;;) {
      const now = this.clock.now();
      const wait = Math.max(this.account.waitTime(now), bucket?.waitTime(now) ?? 0);
      if (wait === 0) break;
      this.waitedMs += wait;
      await this.clock.sleep(wait);
    }
    this.account.take();
    bucket?.take();
  }
}
