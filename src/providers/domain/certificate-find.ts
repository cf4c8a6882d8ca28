import {
  DescribeCertificateCommand,
  paginateListCertificates,
  type ACMClient,
  type CertificateDetail,
  type CertificateSummary,
} from '@aws-sdk/client-acm';
import { collect, paged } from '../../aws/paginate';
import { coverage } from './names';

/** An ACM certificate reduced to what matching needs. */
export interface CertificateCandidate {
  arn: string;
  status: string;
  /** The certificate's domain name and every SAN. */
  names: string[];
  notAfter?: Date;
}

/**
 * Key types API Gateway accepts that ACM can issue. ListCertificates returns only RSA_1024/RSA_2048
 * unless asked, so without this an ECDSA certificate would never be found.
 */
const KEY_TYPES = ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'] as const;

async function listSummaries(acm: ACMClient, statuses: ('ISSUED' | 'PENDING_VALIDATION')[]) {
  return collect(
    paginateListCertificates(paged(acm), {
      CertificateStatuses: statuses,
      Includes: { keyTypes: [...KEY_TYPES] },
    }),
    (p) => p.CertificateSummaryList,
  );
}

export function candidateOf(
  c: CertificateDetail | CertificateSummary,
  names: string[],
): CertificateCandidate {
  return {
    arn: c.CertificateArn ?? '',
    status: c.Status ?? 'UNKNOWN',
    // The domain name is usually repeated among the SANs.
    names: [...new Set(names.filter(Boolean))],
    ...(c.NotAfter ? { notAfter: c.NotAfter } : {}),
  };
}

/** All names of a certificate: from the summary when it lists them all (AWS does), else one Describe. */
async function namesOf(acm: ACMClient, s: CertificateSummary): Promise<string[]> {
  if (s.SubjectAlternativeNameSummaries && !s.HasAdditionalSubjectAlternativeNames) {
    return [s.DomainName ?? '', ...s.SubjectAlternativeNameSummaries];
  }
  const { Certificate: c } = await acm.send(
    new DescribeCertificateCommand({ CertificateArn: s.CertificateArn }),
  );
  return [c?.DomainName ?? '', ...(c?.SubjectAlternativeNames ?? [])];
}

/** Issued and pending certificates of one region (the client's), with all their names. */
export async function listCandidates(acm: ACMClient): Promise<CertificateCandidate[]> {
  const summaries = await listSummaries(acm, ['ISSUED', 'PENDING_VALIDATION']);
  const out: CertificateCandidate[] = [];
  for (const s of summaries) out.push(candidateOf(s, await namesOf(acm, s)));
  return out;
}

export const bestCoverage = (c: CertificateCandidate, name: string) =>
  Math.max(0, ...c.names.map((n) => coverage(n, name)));

/**
 * The certificate that covers `name` best: longest matching name first (exact beats wildcard), then
 * the one valid longest (a renewal overlaps the old certificate), then the ARN, so the choice is
 * stable from run to run and a re-apply never flips between two equal certificates.
 */
export function pickCertificate(
  candidates: CertificateCandidate[],
  name: string,
): CertificateCandidate | undefined {
  return candidates
    .map((c) => ({ c, score: bestCoverage(c, name) }))
    .filter((x) => x.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        (b.c.notAfter?.getTime() ?? 0) - (a.c.notAfter?.getTime() ?? 0) ||
        (a.c.arn < b.c.arn ? -1 : 1),
    )[0]?.c;
}

/** The DNS validation records ACM waits for, as `name CNAME value` lines for a hint. */
export async function validationRecords(acm: ACMClient, arn: string): Promise<string[]> {
  const { Certificate: c } = await acm.send(new DescribeCertificateCommand({ CertificateArn: arn }));
  return (c?.DomainValidationOptions ?? [])
    .map((o) => o.ResourceRecord)
    .filter((r): r is NonNullable<typeof r> => !!r?.Name)
    .map((r) => `${r.Name} ${r.Type ?? 'CNAME'} ${r.Value ?? ''}`)
    .filter((line, i, all) => all.indexOf(line) === i);
}
