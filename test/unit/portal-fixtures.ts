import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { mockClient } from 'aws-sdk-client-mock';
import { readState } from '../../src/engine';
import { executePlan } from '../../src/engine/executor';
import { planChanges } from '../../src/engine/planner';
import type { DesiredNode, Provider } from '../../src/engine/types';
import { apiRefs } from '../../src/model/api-refs';
import { portalNodes } from '../../src/model/portal';
import { certificateProvider } from '../../src/providers/domain/certificate';
import { PORTAL_PROVIDERS } from '../../src/providers/portal';
import { mockProviderContext } from '../support/mock-context';
import { kindOf, liveStandIn } from '../support/stand-ins';

export const v2 = mockClient(ApiGatewayV2Client);

/** The portal nodes of a stack file plus live stand-ins for its REST API (id `api1`) and stage. */
export function portalWorld(yaml: string) {
  const ctx = mockProviderContext({ yaml });
  const stack = ctx.stack;
  const refs = apiRefs(stack, stack.portal!.stage);
  const standIns: DesiredNode[] = [refs.apiNode, refs.stageNode].map((id) => ({
    id,
    kind: kindOf(id),
    key: id.slice(kindOf(id).length + 1),
    props: {},
    deps: [],
  }));
  const desired = [...standIns, ...portalNodes(stack)];
  const providers: Record<string, Provider> = Object.fromEntries([
    ...Object.values(PORTAL_PROVIDERS).map((p) => [p.kind, p] as const),
    [certificateProvider.kind, certificateProvider],
    ['rest-api', liveStandIn('rest-api', { id: 'api1' })],
    ['rest-stage', liveStandIn('rest-stage', {})],
  ]);
  const plan = async (mode: 'apply' | 'destroy' = 'apply') => {
    const state = await readState(ctx, desired, providers, mode);
    return { state, changes: planChanges(desired, state.actual, providers, mode) };
  };
  return {
    ctx,
    desired,
    plan,
    apply: async (mode: 'apply' | 'destroy' = 'apply') => {
      const { state, changes } = await plan(mode);
      const outcome = await executePlan(ctx, changes, desired, state.actual, providers, { concurrency: 1 });
      return { changes, outcome };
    },
  };
}

export const actions = (changes: { action: string; kind: string; key: string }[]) =>
  changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.kind} ${c.key}`);
