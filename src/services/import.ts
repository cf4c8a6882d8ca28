import {
  GetDomainNameCommand,
  GetRestApiCommand,
  GetVpcLinkCommand,
  paginateGetBasePathMappings,
  paginateGetResources,
  TagResourceCommand,
} from '@aws-sdk/client-api-gateway';
import {
  GetApiCommand as GetApiV2Command,
  GetApiMappingsCommand as GetApiMappingsV2Command,
  GetDomainNameCommand as GetDomainNameV2Command,
  GetRoutesCommand as GetRoutesV2Command,
  GetVpcLinkCommand as GetVpcLinkV2Command,
  TagResourceCommand as TagResourceV2Command,
} from '@aws-sdk/client-apigatewayv2';
import { guardAws, isNotFound } from '../aws/errors';
import { collect, PAGE, paged, v2Pages } from '../aws/paginate';
import type { StackInput } from '../config/schema';
import { normalize, STACK_TAG } from '../config/stack';
import type { RunContext } from '../context';
import { UserError } from '../errors';
import { buildModel } from '../model';
import { isKind, type Kind } from '../providers';
import { confirmOrRefuse } from './confirm';

/** What `apigw import` would take over, shown before it asks. */
export interface ImportTarget {
  kind: string;
  id: string;
  name: string;
  /** The tag it carries now (undefined: none). */
  stackTag?: string;
  children: { count: number; what: string };
  arn: string;
}

export interface ImportResult extends ImportTarget {
  stack: string;
  /** False when it already carried this stack's tag: nothing to do. */
  tagged: boolean;
}

type Found = Omit<ImportTarget, 'kind' | 'id' | 'arn'>;

interface Importer {
  /** Reads the resource by id (a domain: by name); undefined when there is none. */
  read(rc: RunContext, id: string): Promise<Found | undefined>;
  /** The resource ARN TagResource takes (docs/aws-rules.md#import). */
  path(id: string): string;
  tag(rc: RunContext, arn: string, tags: Record<string, string>): Promise<unknown>;
}

const missing = async <T>(read: () => Promise<T>) => {
  try {
    return await read();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
};

const tagV1 = (rc: RunContext, resourceArn: string, tags: Record<string, string>) =>
  rc.clients.apigw.send(new TagResourceCommand({ resourceArn, tags }));
const tagV2 = (rc: RunContext, ResourceArn: string, Tags: Record<string, string>) =>
  rc.clients.apigwv2.send(new TagResourceV2Command({ ResourceArn, Tags }));

/**
 * The kinds `import` takes, by the node kind the plan uses for them. ARNs per
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html.
 */
const IMPORTERS: Partial<Record<Kind, Importer>> = {
  'rest-api': {
    path: (id) => `/restapis/${id}`,
    tag: tagV1,
    async read(rc, restApiId) {
      const api = await missing(() => rc.clients.apigw.send(new GetRestApiCommand({ restApiId })));
      if (!api) return undefined;
      const resources = await collect(
        paginateGetResources(paged(rc.clients.apigw, PAGE), { restApiId }),
        (p) => p.items,
      );
      const n = resources.length;
      return {
        name: api.name ?? '',
        stackTag: api.tags?.[STACK_TAG],
        children: { count: n, what: 'resources' },
      };
    },
  },
  'http-api': {
    path: (id) => `/apis/${id}`,
    tag: tagV2,
    async read(rc, ApiId) {
      const api = await missing(() => rc.clients.apigwv2.send(new GetApiV2Command({ ApiId })));
      if (!api) return undefined;
      const routes = await v2Pages(rc.clients.apigwv2, (page) =>
        rc.clients.apigwv2.send(new GetRoutesV2Command({ ApiId, ...page })),
      );
      const n = routes.length;
      return {
        name: api.Name ?? '',
        stackTag: api.Tags?.[STACK_TAG],
        children: { count: n, what: 'routes' },
      };
    },
  },
  'rest-vpc-link': {
    path: (id) => `/vpclinks/${id}`,
    tag: tagV1,
    async read(rc, vpcLinkId) {
      const l = await missing(() => rc.clients.apigw.send(new GetVpcLinkCommand({ vpcLinkId })));
      if (!l) return undefined;
      const targets = l.targetArns?.length ?? 0;
      return {
        name: l.name ?? '',
        stackTag: l.tags?.[STACK_TAG],
        children: { count: targets, what: 'targets' },
      };
    },
  },
  'vpc-link-v2': {
    path: (id) => `/vpclinks/${id}`,
    tag: tagV2,
    async read(rc, VpcLinkId) {
      const l = await missing(() => rc.clients.apigwv2.send(new GetVpcLinkV2Command({ VpcLinkId })));
      if (!l) return undefined;
      const subnets = l.SubnetIds?.length ?? 0;
      return {
        name: l.Name ?? '',
        stackTag: l.Tags?.[STACK_TAG],
        children: { count: subnets, what: 'subnets' },
      };
    },
  },
  'rest-domain': {
    path: (name) => `/domainnames/${name}`,
    tag: tagV1,
    async read(rc, domainName) {
      const d = await missing(() => rc.clients.apigw.send(new GetDomainNameCommand({ domainName })));
      if (!d) return undefined;
      const mappings = await collect(
        paginateGetBasePathMappings(paged(rc.clients.apigw), { domainName }),
        (p) => p.items,
      );
      const n = mappings.length;
      return {
        name: d.domainName ?? domainName,
        stackTag: d.tags?.[STACK_TAG],
        children: { count: n, what: 'base path mappings' },
      };
    },
  },
  'http-domain': {
    path: (name) => `/domainnames/${name}`,
    tag: tagV2,
    async read(rc, DomainName) {
      const d = await missing(() => rc.clients.apigwv2.send(new GetDomainNameV2Command({ DomainName })));
      if (!d) return undefined;
      const mappings = await v2Pages(rc.clients.apigwv2, (page) =>
        rc.clients.apigwv2.send(new GetApiMappingsV2Command({ DomainName, ...page })),
      );
      const n = mappings.length;
      return {
        name: d.DomainName ?? DomainName,
        stackTag: d.Tags?.[STACK_TAG],
        children: { count: n, what: 'API mappings' },
      };
    },
  },
};

export const IMPORT_KINDS = Object.keys(IMPORTERS) as Kind[];

const importerOf = (kind: string) => (isKind(kind) ? IMPORTERS[kind] : undefined);

const partitionOf = (region: string) =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

/** `arn:{partition}:apigateway:{region}::/restapis/{id}` (or `/apis/`, `/vpclinks/`, `/domainnames/`). */
export function importArn(kind: string, region: string, id: string): string {
  return `arn:${partitionOf(region)}:apigateway:${region}::${importerOf(kind)!.path(id)}`;
}

/** The file must describe a resource of that kind and name; the kinds and names it does describe, else. */
function refuseUndescribed(input: StackInput, kind: string, name: string, id: string): void {
  const nodes = buildModel(normalize(input)).filter((d) => d.kind === kind);
  if (nodes.some((d) => d.key === name)) return;
  throw new UserError(
    nodes.length === 0
      ? `The stack file describes no ${kind}, so apigw import will not take ${id} (${name}) over.`
      : `The stack file describes ${kind} ${nodes.map((d) => `\`${d.key}\``).join(', ')}, not \`${name}\` (${id}): apigw finds resources by name, so this one would never be its.`,
    [
      `Rename it in the file to \`${name}\` if that is the one you mean, or import the resource the file names.`,
    ],
    'IMPORT_NOT_DESCRIBED',
  );
}

/** What `import KIND ID` would take over, checked against the file and the tag (no change yet). */
export async function importTarget(
  rc: RunContext,
  input: StackInput,
  kind: string,
  id: string,
): Promise<ImportTarget> {
  const importer = importerOf(kind);
  if (!importer)
    throw new UserError(`apigw import takes ${IMPORT_KINDS.join(', ')}; not \`${kind}\`.`, [], 'IMPORT_KIND');
  const found = await guardAws(rc, () => importer.read(rc, id));
  if (!found)
    throw new UserError(
      `No ${kind} with id ${id} in ${rc.region}.`,
      [`List them with the AWS console or CLI.`],
      'IMPORT_NOT_FOUND',
    );
  refuseUndescribed(input, kind, found.name, id);
  if (found.stackTag && found.stackTag !== input.stack)
    throw new UserError(
      `${kind} ${id} (${found.name}) belongs to stack \`${found.stackTag}\` (tag ${STACK_TAG}=${found.stackTag}); apigw import never takes a resource from another stack.`,
      [`Destroy it from that stack, or remove its ${STACK_TAG} tag there first if it truly moves.`],
      'IMPORT_OTHER_STACK',
    );
  return { kind, id, ...found, arn: importArn(kind, rc.region, id) };
}

/** Tags the resource with the stack tag after the person (or --yes) agreed; a rerun is a no-op. */
export async function importResource(
  rc: RunContext,
  input: StackInput,
  kind: string,
  id: string,
  opts: { yes: boolean; show: (t: ImportTarget) => void },
): Promise<ImportResult> {
  const target = await importTarget(rc, input, kind, id);
  if (target.stackTag === input.stack) return { ...target, stack: input.stack, tagged: false };
  opts.show(target);
  if (!opts.yes)
    await confirmOrRefuse(rc.io, {
      question: `Put ${kind} ${id} under stack ${input.stack}?`,
      refusal: 'apigw import changes a resource and needs confirmation, but there is no terminal to ask on.',
      hints: [`Review what it takes over above, then rerun with --yes.`],
      declined: 'Nothing was changed.',
    });
  // An endpoint without TagResource for this ARN (moto, for REST APIs: docs/emulator-gaps.md#error-shapes)
  // is reported by guardAws as UNIMPLEMENTED, naming the operation; nothing was changed.
  await guardAws(rc, () => importerOf(kind)!.tag(rc, target.arn, { [STACK_TAG]: input.stack }));
  return { ...target, stackTag: input.stack, stack: input.stack, tagged: true };
}
