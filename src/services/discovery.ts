import type { Clients } from '../aws/clients';

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

/** Collects every item of a paginated listing. */
async function all<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/** Discovery over the run's clients (one region, the run's endpoint and credentials). */
export function accountDiscovery(clients: Clients): Discovery {
  return { ...ec2Discovery(clients), ...elbDiscovery(clients), ...domainDiscovery(clients) };
}

function ec2Discovery(
  clients: Clients,
): Pick<Discovery, 'vpcs' | 'subnets' | 'securityGroups' | 'instances'> {
  const ec2 = () => import('@aws-sdk/client-ec2');
  const client = { client: clients.ec2 };
  const inVpc = (vpcId: string) => [{ Name: 'vpc-id', Values: [vpcId] }];
  return {
    async vpcs() {
      const { paginateDescribeVpcs } = await ec2();
      const vpcs = await all(paginateDescribeVpcs(client, {}), (p) => p.Vpcs);
      return vpcs.map((v) => ({
        id: v.VpcId ?? '',
        isDefault: Boolean(v.IsDefault),
        ...opt('name', nameTag(v)),
        ...opt('cidr', v.CidrBlock),
      }));
    },
    async subnets(vpcId) {
      const { paginateDescribeSubnets } = await ec2();
      const subnets = await all(paginateDescribeSubnets(client, { Filters: inVpc(vpcId) }), (p) => p.Subnets);
      return subnets.map((s) => ({
        id: s.SubnetId ?? '',
        defaultForZone: Boolean(s.DefaultForAz),
        ...opt('zone', s.AvailabilityZone),
        ...opt('cidr', s.CidrBlock),
        ...opt('name', nameTag(s)),
      }));
    },
    async securityGroups(vpcId) {
      const { paginateDescribeSecurityGroups } = await ec2();
      const pages = paginateDescribeSecurityGroups(client, { Filters: inVpc(vpcId) });
      const groups = await all(pages, (p) => p.SecurityGroups);
      return groups.map((g) => ({
        id: g.GroupId ?? '',
        ...opt('name', g.GroupName),
        ...opt('description', g.Description),
      }));
    },
    async instances(vpcId) {
      const { paginateDescribeInstances } = await ec2();
      const Filters = [
        ...inVpc(vpcId),
        { Name: 'instance-state-name', Values: ['pending', 'running', 'stopped'] },
      ];
      const reservations = await all(paginateDescribeInstances(client, { Filters }), (p) => p.Reservations);
      return reservations
        .flatMap((r) => r.Instances ?? [])
        .map((i) => ({
          id: i.InstanceId ?? '',
          ...opt('name', nameTag(i)),
          ...opt('privateIp', i.PrivateIpAddress),
          ...opt('state', i.State?.Name),
        }));
    },
  };
}

function elbDiscovery(clients: Clients): Pick<Discovery, 'loadBalancers' | 'listeners'> {
  const elb = () => import('@aws-sdk/client-elastic-load-balancing-v2');
  const client = { client: clients.elbv2 };
  return {
    async loadBalancers() {
      const { paginateDescribeLoadBalancers } = await elb();
      const lbs = await all(paginateDescribeLoadBalancers(client, {}), (p) => p.LoadBalancers);
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
    },
    async listeners(lbArn) {
      const { paginateDescribeListeners } = await elb();
      const pages = paginateDescribeListeners(client, { LoadBalancerArn: lbArn });
      const listeners = await all(pages, (p) => p.Listeners);
      return listeners.map((l) => ({ port: l.Port ?? 0, ...opt('protocol', l.Protocol) }));
    },
  };
}

function domainDiscovery(clients: Clients): Pick<Discovery, 'hostedZones' | 'certificates'> {
  return {
    async hostedZones() {
      const { paginateListHostedZones } = await import('@aws-sdk/client-route-53');
      const zones = await all(paginateListHostedZones({ client: clients.route53 }, {}), (p) => p.HostedZones);
      return zones
        .filter((z) => !z.Config?.PrivateZone)
        .map((z) => ({
          id: (z.Id ?? '').replace('/hostedzone/', ''),
          name: (z.Name ?? '').replace(/\.$/, ''),
        }));
    },
    async certificates() {
      const { paginateListCertificates } = await import('@aws-sdk/client-acm');
      // ACM lists RSA keys only unless asked; these are the types it issues and API Gateway serves.
      const input = {
        CertificateStatuses: ['ISSUED' as const],
        Includes: { keyTypes: ['RSA_2048' as const, 'EC_prime256v1' as const, 'EC_secp384r1' as const] },
      };
      const pages = paginateListCertificates({ client: clients.acm }, input);
      const certs = await all(pages, (p) => p.CertificateSummaryList);
      return certs.map((c) => ({
        arn: c.CertificateArn ?? '',
        domain: c.DomainName ?? '',
        names: [
          ...new Set([c.DomainName ?? '', ...(c.SubjectAlternativeNameSummaries ?? [])].filter(Boolean)),
        ],
      }));
    },
  };
}
