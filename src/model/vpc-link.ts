import type { Stack } from '../config/stack';
import { ref, type DesiredNode } from '../engine/types';
import { NETWORK_ID } from './load-balancer';
import { node, nodeId } from './node';
import type { VpcLinkV2Props } from './props/lb';

/** The VPC link v2 name: one per stack, shared by an HTTP API and a REST API's private-ALB path. */
export const vpcLinkV2Name = (stack: Stack) => `${stack.stack}-link`;
export const VPC_LINK_V2_ID = (stack: Stack) => nodeId('vpc-link-v2', vpcLinkV2Name(stack));

/**
 * VPC link v2: API Gateway-managed ENIs in the stack's subnets. Subnets and security groups are
 * immutable on AWS, so a change there is a replacement (provider `replaceOn`).
 */
export function vpcLinkV2Node(stack: Stack): DesiredNode {
  const net = NETWORK_ID(stack);
  return node<VpcLinkV2Props>('vpc-link-v2', vpcLinkV2Name(stack), {
    subnets: ref(net, 'subnetIds'),
    securityGroups: ref(net, 'securityGroupIds'),
    status: 'AVAILABLE',
  });
}
