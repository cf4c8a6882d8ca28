import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { DescribeInstancesCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ListHostedZonesCommand, Route53Client } from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { accountDiscovery } from '../../src/services/discovery';
import { mockProviderContext } from '../support/mock-context';

const ec2 = mockClient(EC2Client);
const elb = mockClient(ElasticLoadBalancingV2Client);
const r53 = mockClient(Route53Client);
const acm = mockClient(ACMClient);

beforeEach(() => [ec2, elb, r53, acm].forEach((m) => m.reset()));

describe('discovery lists every page of the account (mocked: the emulator never paginates)', () => {
  it('VPCs and instances across pages, with names from tags; terminated instances are not asked for', async () => {
    ec2
      .on(DescribeVpcsCommand)
      .resolvesOnce({
        Vpcs: [{ VpcId: 'vpc-1', IsDefault: true, CidrBlock: '172.31.0.0/16' }],
        NextToken: 't2',
      })
      .resolvesOnce({ Vpcs: [{ VpcId: 'vpc-2', Tags: [{ Key: 'Name', Value: 'prod' }] }] });
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({
        Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: 'running' } }] }],
        NextToken: 'n',
      })
      .resolvesOnce({ Reservations: [{ Instances: [{ InstanceId: 'i-2', PrivateIpAddress: '10.0.0.9' }] }] });
    const d = accountDiscovery(mockProviderContext().clients);
    expect(await d.vpcs()).toEqual([
      { id: 'vpc-1', isDefault: true, cidr: '172.31.0.0/16' },
      { id: 'vpc-2', isDefault: false, name: 'prod' },
    ]);
    expect(await d.instances('vpc-1')).toEqual([
      { id: 'i-1', state: 'running' },
      { id: 'i-2', privateIp: '10.0.0.9' },
    ]);
    const filters = ec2.commandCalls(DescribeInstancesCommand)[0]!.args[0].input.Filters;
    expect(filters).toEqual([
      { Name: 'vpc-id', Values: ['vpc-1'] },
      { Name: 'instance-state-name', Values: ['pending', 'running', 'stopped'] },
    ]);
    expect(ec2.commandCalls(DescribeVpcsCommand)[1]!.args[0].input.NextToken).toBe('t2');
  });

  it('load balancers across pages (gateway load balancers left out), public zones only, issued certificates of every key type', async () => {
    elb
      .on(DescribeLoadBalancersCommand)
      .resolvesOnce({
        LoadBalancers: [{ LoadBalancerArn: 'arn:gw', LoadBalancerName: 'gw', Type: 'gateway' }],
        NextMarker: 'm',
      })
      .resolvesOnce({
        LoadBalancers: [
          {
            LoadBalancerArn: 'arn:nlb',
            LoadBalancerName: 'nlb',
            Type: 'network',
            Scheme: 'internal',
            VpcId: 'vpc-2',
          },
        ],
      });
    r53
      .on(ListHostedZonesCommand)
      .resolvesOnce({
        HostedZones: [{ Id: '/hostedzone/Z1', Name: 'example.com.', CallerReference: 'a' }],
        IsTruncated: true,
        NextMarker: 'z',
        Marker: '',
        MaxItems: 1,
      })
      .resolvesOnce({
        HostedZones: [
          {
            Id: '/hostedzone/Z2',
            Name: 'corp.internal.',
            CallerReference: 'b',
            Config: { PrivateZone: true },
          },
        ],
        IsTruncated: false,
        Marker: 'z',
        MaxItems: 1,
      });
    acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        {
          CertificateArn: 'arn:c',
          DomainName: '*.example.com',
          SubjectAlternativeNameSummaries: ['*.example.com', 'example.com'],
        },
      ],
    });
    const d = accountDiscovery(mockProviderContext().clients);
    expect(await d.loadBalancers()).toEqual([
      { arn: 'arn:nlb', name: 'nlb', type: 'network', scheme: 'internal', vpcId: 'vpc-2' },
    ]);
    expect(await d.hostedZones()).toEqual([{ id: 'Z1', name: 'example.com' }]);
    expect(await d.certificates()).toEqual([
      { arn: 'arn:c', domain: '*.example.com', names: ['*.example.com', 'example.com'] },
    ]);
    expect(acm.commandCalls(ListCertificatesCommand)[0]!.args[0].input).toEqual({
      CertificateStatuses: ['ISSUED'],
      Includes: { keyTypes: ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'] },
    });
  });
});
