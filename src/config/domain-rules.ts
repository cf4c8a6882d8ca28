import type { ApiInput, DomainInput, StackInput } from './schema';
import { defaultStageName } from './stack';
import { privateDomainIssues } from './domain-private';

/** A rule violation found after the schema passed (the shape of `RuleIssue` in ./rules.ts). */
interface Issue {
  path: (string | number)[];
  message: string;
}

/**
 * The domain's IP address type: `ipAddressType`, else the deprecated `ipv6: true` (dualstack), else
 * ipv4 (AWS's default). AAAA alias records follow it: only a dual-stack domain answers on IPv6
 * (docs/aws-rules.md#dual-stack).
 */
export function domainIpAddressType(d: Pick<DomainInput, 'ipAddressType' | 'ipv6'>): 'ipv4' | 'dualstack' {
  return d.ipAddressType ?? (d.ipv6 ? 'dualstack' : 'ipv4');
}

/** The API's IP address type: the file's, else dualstack for a private REST API (the only type it may have), else ipv4. */
export function apiIpAddressType(
  a: Pick<ApiInput, 'ipAddressType' | 'endpoint' | 'type'>,
): 'ipv4' | 'dualstack' {
  return a.ipAddressType ?? (a.type === 'rest' && a.endpoint === 'private' ? 'dualstack' : 'ipv4');
}

/**
 * The rules of the dual-stack keys and of `domain.routing` (issue 18), reported at file:line:key
 * before any AWS call. The AWS facts behind them are in docs/aws-rules.md#dual-stack and
 * docs/aws-rules.md#routing-rules.
 */
export function checkDomainRules(s: StackInput): Issue[] {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  const api = s.api;
  const http = api?.type === 'http';
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-ip-address-type.html
  if (api && !http && api.endpoint === 'private' && api.ipAddressType === 'ipv4')
    add(
      ['api', 'ipAddressType'],
      'a private REST API can only be `dualstack`; drop `ipAddressType` or set `dualstack`',
    );
  const d = s.domain;
  if (!d) return issues;
  if (d.ipv6 === true && d.ipAddressType === 'ipv4')
    add(
      ['domain', 'ipv6'],
      'AAAA alias records need a dual-stack domain (an IPv4-only domain answers no IPv6 caller): set `ipAddressType: dualstack` and drop the deprecated `ipv6`',
    );
  if (d.ipv6 === false && d.ipAddressType === 'dualstack')
    add(
      ['domain', 'ipv6'],
      '`ipv6: false` contradicts `ipAddressType: dualstack` (a dual-stack domain gets its AAAA alias): drop the deprecated `ipv6`',
    );
  // A private custom domain (issue 18 item 2): its own rules, in ./domain-private.ts.
  issues.push(...privateDomainIssues(s));
  const mode = d.routing?.mode ?? 'mappings';
  const rules = d.routing?.rules ?? [];
  if (d.routing && http)
    add(
      ['domain', 'routing'],
      'routing rules are a REST API feature; an HTTP API custom domain routes with `mappings` only. Use `api.type: rest`, or drop `routing`',
    );
  if (mode === 'rules' && d.mappings.length > 0)
    add(
      ['domain', 'mappings'],
      'with `routing.mode: rules` the domain takes no mappings (API Gateway refuses to create one): drop `mappings`, or use `mode: rules-then-mappings`',
    );
  if (mode !== 'rules' && d.mappings.length === 0)
    add(
      ['domain', 'mappings'],
      'a custom domain needs `mappings: [{ basePath, stage }]` (or `routing.mode: rules` with rules)',
    );
  if (mode === 'mappings' && rules.length > 0)
    add(
      ['domain', 'routing', 'rules'],
      'rules are not used with `mode: mappings` (API Gateway refuses to create them): set `mode: rules` or `rules-then-mappings`',
    );
  if (mode === 'rules' && rules.length === 0)
    add(
      ['domain', 'routing', 'rules'],
      '`mode: rules` needs at least one rule: `{ priority, header | basePath, stage }`',
    );
  const stageNames = new Set((s.stages ?? []).map((st) => st.name));
  const fallback = defaultStageName(http ? 'http' : 'rest');
  rules.forEach((r, i) => {
    const first = rules.findIndex((o) => o.priority === r.priority);
    if (first !== i)
      add(
        ['domain', 'routing', 'rules', i, 'priority'],
        `priority ${r.priority} is already used by rules[${first}]; each rule needs its own priority (leave gaps, e.g. 100, 200)`,
      );
    if (!stageNames.has(r.stage) && !(s.stages === undefined && r.stage === fallback))
      add(['domain', 'routing', 'rules', i, 'stage'], `no stage named \`${r.stage}\` in \`stages\``);
  });
  return issues;
}

/** Accepted but on its way out: reported as a warning with the line, never fatal. */
export function checkDomainWarnings(s: StackInput): Issue[] {
  if (s.domain?.ipv6 === undefined) return [];
  return [
    {
      path: ['domain', 'ipv6'],
      message: `\`ipv6\` is deprecated: write \`ipAddressType: ${s.domain.ipv6 ? 'dualstack' : 'ipv4'}\` instead (AAAA records follow it; README "Custom domains")`,
    },
  ];
}
