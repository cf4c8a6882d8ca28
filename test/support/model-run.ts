import { parseStack } from '../../src/config/load';
import { applyPlanned, planStack, type EngineOptions } from '../../src/engine';
import { CATALOGUE } from '../../src/services/catalogue';
import type { awsModel } from './aws-model';
import { mockProviderContext } from './mock-context';

type Ctx = ReturnType<typeof mockProviderContext>;

/**
 * One plan + apply of `yaml` against the mocked AWS model, which must end without a failed change:
 * the requests it sent (the model's history is cleared first) and the changes it planned.
 */
export async function runOnModel(
  model: ReturnType<typeof awsModel>,
  yaml: string,
  opts: { mode?: 'apply' | 'destroy'; engine?: EngineOptions; ctx?: Ctx } = {},
) {
  model.clear();
  const ctx = opts.ctx ?? mockProviderContext({ yaml });
  const engine = opts.engine ?? {};
  const planned = await planStack(ctx, parseStack(yaml), opts.mode ?? 'apply', CATALOGUE, engine);
  const outcome = await applyPlanned(ctx, planned, CATALOGUE.providers, engine);
  expect(outcome.failed.map((f) => f.error.message)).toEqual([]);
  return {
    requests: model.requests(),
    changes: planned.plan.changes.filter((c) => c.action !== 'noop'),
    ctx,
  };
}
