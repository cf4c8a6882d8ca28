import { DescribeCertificateCommand, type ACMClient } from '@aws-sdk/client-acm';
import { orUndefined } from '../../aws/errors';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import { plainProps } from '../../engine/values';
import type { CertificateProps } from '../../model/props/domain';
import { BugError, UserError } from '../../errors';
import { DOMAIN_KINDS } from '../../model/domain';
import {
  bestCoverage,
  candidateOf,
  listCandidates,
  pickCertificate,
  validationRecords,
  type CertificateCandidate,
} from './certificate-find';

interface Where {
  acm: ACMClient;
  region: string;
  edge: boolean;
}

const requestHint = (w: Where, name: string) =>
  `Request one: \`aws acm request-certificate --domain-name ${name} --validation-method DNS --region ${w.region}\`, add the validation CNAME it asks for to your zone, wait until it is ISSUED, and rerun. Or set \`domain.certificate\` to the ARN of a certificate that covers it.`;

async function pendingError(w: Where, name: string, pending: CertificateCandidate): Promise<UserError> {
  const records = await validationRecords(w.acm, pending.arn);
  return new UserError(
    `The ACM certificate for ${name} in ${w.region} (${pending.arn}) is still PENDING_VALIDATION; API Gateway needs an ISSUED one.`,
    [
      records.length > 0
        ? `Add the validation record${records.length === 1 ? '' : 's'} to your DNS zone: ${records.join('; ')}. ACM issues the certificate within minutes of seeing it; then rerun.`
        : 'Complete its validation in the ACM console, wait until it is ISSUED, then rerun.',
    ],
    'CERTIFICATE_PENDING',
  );
}

/** `certificate: auto`: the issued certificate that covers the name best, or an error saying what to do. */
async function findCertificate(w: Where, name: string): Promise<CertificateCandidate> {
  const all = await listCandidates(w.acm);
  const issued = pickCertificate(
    all.filter((c) => c.status === 'ISSUED'),
    name,
  );
  if (issued) return issued;
  const pending = pickCertificate(
    all.filter((c) => c.status === 'PENDING_VALIDATION'),
    name,
  );
  if (pending) throw await pendingError(w, name, pending);
  throw new UserError(
    `No ISSUED ACM certificate in ${w.region} covers ${name}${w.edge ? ' (an edge-optimized domain needs its certificate in us-east-1)' : ''}.`,
    [requestHint(w, name)],
    'CERTIFICATE_NOT_FOUND',
  );
}

/** An explicit ARN gets the same checks as a found one: right region, exists, ISSUED, covers the name. */
async function checkCertificate(w: Where, arn: string, name: string): Promise<CertificateCandidate> {
  const region = arn.split(':')[3];
  if (region !== w.region) {
    throw new UserError(
      `domain.certificate ${arn} is in ${region ?? 'an unknown region'}, but ${w.edge ? 'an edge-optimized domain needs its certificate in us-east-1' : `a regional domain needs one in the API's region, ${w.region}`}.`,
      [requestHint(w, name)],
      'CERTIFICATE_WRONG_REGION',
    );
  }
  const found = await orUndefined(() => w.acm.send(new DescribeCertificateCommand({ CertificateArn: arn })));
  const c = found?.Certificate;
  if (!c)
    throw new UserError(
      `domain.certificate ${arn} does not exist.`,
      [requestHint(w, name)],
      'CERTIFICATE_NOT_FOUND',
    );
  const candidate = candidateOf(c, [c.DomainName ?? '', ...(c.SubjectAlternativeNames ?? [])]);
  if (candidate.status === 'PENDING_VALIDATION') throw await pendingError(w, name, candidate);
  if (candidate.status !== 'ISSUED') {
    throw new UserError(
      `domain.certificate ${arn} is ${candidate.status}; API Gateway needs an ISSUED certificate.`,
      [requestHint(w, name)],
      'CERTIFICATE_NOT_ISSUED',
    );
  }
  if (bestCoverage(candidate, name) === 0) {
    throw new UserError(
      `domain.certificate ${arn} covers ${candidate.names.join(', ')}, not ${name}.`,
      [requestHint(w, name)],
      'CERTIFICATE_MISMATCH',
    );
  }
  return candidate;
}

function where(ctx: ProviderContext, edge: boolean): Where {
  return edge
    ? { acm: ctx.clients.acmUsEast1, region: 'us-east-1', edge }
    : { acm: ctx.clients.acm, region: ctx.region, edge };
}

/**
 * A lookup, never changed: the ACM certificate a custom domain presents. Its `arn` output is what
 * the domain references, so a renewed or replaced certificate moves the domain with it on the next
 * apply. Errors name the region searched, because the wrong region is the usual cause.
 */
export const certificateProvider: Provider<CertificateProps> = {
  kind: DOMAIN_KINDS.certificate,
  step: 'domain map',
  iam: {
    // An explicit ARN is described, not searched for.
    calls: (n) => [
      ...(n.props.certificate === 'auto' ? ['acm:ListCertificates'] : []),
      'acm:DescribeCertificate',
    ],
  },
  title: 'certificate',
  async read(ctx, desired) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const p = plainProps(d);
      const w = where(ctx, p.edge);
      const cert =
        p.certificate === 'auto'
          ? await findCertificate(w, p.domain)
          : await checkCertificate(w, p.certificate, p.domain);
      out.push({
        id: d.id,
        kind: d.kind,
        key: d.key,
        props: d.props,
        outputs: { arn: cert.arn, status: cert.status, region: w.region },
        owned: false,
        deps: [],
      });
    }
    return out;
  },
  create: () => Promise.reject(new BugError('a certificate is a lookup and is never created')),
  delete: () => Promise.resolve(),
};
