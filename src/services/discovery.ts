import { sdk, type Clients } from '../aws/clients';
import { collect, paged } from '../aws/paginate';

/**
 * What the account already has, listed so that the wizard offers choices instead of asking people to
 * type resource ids. Every listing walks all pages: an account with 300 instances must not show 50.
 */
export interface Vpc {
  id: string;
  name?: string;
  cidr?: string;
  isDefault: boolean;
}
export interface Subnet {
  id: string;
  zone?: string;
  cidr?: string;
  name?: string;
  defaultForZone: boolean;
}
export interface SecurityGroup {
  id: string;
  name?: string;
  description?: string;
}
export interface Instance {
  id: string;
  name?: string;
  privateIp?: string;
  state?: string;
}
export interface LoadBalancerInfo {
  arn: string;
  name: string;
  type: 'network' | 'application';
  scheme: 'internal' | 'internet-facing';
  dnsName?: string;
  vpcId?: string;
}
export interface ListenerInfo {
  port: number;
  protocol?: string;
}
export interface HostedZone {
  id: string;
  name: string;
}
export interface Certificate {
  arn: string;
  domain: string;
  names: string[];
}

export interface Discovery {
  vpcs(): Promise<Vpc[]>;
  subnets(vpcId: string): Promise<Subnet[]>;
  securityGroups(vpcId: string): Promise<SecurityGroup[]>;
  /** Running or stopped instances of the VPC (terminated ones cannot be targets). */
  instances(vpcId: string): Promise<Instance[]>;
  /** Application and network load balancers (gateway load balancers cannot sit behind an API). */
  loadBalancers(): Promise<LoadBalancerInfo[]>;
  listeners(lbArn: string): Promise<ListenerInfo[]>;
  /** Public zones only: a record in a private zone does not make a domain resolve on the internet. */
  hostedZones(): Promise<HostedZone[]>;
  /** ISSUED certificates of the region (the only ones API Gateway accepts). */
  certificates(): Promise<Certificate[]>;
}

type Tagged = { Tags?: { Key?: string; Value?: string }[] };
const nameTag = (r: Tagged) => r.Tags?.find((t) => t.Key === 'Name')?.Value;
const opt = <K extends string, V>(key: K, v: V | undefined) =>
  (v === undefined ? {} : { [key]: v }) as Partial<Record<K, V>>;

/** Discovery over the run's clients (one region, the run's endpoint and credentials). */
export function accountDiscovery(clients: Clients): Discovery {
  return {
    vpcs: () => listVpcs(clients),
    subnets: (vpcId) => listSubnets(clients, vpcId),
    securityGroups: (vpcId) => listGroups(clients, vpcId),
    instances: (vpcId) => listInstances(clients, vpcId),
    loadBalancers: () => listLoadBalancers(clients),
    listeners: (arn) => listListeners(clients, arn),
    hostedZones: () => listZones(clients),
    certificates: () => listCertificates(clients),
  };
}

const inVpc = (vpcId: string) => [{ Name: 'vpc-id', Values: [vpcId] }];

async function listVpcs(clients: Clients): Promise<Vpc[]> {
  const { paginateDescribeVpcs } = sdk.ec2;
  const vpcs = await collect(paginateDescribeVpcs(paged(clients.ec2), {}), (p) => p.Vpcs);
  return vpcs.map((v) => ({
    id: v.VpcId ?? '',
    isDefault: Boolean(v.IsDefault),
    ...opt('name', nameTag(v)),
    ...opt('cidr', v.CidrBlock),
  }));
}

async function listSubnets(clients: Clients, vpcId: string): Promise<Subnet[]> {
  const { paginateDescribeSubnets } = sdk.ec2;
  const pages = paginateDescribeSubnets(paged(clients.ec2), { Filters: inVpc(vpcId) });
  return (await collect(pages, (p) => p.Subnets)).map((s) => ({
    id: s.SubnetId ?? '',
    defaultForZone: Boolean(s.DefaultForAz),
    ...opt('zone', s.AvailabilityZone),
    ...opt('cidr', s.CidrBlock),
    ...opt('name', nameTag(s)),
  }));
}

async function listGroups(clients: Clients, vpcId: string): Promise<SecurityGroup[]> {
  const { paginateDescribeSecurityGroups } = sdk.ec2;
  const pages = paginateDescribeSecurityGroups(paged(clients.ec2), { Filters: inVpc(vpcId) });
  return (await collect(pages, (p) => p.SecurityGroups)).map((g) => ({
    id: g.GroupId ?? '',
    ...opt('name', g.GroupName),
    ...opt('description', g.Description),
  }));
}

async function listInstances(clients: Clients, vpcId: string): Promise<Instance[]> {
  const { paginateDescribeInstances } = sdk.ec2;
  const states = { Name: 'instance-state-name', Values: ['pending', 'running', 'stopped'] };
  const pages = paginateDescribeInstances(paged(clients.ec2), { Filters: [...inVpc(vpcId), states] });
  return (await collect(pages, (p) => p.Reservations))
    .flatMap((r) => r.Instances ?? [])
    .map((i) => ({
      id: i.InstanceId ?? '',
      ...opt('name', nameTag(i)),
      ...opt('privateIp', i.PrivateIpAddress),
      ...opt('state', i.State?.Name),
    }));
}

async function listLoadBalancers(clients: Clients): Promise<LoadBalancerInfo[]> {
  const { paginateDescribeLoadBalancers } = sdk.elbv2;
  const lbs = await collect(paginateDescribeLoadBalancers(paged(clients.elbv2), {}), (p) => p.LoadBalancers);
  return lbs
    .filter((l) => l.Type === 'network' || l.Type === 'application')
    .map((l) => ({
      arn: l.LoadBalancerArn ?? '',
      name: l.LoadBalancerName ?? '',
      type: l.Type as LoadBalancerInfo['type'],
      scheme: l.Scheme === 'internet-facing' ? 'internet-facing' : 'internal',
      ...opt('dnsName', l.DNSName),
      ...opt('vpcId', l.VpcId),
    }));
}

async function listListeners(clients: Clients, lbArn: string): Promise<ListenerInfo[]> {
  const { paginateDescribeListeners } = sdk.elbv2;
  const pages = paginateDescribeListeners(paged(clients.elbv2), { LoadBalancerArn: lbArn });
  return (await collect(pages, (p) => p.Listeners)).map((l) => ({
    port: l.Port ?? 0,
    ...opt('protocol', l.Protocol),
  }));
}

async function listZones(clients: Clients): Promise<HostedZone[]> {
  const { paginateListHostedZones } = sdk.route53;
  const zones = await collect(paginateListHostedZones(paged(clients.route53), {}), (p) => p.HostedZones);
  return zones
    .filter((z) => !z.Config?.PrivateZone)
    .map((z) => ({ id: (z.Id ?? '').replace('/hostedzone/', ''), name: (z.Name ?? '').replace(/\.$/, '') }));
}

async function listCertificates(clients: Clients): Promise<Certificate[]> {
  const { paginateListCertificates } = sdk.acm;
  // ACM lists RSA keys only unless asked; these are the types it issues and API Gateway serves.
  const keyTypes = ['RSA_2048' as const, 'EC_prime256v1' as const, 'EC_secp384r1' as const];
  const input = { CertificateStatuses: ['ISSUED' as const], Includes: { keyTypes } };
  const certs = await collect(
    paginateListCertificates(paged(clients.acm), input),
    (p) => p.CertificateSummaryList,
  );
  return certs.map((c) => ({
    arn: c.CertificateArn ?? '',
    domain: c.DomainName ?? '',
    names: [...new Set([c.DomainName ?? '', ...(c.SubjectAlternativeNameSummaries ?? [])].filter(Boolean))],
  }));
}
