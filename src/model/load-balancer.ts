import { ref, type DesiredNode, type Ref } from '../engine/types';
import type { LoadBalancer, Stack } from '../config/stack';
import { node, nodeId } from './node';
import type {
  ExistingLoadBalancerProps,
  ListenerProps,
  NetworkProps,
  OwnLoadBalancerProps,
  TargetGroupProps,
  TargetsProps,
} from './props/lb';

/** The network lookup every load balancer and VPC link v2 takes its ids from. */
export function networkNode(stack: Stack): DesiredNode | undefined {
  if (!stack.network) return undefined;
  const n = stack.network;
  return node<NetworkProps>(
    'network',
    n.vpc,
    { vpc: n.vpc, subnets: n.subnets ?? null, securityGroups: n.securityGroups ?? null },
    { readOnly: true },
  );
}

export const NETWORK_ID = (stack: Stack) => nodeId('network', stack.network?.vpc ?? 'default');

/** References to the load balancer's live values, for the API's integrations and VPC links. */
export interface BackendRefs {
  lbArn: Ref;
  dnsName: Ref;
  /** Where a public integration sends requests: `listener.hostname` when set, else the DNS name. */
  host: Ref | string;
  listenerArn: Ref;
  port: number;
  protocol: string;
  lb: LoadBalancer;
}

export function backendRefs(stack: Stack): BackendRefs | undefined {
  const lb = stack.loadBalancer;
  if (!lb) return undefined;
  const lbId = nodeId('load-balancer', lb.existing ?? lb.name);
  const listener = lb.existing
    ? ref(lbId, 'listenerArn')
    : ref(nodeId('listener', `${lb.name}:${lb.listener.port}`), 'arn');
  return {
    lbArn: ref(lbId, 'arn'),
    dnsName: ref(lbId, 'dnsName'),
    host: lb.listener.hostname ?? ref(lbId, 'dnsName'),
    listenerArn: listener,
    port: lb.listener.port,
    protocol: lb.listener.protocol,
    lb,
  };
}

type HealthCheckProps = Omit<TargetGroupProps, 'port' | 'protocol' | 'targetType' | 'vpcId'>;

function healthCheckProps(lb: LoadBalancer): HealthCheckProps {
  const hc = lb.targetGroup.healthCheck;
  if (!hc) return {};
  const tcpGroup = !['HTTP', 'HTTPS'].includes(lb.targetGroup.protocol);
  const out: HealthCheckProps = {};
  const protocol = hc.protocol ?? (hc.path && tcpGroup ? 'HTTP' : undefined);
  if (protocol) out.healthCheckProtocol = protocol;
  if (hc.path) out.healthCheckPath = hc.path;
  if (hc.port !== undefined) out.healthCheckPort = String(hc.port);
  if (hc.intervalSeconds !== undefined) out.healthCheckIntervalSeconds = hc.intervalSeconds;
  if (hc.healthyThreshold !== undefined) out.healthyThreshold = hc.healthyThreshold;
  if (hc.unhealthyThreshold !== undefined) out.unhealthyThreshold = hc.unhealthyThreshold;
  return out;
}

/** Step 1 of the flow: load balancer, target group, listener and targets (or an adopted load balancer). */
export function loadBalancerNodes(stack: Stack): DesiredNode[] {
  const lb = stack.loadBalancer;
  if (!lb) return [];
  if (lb.existing) {
    return [
      node<ExistingLoadBalancerProps>(
        'load-balancer',
        lb.existing,
        { existing: lb.existing, listenerPort: lb.listener.port },
        { readOnly: true },
      ),
    ];
  }
  const net = NETWORK_ID(stack);
  const lbNode = node<OwnLoadBalancerProps>('load-balancer', lb.name, {
    type: lb.type,
    scheme: lb.scheme,
    subnets: ref(net, 'subnetIds'),
    securityGroups: lb.type === 'application' ? ref(net, 'securityGroupIds') : null,
  });
  const tg = lb.targetGroup;
  const tgNode = node<TargetGroupProps>('target-group', tg.name, {
    port: tg.port,
    protocol: tg.protocol,
    targetType: tg.targetType,
    vpcId: ref(net, 'vpcId'),
    ...healthCheckProps(lb),
  });
  const listener = node<ListenerProps>('listener', `${lb.name}:${lb.listener.port}`, {
    loadBalancerArn: ref(lbNode.id, 'arn'),
    port: lb.listener.port,
    protocol: lb.listener.protocol,
    certificate: lb.listener.certificate ?? null,
    targetGroupArn: ref(tgNode.id, 'arn'),
  });
  // Without `targets` the membership is someone else's (ECS, the EKS load balancer controller): no
  // node, so apigw never reads, registers or deregisters targets of this group.
  if (!tg.targets) return [lbNode, tgNode, listener];
  const targets = node<TargetsProps>('targets', tg.name, {
    targetGroupArn: ref(tgNode.id, 'arn'),
    targets: tg.targets,
  });
  return [lbNode, tgNode, listener, targets];
}
