import type { IpPermission } from '@aws-sdk/client-ec2';
import { sdk } from '../aws/clients';
import { guardAws, orUndefined } from '../aws/errors';
import type { Stack } from '../config/stack';
import type { RunContext } from '../context';
import { ApigwError } from '../errors';
import { publicBackendLb, sortFindings, staticFindings, type Finding } from './check';

/**
 * The live half of `apigw check`: whether the internet-facing load balancer behind the API accepts
 * traffic from anywhere. Two reads (DescribeLoadBalancers, DescribeSecurityGroups); the static
 * finding stands in when there is no AWS access.
 */
export interface CheckResult {
  stack: string;
  /** `live` when the load balancer's security groups were read; `offline` when only the file was. */
  mode: 'live' | 'offline';
  findings: Finding[];
  notes: string[];
}

/** Does `check` need AWS for this stack? Only to read a public load balancer behind the API. */
export const liveCheckNeeded = publicBackendLb;

const OPEN = (p: IpPermission) =>
  (p.IpRanges ?? []).some((r) => r.CidrIp === '0.0.0.0/0') ||
  (p.Ipv6Ranges ?? []).some((r) => r.CidrIpv6 === '::/0');

function covers(p: IpPermission, port: number): boolean {
  if (p.IpProtocol === '-1') return true;
  return (p.FromPort ?? 0) <= port && port <= (p.ToPort ?? 65535);
}

/** The finding for a deployed load balancer, from its security groups; undefined when locked down. */
async function liveLbFinding(rc: RunContext, stack: Stack): Promise<Finding | string | undefined> {
  const lb = stack.loadBalancer!;
  const ref = lb.existing ?? lb.name;
  // Through `sdk`, not imported at the top: `check --offline` and `plan` must not pay for the SDK modules.
  const { DescribeLoadBalancersCommand } = sdk.elbv2;
  const { DescribeSecurityGroupsCommand } = sdk.ec2;
  const input = ref.startsWith('arn:') ? { LoadBalancerArns: [ref] } : { Names: [ref] };
  const found = await orUndefined(() => rc.clients.elbv2.send(new DescribeLoadBalancersCommand(input)));
  const live = found?.LoadBalancers?.[0];
  if (!live) return `load balancer ${ref} is not deployed yet: its security groups were not checked.`;
  const where = `loadBalancer ${ref}`;
  const groups = live.SecurityGroups ?? [];
  const port = lb.listener.port;
  const base = { id: 'public-load-balancer', severity: 'high' as const, where };
  const fix = `allow port ${port} only from where it must be reached (or make the load balancer internal behind a VPC link: templates/private-alb-rest.yaml).`;
  if (groups.length === 0)
    return {
      ...base,
      risk: "the internet-facing load balancer has no security groups: it accepts traffic from 0.0.0.0/0, so clients can bypass the API's authorization, API keys, throttling and WAF.",
      fix,
    };
  const res = await rc.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: groups }));
  const open = (res.SecurityGroups ?? []).filter((g) =>
    (g.IpPermissions ?? []).some((p) => OPEN(p) && covers(p, port)),
  );
  if (open.length === 0) return undefined;
  return {
    ...base,
    where: `${where} (security group ${open.map((g) => g.GroupId).join(', ')})`,
    risk: `the internet-facing load balancer accepts port ${port} from 0.0.0.0/0: clients can call it directly and bypass the API's authorization, API keys, throttling and WAF.`,
    fix: `remove the 0.0.0.0/0 (and ::/0) rule for port ${port}; ${fix}`,
  };
}

/** Missing credentials or region: the live half is skipped with a note, never a failed check. */
function noAccess(err: unknown): string | undefined {
  if (err instanceof ApigwError && ['NO_CREDENTIALS', 'NO_REGION'].includes(err.code)) return err.message;
  return undefined;
}

/**
 * Static findings, plus the live one when the stack has a public load balancer behind the API and
 * AWS can be reached. `context` builds the run context only when a live read is needed.
 */
export async function checkStack(
  stack: Stack,
  opts: { offline: boolean; context: () => Promise<RunContext> },
): Promise<CheckResult> {
  const findings = staticFindings(stack);
  if (opts.offline || !liveCheckNeeded(stack)) {
    const notes =
      opts.offline && liveCheckNeeded(stack)
        ? ["--offline: the load balancer's security groups were not read."]
        : [];
    return { stack: stack.stack, mode: 'offline', findings, notes };
  }
  const rest = findings.filter((f) => f.id !== 'public-load-balancer');
  try {
    const rc = await opts.context();
    const live = await guardAws(rc, () => liveLbFinding(rc, stack));
    if (typeof live === 'string') return { stack: stack.stack, mode: 'live', findings, notes: [live] };
    return {
      stack: stack.stack,
      mode: 'live',
      findings: sortFindings(live ? [live, ...rest] : rest),
      notes: [],
    };
  } catch (err) {
    const why = noAccess(err);
    if (!why) throw err;
    return { stack: stack.stack, mode: 'offline', findings, notes: [`Live checks skipped: ${why}`] };
  }
}
