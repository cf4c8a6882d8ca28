import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateVpcLinkCommand,
  GetApiKeysCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateApiKeyCommand,
  UpdateBasePathMappingCommand,
  type RestApi,
} from '@aws-sdk/client-api-gateway';
import {
  CreateApiCommand,
  CreateVpcLinkCommand as CreateVpcLinkV2Command,
  GetApisCommand,
  UpdateApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSubnetsCommand,
} from '@aws-sdk/client-ec2';
import {
  CreateTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ModifyListenerCommand,
  ModifyTargetGroupCommand,
  SetSecurityGroupsCommand,
  SetSubnetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  AssociateWebACLCommand,
  CreateWebACLCommand,
  DisassociateWebACLCommand,
} from '@aws-sdk/client-wafv2';
import { STACK_TAG, type Stack } from '../../src/config/stack';
import type { TestRun } from '../support/moto';

/**
 * Out-of-band changes for the policy test, made with a second client (`aside`) whose calls are not
 * recorded: leftovers an earlier file tagged (apply must delete them), and drift the next apply must
 * repair, so the flows send the update calls a fresh apply never makes.
 */

/** A web ACL in moto (the WAF fixture and the drift both need one). */
export async function webAcl(aside: TestRun, name: string): Promise<string> {
  const res = await aside.clients.wafv2.send(
    new CreateWebACLCommand({
      Name: name,
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: { SampledRequestsEnabled: false, CloudWatchMetricsEnabled: false, MetricName: name },
    }),
  );
  return res.Summary!.ARN!;
}

/** An untagged REST API with a `prod` stage, for the leftover usage plan to meter. */
async function otherApi(aside: TestRun): Promise<string> {
  const agw = aside.clients.apigw;
  const api = await agw.send(new CreateRestApiCommand({ name: 'not-apigw' }));
  const restApiId = api.id!;
  const root = (await agw.send(new GetResourcesCommand({ restApiId }))).items![0]!;
  const method = { restApiId, resourceId: root.id!, httpMethod: 'GET' };
  await agw.send(new PutMethodCommand({ ...method, authorizationType: 'NONE' }));
  await agw.send(new PutIntegrationCommand({ ...method, type: 'MOCK' }));
  await agw.send(new CreateDeploymentCommand({ restApiId, stageName: 'prod' }));
  return restApiId;
}

/** Tagged resources a previous version of the file left behind: apply must find and delete them. */
export async function leftovers(aside: TestRun, stack: Stack): Promise<void> {
  const tags = { [STACK_TAG]: stack.stack };
  const subnets = (await aside.clients.ec2.send(new DescribeSubnetsCommand({}))).Subnets ?? [];
  const SubnetIds = subnets.slice(0, 2).map((s) => s.SubnetId!);
  await aside.clients.apigwv2.send(
    new CreateVpcLinkV2Command({ Name: 'dropped-link-v2', SubnetIds, Tags: tags }),
  );
  // Whatever the file's API type, every plan lists both (a switch of `api.type` leaves the other).
  await aside.clients.apigwv2.send(
    new CreateApiCommand({ Name: 'dropped-http-api', ProtocolType: 'HTTP', Tags: tags }),
  );
  const agw = aside.clients.apigw;
  await agw.send(new CreateRestApiCommand({ name: 'dropped-rest-api', tags }));
  await agw.send(new CreateApiKeyCommand({ name: 'dropped-key', enabled: true, tags }));
  const apiStages = [{ apiId: await otherApi(aside), stage: 'prod' }];
  await agw.send(new CreateUsagePlanCommand({ name: 'dropped-plan', apiStages, tags }));
  const targetArns = ['arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/gone/0'];
  await agw.send(new CreateVpcLinkCommand({ name: 'dropped-link', targetArns, tags }));
}

const stackApi = async (aside: TestRun, stack: Stack): Promise<RestApi> =>
  ((await aside.clients.apigw.send(new GetRestApisCommand({}))).items ?? []).find(
    (a) => a.tags?.[STACK_TAG] === stack.stack,
  )!;

async function driftRest(aside: TestRun, stack: Stack): Promise<void> {
  const agw = aside.clients.apigw;
  for (const k of (await agw.send(new GetApiKeysCommand({}))).items ?? [])
    await agw.send(
      new UpdateApiKeyCommand({
        apiKey: k.id!,
        patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }],
      }),
    );
  const restApiId = (await stackApi(aside, stack)).id!;
  const root = ((await agw.send(new GetResourcesCommand({ restApiId }))).items ?? []).find(
    (r) => r.path === '/',
  )!;
  await agw.send(new CreateResourceCommand({ restApiId, parentId: root.id!, pathPart: 'by-hand' }));
}

/** The WAF and the custom domain: another web ACL on the stage, the mapping moved to another stage. */
async function driftEdges(aside: TestRun, stack: Stack): Promise<void> {
  const restApiId = (await stackApi(aside, stack)).id!;
  const stage = stack.stages.find((s) => s.waf);
  if (stage) {
    const ResourceArn = `arn:aws:apigateway:us-east-1::/restapis/${restApiId}/stages/${stage.name}`;
    await aside.clients.wafv2.send(new DisassociateWebACLCommand({ ResourceArn }));
    const WebACLArn = await webAcl(aside, 'by-hand');
    await aside.clients.wafv2.send(new AssociateWebACLCommand({ WebACLArn, ResourceArn }));
  }
  const mapping = stack.domain?.mappings[0];
  if (mapping) {
    const stages = (await aside.clients.apigw.send(new GetStagesCommand({ restApiId }))).item ?? [];
    const other = stages.find((s) => s.stageName !== mapping.stage)!;
    await aside.clients.apigw.send(
      new UpdateBasePathMappingCommand({
        domainName: stack.domain!.name,
        basePath: mapping.basePath || '(none)',
        patchOperations: [{ op: 'replace', path: '/stage', value: other.stageName! }],
      }),
    );
  }
}

async function driftLoadBalancer(aside: TestRun, stack: Stack): Promise<void> {
  const lb = stack.loadBalancer!;
  const elb = aside.clients.elbv2;
  const live = (await elb.send(new DescribeLoadBalancersCommand({ Names: [lb.name] }))).LoadBalancers![0]!;
  const LoadBalancerArn = live.LoadBalancerArn!;
  const tgs = await elb.send(new DescribeTargetGroupsCommand({ Names: [lb.targetGroup.name] }));
  const tg = tgs.TargetGroups![0]!;
  await elb.send(
    new ModifyTargetGroupCommand({ TargetGroupArn: tg.TargetGroupArn!, HealthCheckPath: '/by-hand' }),
  );
  const other = await elb.send(
    new CreateTargetGroupCommand({ Name: 'by-hand', Port: 80, Protocol: tg.Protocol!, VpcId: live.VpcId! }),
  );
  const listener = (await elb.send(new DescribeListenersCommand({ LoadBalancerArn }))).Listeners![0]!;
  const TargetGroupArn = other.TargetGroups![0]!.TargetGroupArn!;
  await elb.send(
    new ModifyListenerCommand({
      ListenerArn: listener.ListenerArn!,
      DefaultActions: [{ Type: 'forward', TargetGroupArn }],
    }),
  );
  const subnets = (live.AvailabilityZones ?? []).map((z) => z.SubnetId!);
  await elb.send(new SetSubnetsCommand({ LoadBalancerArn, Subnets: subnets.slice(0, 2) }));
  if (lb.type !== 'application') return;
  const ec2 = aside.clients.ec2;
  const sg = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'by-hand', Description: 'by hand', VpcId: live.VpcId! }),
  );
  const rule = { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '10.0.0.0/8' };
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: sg.GroupId!, ...rule }));
  await elb.send(new SetSecurityGroupsCommand({ LoadBalancerArn, SecurityGroups: [sg.GroupId!] }));
}

/** Out-of-band changes the next apply must repair: the update calls a fresh apply never makes. */
export async function drift(aside: TestRun, stack: Stack): Promise<void> {
  if (stack.loadBalancer && !stack.loadBalancer.existing) await driftLoadBalancer(aside, stack);
  if (stack.api?.type === 'rest') {
    await driftRest(aside, stack);
    await driftEdges(aside, stack);
  }
  if (stack.api?.type === 'http') {
    const v2 = aside.clients.apigwv2;
    const api = ((await v2.send(new GetApisCommand({}))).Items ?? [])[0]!;
    await v2.send(new UpdateApiCommand({ ApiId: api.ApiId!, Description: 'changed by hand' }));
  }
}
