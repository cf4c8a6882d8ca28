import { ACMClient, DescribeCertificateCommand, ListCertificatesCommand } from '@aws-sdk/client-acm';
import { mockClient } from 'aws-sdk-client-mock';
import type { DesiredNode } from '../../src/engine/types';
import type { CertificateProps } from '../../src/model/props/domain';
import { UserError } from '../../src/errors';
import { certificateProvider } from '../../src/providers/domain/certificate';
import { mockProviderContext } from '../support/mock-context';

const acm = mockClient(ACMClient);
beforeEach(() => acm.reset());

const arn = (id: string, region = 'us-east-1') => `arn:aws:acm:${region}:123456789012:certificate/${id}`;
const desired = (props: { certificate?: string; edge?: boolean } = {}): DesiredNode<CertificateProps> => ({
  id: 'certificate:api.example.com',
  kind: 'certificate',
  key: 'api.example.com',
  props: { domain: 'api.example.com', certificate: props.certificate ?? 'auto', edge: props.edge ?? false },
  deps: [],
  readOnly: true,
});
const state = { desired: new Map(), actual: new Map() };
const read = (d: DesiredNode<CertificateProps>, ctx = mockProviderContext()) =>
  certificateProvider.read(ctx, [d], state);
const failure = (d: DesiredNode<CertificateProps>) =>
  read(d).then(
    () => {
      throw new Error('expected the lookup to fail');
    },
    (e: unknown) => e as UserError,
  );

/** A Describe answer by ARN: the names and status of each certificate. */
function describes(certs: Record<string, { names: string[]; status?: string }>) {
  for (const [a, c] of Object.entries(certs)) {
    acm.on(DescribeCertificateCommand, { CertificateArn: a }).resolves({
      Certificate: {
        CertificateArn: a,
        DomainName: c.names[0],
        SubjectAlternativeNames: c.names,
        Status: (c.status ?? 'ISSUED') as 'ISSUED',
        DomainValidationOptions: [
          {
            DomainName: c.names[0],
            ResourceRecord: {
              Name: '_x1.api.example.com.',
              Type: 'CNAME',
              Value: '_y1.acm-validations.aws.',
            },
          },
        ],
      },
    });
  }
}

describe('certificate lookup (mocked ACM)', () => {
  it('prefers the exact certificate over a wildcard, across pages, and ignores one-level-too-deep wildcards', async () => {
    acm
      .on(ListCertificatesCommand)
      .resolvesOnce({
        CertificateSummaryList: [
          { CertificateArn: arn('wild'), DomainName: '*.example.com', Status: 'ISSUED' },
          { CertificateArn: arn('deep'), DomainName: '*.api.example.com', Status: 'ISSUED' },
        ],
        NextToken: 'p2',
      })
      .resolvesOnce({
        CertificateSummaryList: [
          { CertificateArn: arn('exact'), DomainName: 'example.com', Status: 'ISSUED' },
        ],
      });
    describes({
      [arn('wild')]: { names: ['*.example.com'] },
      [arn('deep')]: { names: ['*.api.example.com'] },
      [arn('exact')]: { names: ['example.com', 'api.example.com'] },
    });
    const [found] = await read(desired());
    expect(found!.outputs).toMatchObject({ arn: arn('exact'), status: 'ISSUED' });
    const lists = acm.commandCalls(ListCertificatesCommand).map((c) => c.args[0].input);
    expect(lists[0]).toMatchObject({
      CertificateStatuses: ['ISSUED', 'PENDING_VALIDATION'],
      Includes: { keyTypes: ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'] },
    });
    expect(lists[1]).toMatchObject({ NextToken: 'p2' });
  });

  it('takes the names from the summary when it lists them all, without a Describe per certificate', async () => {
    acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        {
          CertificateArn: arn('wild'),
          DomainName: '*.example.com',
          SubjectAlternativeNameSummaries: ['*.example.com'],
          HasAdditionalSubjectAlternativeNames: false,
          Status: 'ISSUED',
        },
      ],
    });
    const [found] = await read(desired());
    expect(found!.outputs.arn).toBe(arn('wild'));
    expect(acm.commandCalls(DescribeCertificateCommand)).toHaveLength(0);
  });

  it('explains a certificate still pending validation, with the record ACM waits for', async () => {
    acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [
        { CertificateArn: arn('p'), DomainName: 'api.example.com', Status: 'PENDING_VALIDATION' },
      ],
    });
    describes({ [arn('p')]: { names: ['api.example.com'], status: 'PENDING_VALIDATION' } });
    const err = await failure(desired());
    expect(err).toBeInstanceOf(UserError);
    expect(err.code).toBe('CERTIFICATE_PENDING');
    expect(err.message).toMatch(/api\.example\.com in us-east-1 .* is still PENDING_VALIDATION/);
    expect(err.hints.join()).toMatch(/_x1\.api\.example\.com\. CNAME _y1\.acm-validations\.aws\./);
  });

  it('says which region it searched and how to get a certificate when none covers the name', async () => {
    acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [{ CertificateArn: arn('o'), DomainName: 'other.org', Status: 'ISSUED' }],
    });
    describes({ [arn('o')]: { names: ['other.org'] } });
    const err = await failure(desired());
    expect(err.code).toBe('CERTIFICATE_NOT_FOUND');
    expect(err.message).toBe('No ISSUED ACM certificate in us-east-1 covers api.example.com.');
    expect(err.hints.join()).toMatch(/aws acm request-certificate --domain-name api\.example\.com/);
  });

  it('looks in us-east-1 for an edge-optimized domain, whatever the stack region', async () => {
    acm.on(ListCertificatesCommand).resolves({
      CertificateSummaryList: [{ CertificateArn: arn('e'), DomainName: '*.example.com', Status: 'ISSUED' }],
    });
    describes({ [arn('e')]: { names: ['*.example.com'] } });
    const ctx = { ...mockProviderContext(), region: 'ap-northeast-2' };
    const [found] = await read(desired({ edge: true }), ctx);
    expect(found!.outputs).toMatchObject({ arn: arn('e'), region: 'us-east-1' });
    const clients = acm.commandCalls(ListCertificatesCommand).map((c) => c.thisValue as unknown);
    expect(clients).toEqual([ctx.clients.acmUsEast1]);
    expect(clients[0]).not.toBe(ctx.clients.acm);
  });

  it('refuses an explicit ARN from the wrong region before calling ACM', async () => {
    const err = await failure(desired({ certificate: arn('x', 'eu-west-1'), edge: true }));
    expect(err.code).toBe('CERTIFICATE_WRONG_REGION');
    expect(err.message).toMatch(
      /is in eu-west-1, but an edge-optimized domain needs its certificate in us-east-1/,
    );
    expect(acm.calls()).toHaveLength(0);
  });

  it('checks an explicit ARN like a found one: issued, and covering the name', async () => {
    describes({
      [arn('ok')]: { names: ['*.example.com'] },
      [arn('wrong')]: { names: ['www.example.com'] },
      [arn('pending')]: { names: ['api.example.com'], status: 'PENDING_VALIDATION' },
    });
    await expect(read(desired({ certificate: arn('ok') }))).resolves.toMatchObject([
      { outputs: { arn: arn('ok') } },
    ]);
    expect((await failure(desired({ certificate: arn('wrong') }))).message).toMatch(
      /covers www\.example\.com, not api\.example\.com/,
    );
    expect((await failure(desired({ certificate: arn('pending') }))).code).toBe('CERTIFICATE_PENDING');
    acm
      .on(DescribeCertificateCommand, { CertificateArn: arn('gone') })
      .rejects(Object.assign(new Error('no such certificate'), { name: 'ResourceNotFoundException' }));
    expect((await failure(desired({ certificate: arn('gone') }))).message).toMatch(/does not exist/);
  });
});
