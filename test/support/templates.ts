import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestCertificateCommand } from '@aws-sdk/client-acm';
import type { TestRun } from './moto';

export const TEMPLATE_DIR = join(__dirname, '..', '..', 'templates');

/** The certificate placeholder of templates/public-alb-rest.yaml (a user replaces it with theirs). */
const PLACEHOLDER_CERT = /arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]+/g;

/**
 * A template as a user would apply it: moto checks that an HTTPS listener's certificate exists in
 * ACM, so the placeholder ARN is swapped for one requested in the emulator, covering the hostname.
 */
export async function templateFor(run: TestRun, name: string): Promise<string> {
  const yaml = readFileSync(join(TEMPLATE_DIR, name), 'utf8');
  if (!yaml.match(PLACEHOLDER_CERT)) return yaml;
  const host = /hostname: ([a-z0-9.-]+)/.exec(yaml)?.[1] ?? 'backend.example.com';
  const { CertificateArn } = await run.clients.acm.send(new RequestCertificateCommand({ DomainName: host }));
  return yaml.replace(PLACEHOLDER_CERT, CertificateArn!);
}
