import type { RecordedCall } from '../../src/aws/recorder';
import { fakeClock } from '../support/fakes';
import { bigStack } from '../support/big-stack';
import { motoRun, useMoto } from '../support/moto';
import { apply } from '../support/stack';

useMoto();

/**
 * API Gateway's management quotas (docs/aws-facts.md#quotas-control-plane), typed here on purpose rather than
 * imported from the limiter: the check must not share a mistake with the code it checks.
 * [rate per second, burst]
 */
const ACCOUNT: [number, number] = [10, 40];
const PER_ACTION: Record<string, [number, number]> = {
  CreateDeployment: [1 / 5, 1],
  CreateRestApi: [1 / 3, 1],
  DeleteRestApi: [1 / 30, 1],
  PutRestApi: [1, 1],
  GetResources: [5 / 2, 5],
  CreateResource: [5, 5],
  DeleteResource: [5, 5],
  CreateApiKey: [5, 5],
  DeleteApiKey: [5, 5],
  UpdateUsagePlan: [1 / 20, 1],
};

/** Replays send times through a token bucket; returns the first send that AWS would throttle. */
function firstViolation(times: number[], [rate, burst]: [number, number]): number | undefined {
  let tokens = burst;
  let last = times[0] ?? 0;
  for (const t of [...times].sort((a, b) => a - b)) {
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * rate);
    last = t;
    if (tokens < 1 - 1e-9) return t;
    tokens -= 1;
  }
  return undefined;
}

function violations(calls: RecordedCall[]): string[] {
  const api = calls.filter((c) => c.service.startsWith('apigateway'));
  const out: string[] = [];
  const all = api.flatMap((c) => c.sentAt);
  const account = firstViolation(all, ACCOUNT);
  if (account !== undefined) out.push(`account quota at t=${account}ms`);
  for (const [action, rate] of Object.entries(PER_ACTION)) {
    const at = firstViolation(
      api.filter((c) => c.service === 'apigateway' && c.command === action).flatMap((c) => c.sentAt),
      rate,
    );
    if (at !== undefined) out.push(`${action} at t=${at}ms`);
  }
  return out;
}

describe('API Gateway management quotas, by construction (fake clock, call log)', () => {
  const yaml = bigStack(60, true);

  it('a 300-route REST apply and destroy never exceed 10 req/s (burst 40) or any per-action limit', async () => {
    const clock = fakeClock(1_000_000);
    const run = motoRun({ clock, rateLimit: true });
    await apply(run, yaml);
    await apply(
      run,
      yaml.replace("'/s000/{id}', methods: [GET, PUT, DELETE]", "'/s000/{id}', methods: [GET]"),
    );
    await apply(run, yaml, 'destroy');
    const sent = run.recorder.calls
      .filter((c) => c.service.startsWith('apigateway'))
      .flatMap((c) => c.sentAt);
    expect(sent.length).toBeGreaterThan(100);
    expect(violations(run.recorder.calls)).toEqual([]);
    expect(run.recorder.named('DeleteRestApi')).toHaveLength(1);
    expect(run.clients.limiter.waitedMs).toBeGreaterThan(0);
    expect(clock.now() - 1_000_000).toBeGreaterThanOrEqual(((sent.length - 40) / 10) * 1000);
  });

  // HTTP (issue 19): the same replay for a 300-route HTTP API. On the emulator the bulk create falls
  // back to single calls (no ImportApi: docs/emulator-gaps.md#http-import), so this is the
  // heaviest HTTP apply there is, paced by the same limiter; on AWS the import makes it 1 request.
  it('a 300-route HTTP apply, a change and destroy never exceed 10 req/s (burst 40) or any per-action limit', async () => {
    const http = bigStack(60, true, 'http');
    const clock = fakeClock(1_000_000);
    const run = motoRun({ clock, rateLimit: true });
    await apply(run, http);
    expect(run.recorder.named('ImportApi')).toHaveLength(1);
    expect(run.events).toContainEqual(
      expect.objectContaining({
        type: 'warn',
        message: expect.stringContaining('does not implement ImportApi'),
      }),
    );
    await apply(
      run,
      http.replace("'/s000/{id}', methods: [GET, PUT, DELETE]", "'/s000/{id}', methods: [GET]"),
    );
    await apply(run, http, 'destroy');
    const sent = run.recorder.calls
      .filter((c) => c.service.startsWith('apigateway'))
      .flatMap((c) => c.sentAt);
    expect(sent.length).toBeGreaterThan(300);
    expect(violations(run.recorder.calls)).toEqual([]);
    expect(run.recorder.named('DeleteApi')).toHaveLength(1);
    expect(run.clients.limiter.waitedMs).toBeGreaterThan(0);
    expect(clock.now() - 1_000_000).toBeGreaterThanOrEqual(((sent.length - 40) / 10) * 1000);
  });

  it('the same run without the limiter would be throttled (the check has teeth)', async () => {
    const run = motoRun({ clock: fakeClock(1_000_000), rateLimit: false });
    await apply(run, yaml);
    expect(violations(run.recorder.calls)).toContainEqual(expect.stringMatching(/^account quota/));
  });
});
