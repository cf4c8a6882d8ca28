import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import type { DomainName } from '@aws-sdk/client-api-gateway';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { readState } from '../../src/engine';
import { executePlan } from '../../src/engine/executor';
import { planChanges } from '../../src/engine/planner';
import type { DesiredNode, Provider } from '../../src/engine/types';
import { apiRefs } from '../../src/model/api-refs';
import { domainNodes } from '../../src/model/domain';
import { DOMAIN_PROVIDERS } from '../../src/providers/domain';
import { mockProviderContext } from '../support/mock-context';
import { kindOf, liveStandIn } from '../support/stand-ins';

export const acm = mockClient(ACMClient);
export const r53 = mockClient(Route53Client);

export const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/wild';

/** An issued wildcard certificate and the public zone example.com (named in the summary: no Describe). */
export function certificateAndZone(): void {
  acm.on(ListCertificatesCommand).resolves({
    CertificateSummaryList: [
      {
        CertificateArn: CERT,
        DomainName: '*.example.com',
        SubjectAlternativeNameSummaries: ['*.example.com'],
        HasAdditionalSubjectAlternativeNames: false,
        Status: 'ISSUED',
      },
    ],
  });
  r53.on(ListHostedZonesByNameCommand).resolves({ HostedZones: [], IsTruncated: false });
  r53.on(ListHostedZonesByNameCommand, { DNSName: 'example.com' }).resolves({
    HostedZones: [{ Id: '/hostedzone/ZEXAMPLE', Name: 'example.com.', CallerReference: 'x' }],
    IsTruncated: false,
  });
}

/** The zone has no record of the domain yet, and takes a change at once (INSYNC). */
export function emptyZone(): void {
  r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [], IsTruncated: false });
  r53
    .on(ChangeResourceRecordSetsCommand)
    .resolves({ ChangeInfo: { Id: '/change/C1', Status: 'INSYNC', SubmittedAt: new Date() } });
  r53.on(GetChangeCommand).resolves({ ChangeInfo: { Id: 'C1', Status: 'INSYNC', SubmittedAt: new Date() } });
}

/** What API Gateway throws for a domain (or mapping) that does not exist. */
export const notFound = () => Object.assign(new Error('not found'), { name: 'NotFoundException' });

/** The live regional REST domain api.example.com of stack `orders` (API Gateway v1 GetDomainName). */
export const REGIONAL_DOMAIN: DomainName = {
  domainName: 'api.example.com',
  regionalCertificateArn: CERT,
  regionalDomainName: 'd-reg.execute-api.us-east-1.amazonaws.com',
  regionalHostedZoneId: 'Z1UJRXOUMOOFQ8',
  endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'ipv4' },
  securityPolicy: 'TLS_1_2',
  domainNameStatus: 'AVAILABLE',
  tags: { 'apigw:stack': 'orders' },
};

/** The zone already holds the A alias of api.example.com to REGIONAL_DOMAIN's target. */
export function regionalAliasLive(): void {
  r53.on(ListResourceRecordSetsCommand).resolves({
    ResourceRecordSets: [
      {
        Name: 'api.example.com.',
        Type: 'A',
        AliasTarget: {
          DNSName: 'd-reg.execute-api.us-east-1.amazonaws.com.',
          HostedZoneId: 'Z1UJRXOUMOOFQ8',
          EvaluateTargetHealth: false,
        },
      },
    ],
    IsTruncated: false,
  });
}

/** The domain nodes of a stack file plus live stand-ins for its API (id `apiId`) and stages. */
export function domainWorld(yaml: string, apiId = 'api1') {
  const ctx = mockProviderContext({ yaml });
  const stack = ctx.stack;
  const refs = stack.stages.map((s) => apiRefs(stack, s.name));
  const standIns: DesiredNode[] = [...new Set([refs[0]!.apiNode, ...refs.map((r) => r.stageNode)])].map(
    (id) => ({ id, kind: kindOf(id), key: id.slice(kindOf(id).length + 1), props: {}, deps: [] }),
  );
  const desired = [...standIns, ...domainNodes(stack)];
  const providers: Record<string, Provider> = Object.fromEntries([
    ...Object.values(DOMAIN_PROVIDERS).map((p) => [p.kind, p] as const),
    [kindOf(refs[0]!.apiNode), liveStandIn(kindOf(refs[0]!.apiNode), { id: apiId })],
    [kindOf(refs[0]!.stageNode), liveStandIn(kindOf(refs[0]!.stageNode), {})],
  ]);
  return {
    ctx,
    desired,
    providers,
    plan: async (mode: 'apply' | 'destroy' = 'apply') => {
      const state = await readState(ctx, desired, providers, mode);
      return { state, changes: planChanges(desired, state.actual, providers, mode) };
    },
    apply: async (mode: 'apply' | 'destroy' = 'apply') => {
      const state = await readState(ctx, desired, providers, mode);
      const changes = planChanges(desired, state.actual, providers, mode);
      return executePlan(ctx, changes, desired, state.actual, providers, { concurrency: 4 });
    },
  };
}

/** `action kind key` for every change that does something. */
export const actions = (changes: { action: string; kind: string; key: string }[]) =>
  changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.kind} ${c.key}`);
