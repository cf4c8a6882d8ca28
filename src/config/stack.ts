import { elbName } from './names';
import type {
  ApiInput,
  DocsInput,
  DomainInput,
  PortalInput,
  RouteInput,
  StackInput,
  StageInput,
  UsagePlanInput,
} from './schema';

/**
 * A stack with every derived default filled in: what the model builder consumes. Derived defaults
 * (names from the stack, protocols from the load balancer type, the VPC link version) live here
 * and nowhere else.
 */
export interface Stack {
  stack: string;
  region?: string;
  network?: { vpc: string; subnets?: string[]; securityGroups?: string[] };
  loadBalancer?: LoadBalancer;
  api?: Api;
  stages: StageInput[];
  usagePlans: UsagePlanInput[];
  domain?: DomainInput;
  portal?: PortalInput;
  docs?: DocsInput;
}

export interface LoadBalancer {
  type: 'network' | 'application';
  scheme: 'internal' | 'internet-facing';
  name: string;
  existing?: string;
  listener: { port: number; protocol: string; certificate?: string; hostname?: string };
  targetGroup: {
    name: string;
    port: number;
    protocol: string;
    targetType: 'instance' | 'ip';
    healthCheck?: NonNullable<StackInput['loadBalancer']>['targetGroup']['healthCheck'];
    /** Absent: apigw leaves membership to whoever registers targets (ECS, the EKS controller). */
    targets?: string[];
  };
}

export type VpcLinkMode = 'v1' | 'v2' | 'none';

export interface Api extends Omit<ApiInput, 'name' | 'backend' | 'routes'> {
  name: string;
  backend: { vpcLink: VpcLinkMode; url?: string };
  routes: RouteInput[];
}

export const STACK_TAG = 'apigw:stack';

/** The stage a stack file without `stages:` gets: `$default` (HTTP, served at the URL's root) or `prod`. */
export const defaultStageName = (type: 'rest' | 'http'): string => (type === 'http' ? '$default' : 'prod');

export function normalize(input: StackInput): Stack {
  const lbIn = input.loadBalancer;
  let loadBalancer: LoadBalancer | undefined;
  if (lbIn) {
    const nlb = lbIn.type === 'network';
    const protocol = lbIn.listener.protocol ?? (nlb ? 'TCP' : 'HTTP');
    loadBalancer = {
      type: lbIn.type,
      scheme: lbIn.scheme,
      name: lbIn.name ?? elbName(input.stack, nlb ? 'nlb' : 'alb'),
      ...(lbIn.existing ? { existing: lbIn.existing } : {}),
      listener: {
        port: lbIn.listener.port,
        protocol,
        ...(lbIn.listener.certificate ? { certificate: lbIn.listener.certificate } : {}),
        ...(lbIn.listener.hostname ? { hostname: lbIn.listener.hostname } : {}),
      },
      targetGroup: {
        name: lbIn.targetGroup.name ?? elbName(input.stack, 'tg'),
        port: lbIn.targetGroup.port,
        protocol: lbIn.targetGroup.protocol ?? (nlb ? 'TCP' : 'HTTP'),
        targetType: lbIn.targetGroup.targetType,
        ...(lbIn.targetGroup.healthCheck ? { healthCheck: lbIn.targetGroup.healthCheck } : {}),
        ...(lbIn.targetGroup.targets ? { targets: [...new Set(lbIn.targetGroup.targets)] } : {}),
      },
    };
  }
  let api: Api | undefined;
  if (input.api) {
    const a = input.api;
    api = {
      ...a,
      name: a.name ?? `${input.stack}-api`,
      backend: { vpcLink: resolveVpcLink(a, loadBalancer), ...(a.backend.url ? { url: a.backend.url } : {}) },
    };
  }
  const stages = input.stages ?? (api ? [{ name: defaultStageName(api.type) }] : []);
  return {
    stack: input.stack,
    ...(input.region ? { region: input.region } : {}),
    ...(input.network ? { network: input.network } : {}),
    ...(loadBalancer ? { loadBalancer } : {}),
    ...(api ? { api } : {}),
    stages,
    usagePlans: input.usagePlans,
    ...(input.domain ? { domain: input.domain } : {}),
    ...(input.portal ? { portal: input.portal } : {}),
    ...(input.docs ? { docs: input.docs } : {}),
  };
}

/** auto: a public backend needs no link; an internal NLB behind REST takes v1; everything else v2. */
function resolveVpcLink(api: ApiInput, lb: LoadBalancer | undefined): VpcLinkMode {
  const mode = api.backend.vpcLink;
  if (mode !== 'auto') return mode;
  if (api.backend.url || !lb || lb.scheme === 'internet-facing') return 'none';
  return api.type === 'rest' && lb.type === 'network' ? 'v1' : 'v2';
}
