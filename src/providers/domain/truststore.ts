import { HeadObjectCommand, type HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import type { ActualNode, Provider, ProviderContext } from '../../engine/types';
import { plainProps } from '../../engine/values';
import type { TruststoreProps } from '../../model/props/domain';
import { BugError, UserError } from '../../errors';
import { DOMAIN_KINDS } from '../../model/domain';
import { parseS3Uri } from '../../config/tls';

/** S3 answers a HEAD without a body: a missing key or bucket is a bare 404 (`NotFound`), a refusal a 403. */
const status = (err: unknown) =>
  (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;

/**
 * The truststore object's version: HeadObject, with the pinned `VersionId` when the file gives one
 * (which also proves that version exists). An unversioned bucket answers no VersionId (or the
 * literal "null"): the domain then takes the object as it is, with no version.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html (docs/aws-rules.md#mutual-tls).
 */
export async function truststoreVersion(ctx: ProviderContext, p: TruststoreProps): Promise<string | null> {
  const { bucket, key } = parseS3Uri(p.uri);
  let head: HeadObjectCommandOutput;
  try {
    head = await ctx.clients.s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: key, ...(p.version ? { VersionId: p.version } : {}) }),
    );
  } catch (err) {
    const code = status(err);
    const what = p.version ? `${p.uri} (version ${p.version})` : p.uri;
    if (code === 404 || code === 400)
      throw new UserError(
        `The mTLS truststore ${what} does not exist.`,
        [
          'Upload the PEM bundle of your client CAs there (`aws s3 cp truststore.pem ' +
            p.uri +
            '`), or fix `domain.mtls.truststore` / `version`.',
        ],
        'TRUSTSTORE_NOT_FOUND',
      );
    if (code === 403)
      throw new UserError(
        `Access to the mTLS truststore ${what} was refused (S3 HeadObject: 403).`,
        [
          'apigw and API Gateway read the truststore with your credentials: allow s3:GetObject and s3:GetObjectVersion on it (`apigw policy` lists them).',
        ],
        'TRUSTSTORE_DENIED',
      );
    throw err;
  }
  const v = head.VersionId;
  return v && v !== 'null' ? v : null;
}

/**
 * A lookup, never changed: the S3 object a mutual TLS domain trusts. Its `version` output is what the
 * domain references, so uploading a new truststore shows in the next plan as an update of the domain
 * (API Gateway reads a truststore only when the domain is created or updated).
 */
export const truststoreProvider: Provider<TruststoreProps> = {
  kind: DOMAIN_KINDS.truststore,
  step: 'domain map',
  iam: { calls: () => ['s3:HeadObject'] },
  title: 'mTLS truststore',
  async read(ctx, desired) {
    const out: ActualNode[] = [];
    for (const d of desired) {
      const p = plainProps(d);
      const version = await truststoreVersion(ctx, p);
      out.push({
        id: d.id,
        kind: d.kind,
        key: d.key,
        props: d.props,
        outputs: { uri: p.uri, version },
        owned: false,
        deps: [],
      });
    }
    return out;
  },
  create: () => Promise.reject(new BugError('a truststore is a lookup and is never created')),
  delete: () => Promise.resolve(),
};
