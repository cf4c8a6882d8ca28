import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import type { ReadState } from '../../src/engine/types';
import { loadBalancerProvider } from '../../src/providers/load-balancer';
import { targetGroupProvider } from '../../src/providers/target-group';
import { mockProviderContext } from '../support/mock-context';

const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
beforeEach(() => {
  tagging.reset();
  elbv2.reset();
});

const LB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/old-nlb/1';
const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/old-tg/2';
const GONE = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/gone-tg/3';

describe('load balancers and target groups the file no longer names', () => {
  // https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html:
  // TagFilters select by key and value, ResourceTypeFilters by service:type, ResourcesPerPage is at
  // most 100, and the last page's PaginationToken is empty.
  it('GetResources asks for the stack tag and the two ELB types, follows PaginationToken until it is empty, once for both kinds', async () => {
    const ctx = mockProviderContext();
    tagging
      .on(GetResourcesCommand)
      .resolvesOnce({ ResourceTagMappingList: [{ ResourceARN: LB }], PaginationToken: 'next' })
      .resolvesOnce({
        ResourceTagMappingList: [{ ResourceARN: TG }, { ResourceARN: GONE }],
        PaginationToken: '',
      });
    elbv2.on(DescribeLoadBalancersCommand, { LoadBalancerArns: [LB] }).resolves({
      LoadBalancers: [
        { LoadBalancerArn: LB, LoadBalancerName: 'old-nlb', Type: 'network', Scheme: 'internal' },
      ],
    });
    elbv2.on(DescribeTargetGroupsCommand, { TargetGroupArns: [TG] }).resolves({
      TargetGroups: [{ TargetGroupArn: TG, TargetGroupName: 'old-tg', Port: 80 }],
    });
    // The tag listing can lag behind a delete: a target group that is gone is not planned.
    elbv2
      .on(DescribeTargetGroupsCommand, { TargetGroupArns: [GONE] })
      .rejects(Object.assign(new Error('gone'), { name: 'TargetGroupNotFoundException' }));
    const state: ReadState = { desired: new Map(), actual: new Map() };
    const lbs = await loadBalancerProvider.read(ctx, [], state);
    const tgs = await targetGroupProvider.read(ctx, [], state);
    expect(tagging.commandCalls(GetResourcesCommand).map((c) => c.args[0].input)).toEqual([
      {
        TagFilters: [{ Key: 'apigw:stack', Values: ['orders'] }],
        ResourceTypeFilters: ['elasticloadbalancing:loadbalancer', 'elasticloadbalancing:targetgroup'],
        ResourcesPerPage: 100,
      },
      {
        TagFilters: [{ Key: 'apigw:stack', Values: ['orders'] }],
        ResourceTypeFilters: ['elasticloadbalancing:loadbalancer', 'elasticloadbalancing:targetgroup'],
        ResourcesPerPage: 100,
        PaginationToken: 'next',
      },
    ]);
    expect(lbs.map((a) => [a.id, a.owned, a.outputs.arn])).toEqual([['load-balancer:old-nlb', true, LB]]);
    expect(tgs.map((a) => [a.id, a.owned, a.outputs.arn])).toEqual([['target-group:old-tg', true, TG]]);
  });
});
