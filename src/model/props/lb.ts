/**
 * The props of the load balancer flow's kinds, in their resolved form: what each provider's create
 * and update receive, and what the model builder (model/load-balancer.ts, model/vpc-link.ts) writes,
 * field by field, as `DesiredProps<P>` (a field may still be a `Ref` there). One type per kind,
 * bound to its provider as `Provider<P>`. They live in the model layer because the model sits below
 * the providers (docs/architecture.md); the provider module is the only other user.
 *
 * Type aliases, not interfaces: a node's props are also seen as a plain record by the engine.
 */

/** `network` (providers/network.ts): a lookup, never changed. */
export type NetworkProps = {
  vpc: string;
  subnets: string[] | null;
  securityGroups: string[] | null;
};

/** `load-balancer` (providers/load-balancer.ts): one apigw creates. */
export type OwnLoadBalancerProps = {
  type: 'network' | 'application';
  scheme: string;
  subnets: string[];
  securityGroups: string[] | null;
};

/** `load-balancer`, read-only: one adopted with `loadBalancer.existing`. */
export type ExistingLoadBalancerProps = {
  existing: string;
  listenerPort: number;
};

export type LoadBalancerProps = OwnLoadBalancerProps | ExistingLoadBalancerProps;

/** `target-group` (providers/target-group.ts). */
export type TargetGroupProps = {
  port: number;
  protocol: string;
  targetType: string;
  vpcId: string;
  healthCheckProtocol?: string;
  healthCheckPath?: string;
  healthCheckPort?: string;
  healthCheckIntervalSeconds?: number;
  healthyThreshold?: number;
  unhealthyThreshold?: number;
};

/** `listener` (providers/listener.ts). */
export type ListenerProps = {
  loadBalancerArn: string;
  port: number;
  protocol: string;
  certificate: string | null;
  targetGroupArn: string;
};

/** `targets` (providers/targets.ts): the set of registered target ids. */
export type TargetsProps = {
  targetGroupArn: string;
  targets: string[];
};

/** `vpc-link-v2` (providers/vpc-link-v2.ts). */
export type VpcLinkV2Props = {
  subnets: string[];
  securityGroups: string[];
  status: string;
};
