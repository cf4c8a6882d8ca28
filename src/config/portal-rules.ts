import type { StackInput } from './schema';
import { defaultStageName } from './stack';

/** A rule violation found after the schema passed (the shape of `RuleIssue` in ./rules.ts). */
interface Issue {
  path: (string | number)[];
  message: string;
}

/**
 * The rules of `portal:` (#17), reported at file:line:key before any AWS call
 * (docs/aws-rules.md#portals):
 * - portals share REST APIs only ("You can only create portals to share REST APIs",
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-portals.html);
 * - the product documents one stage of the stack's API, so the stage must be in `stages`;
 * - a custom portal domain is served by CloudFront, so its ACM certificate lives in us-east-1
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-portals-create-portal.html);
 * - the portal domain is not the API's own custom domain (each is its own CloudFront alias).
 */
export function checkPortalRules(s: StackInput): Issue[] {
  const p = s.portal;
  if (!p) return [];
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  if (!s.api) {
    add(['portal'], "a portal publishes the stack's REST API: add `api: { type: rest, ... }`");
    return issues;
  }
  if (s.api.type !== 'rest') {
    add(
      ['portal'],
      'API Gateway portals share REST APIs only; HTTP APIs cannot be published in a portal. Use `api.type: rest`, or remove `portal:`',
    );
    return issues;
  }
  const stages = (s.stages ?? [{ name: defaultStageName('rest') }]).map((st) => st.name);
  if (!stages.includes(p.stage))
    add(['portal', 'stage'], `no stage named \`${p.stage}\` in \`stages\` (${stages.join(', ')})`);
  if (p.certificate !== 'auto' && !p.domain)
    add(
      ['portal', 'certificate'],
      "a portal certificate goes with `portal.domain`; without a domain the portal uses AWS's domain",
    );
  if (p.certificate !== 'auto' && p.certificate.split(':')[3] !== 'us-east-1')
    add(
      ['portal', 'certificate'],
      "a portal's custom domain is served by CloudFront: its certificate must be in us-east-1 (arn:aws:acm:us-east-1:...)",
    );
  if (p.domain && s.domain && p.domain === s.domain.name)
    add(['portal', 'domain'], "the portal needs a domain of its own, not the API's `domain.name`");
  return issues;
}
