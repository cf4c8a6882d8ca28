import { UserError } from '../errors';
import type { DesiredNode } from '../engine/types';
import type { Stack } from '../config/stack';
import { apiNodes } from './api';
import { domainNodes } from './domain';
import { loadBalancerNodes, networkNode } from './load-balancer';
import { portalNodes } from './portal';

/**
 * A section builder turns one part of the stack file into desired nodes. Sections without a builder
 * are parsed and validated, and `plan` refuses them by name instead of silently ignoring them.
 */
export type SectionBuilder = (stack: Stack) => DesiredNode[];

interface Section {
  name: string;
  present: (stack: Stack) => boolean;
  build?: SectionBuilder;
}

const SECTIONS: Section[] = [
  {
    name: 'network',
    present: (s) => !!s.network,
    build: (s) => [networkNode(s)].filter((n): n is DesiredNode => !!n),
  },
  { name: 'loadBalancer', present: (s) => !!s.loadBalancer, build: loadBalancerNodes },
  // The API builder owns its stages and (REST) usage plans: they hang off the API's live id.
  { name: 'api', present: (s) => !!s.api, build: apiNodes },
  { name: 'domain', present: (s) => !!s.domain, build: domainNodes },
  // A portal publishes the REST API's stage (#17): after the API, which it references.
  { name: 'portal', present: (s) => !!s.portal, build: portalNodes },
];

/** The desired model: every node the stack file asks for, with its dependencies. */
export function buildModel(stack: Stack): DesiredNode[] {
  const missing = SECTIONS.filter((s) => s.present(stack) && !s.build).map((s) => `\`${s.name}\``);
  if (missing.length > 0) {
    throw new UserError(
      `This version of apigw does not provision ${missing.join(', ')} yet; the file is valid, but plan would ignore ${missing.length === 1 ? 'it' : 'them'}.`,
      ['Remove the section to provision the rest of the stack now.'],
      'NOT_SUPPORTED_YET',
    );
  }
  return SECTIONS.flatMap((s) => (s.present(stack) && s.build ? s.build(stack) : []));
}
