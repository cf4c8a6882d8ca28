import { planChanges, summarize } from '../../src/engine/planner';
import { ref, hashed, type ActualNode, type DesiredNode, type Provider } from '../../src/engine/types';
import { UserError } from '../../src/errors';
import { node } from '../../src/model/node';

const provider = (kind: string, replaceOn: Record<string, string> = {}): Provider => ({
  kind,
  title: kind,
  replaceOn,
  read: async () => [],
  create: async () => ({}),
  delete: async () => undefined,
});
const providers = {
  lb: provider('lb', { scheme: 'scheme cannot change' }),
  tg: provider('tg', { port: 'port cannot change' }),
  l: provider('l'),
};

const live = (
  d: DesiredNode,
  props: Record<string, unknown>,
  outputs: Record<string, unknown> = {},
  owned = true,
): ActualNode => ({
  id: d.id,
  kind: d.kind,
  key: d.key,
  props,
  outputs,
  owned,
  deps: d.deps,
});

const lb = node('lb', 'web', { scheme: 'internal', subnets: ['a', 'b'] });
const tg = node('tg', 'web-tg', { port: 80 });
const listener = node('l', 'web:80', { lbArn: ref(lb.id, 'arn'), tgArn: ref(tg.id, 'arn') });
const all = [lb, tg, listener];
const actualOf = (...nodes: ActualNode[]) => new Map(nodes.map((a) => [a.id, a]));
const matching = () =>
  actualOf(
    live(lb, lb.props, { arn: 'lb-arn' }),
    live(tg, tg.props, { arn: 'tg-arn' }),
    live(listener, { lbArn: 'lb-arn', tgArn: 'tg-arn' }),
  );
const acts = (changes: ReturnType<typeof planChanges>) =>
  changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.id}`);

describe('planner', () => {
  it('creates everything from empty, in dependency order, with references known after apply', () => {
    const changes = planChanges(all, new Map(), providers, 'apply');
    expect(acts(changes)).toEqual(['create lb:web', 'create tg:web-tg', 'create l:web:80']);
    expect(changes[2]!.after).toEqual({ lbArn: '(known after apply)', tgArn: '(known after apply)' });
  });

  it('plans nothing when live matches, resolving references from live outputs', () => {
    expect(acts(planChanges(all, matching(), providers, 'apply'))).toEqual([]);
  });

  it('plans an update for a field that can change in place, naming the field', () => {
    const actual = matching();
    actual.set(lb.id, live(lb, { scheme: 'internal', subnets: ['a'] }, { arn: 'lb-arn' }));
    const [change] = planChanges(all, actual, providers, 'apply').filter((c) => c.action !== 'noop');
    expect(change).toMatchObject({ action: 'update', id: 'lb:web', fields: ['subnets'] });
  });

  it('plans a replacement with its reason, and cascades it only to nodes that reference it', () => {
    const actual = matching();
    actual.set(tg.id, live(tg, { port: 8080 }, { arn: 'tg-arn' }));
    const changes = planChanges(all, actual, providers, 'apply');
    expect(acts(changes)).toEqual(['replace tg:web-tg', 'replace l:web:80']);
    expect(changes.find((c) => c.id === tg.id)!.reason).toBe('port cannot change');
    expect(changes.find((c) => c.id === listener.id)!.reason).toBe('tg:web-tg is replaced');
  });

  it('ignores live properties the desired node does not name', () => {
    const actual = matching();
    actual.set(tg.id, live(tg, { port: 80, healthCheckPath: '/' }, { arn: 'tg-arn' }));
    expect(acts(planChanges(all, actual, providers, 'apply'))).toEqual([]);
  });

  it('deletes an owned live child the file no longer names, and leaves unowned ones alone', () => {
    const actual = matching();
    const stray = node('l', 'web:81', {});
    actual.set(stray.id, live(stray, {}, {}, true));
    const foreign = node('l', 'web:82', {});
    actual.set(foreign.id, live(foreign, {}, {}, false));
    const changes = planChanges(all, actual, providers, 'apply');
    expect(acts(changes)).toEqual(['delete l:web:81']);
    expect(changes.find((c) => c.action === 'delete')!.reason).toBe(
      'no longer in the stack file (was web:81)',
    );
  });

  it('refuses to take over a resource apigw did not create', () => {
    const actual = actualOf({ ...live(lb, lb.props, { arn: 'x' }, false), conflict: 'lb `web` is not ours' });
    expect(() => planChanges(all, actual, providers, 'apply')).toThrow(UserError);
    expect(() => planChanges(all, actual, providers, 'apply')).toThrow('lb `web` is not ours');
  });

  it('destroys every owned node and nothing read-only', () => {
    const adopted = node('lb', 'shared', { existing: 'arn' }, { readOnly: true });
    const actual = matching();
    actual.set(adopted.id, live(adopted, {}, {}, false));
    const changes = planChanges([...all, adopted], actual, providers, 'destroy');
    expect(acts(changes).sort()).toEqual(['delete l:web:80', 'delete lb:web', 'delete tg:web-tg']);
  });

  it('compares hashed values by digest once their references resolve', () => {
    const dep = node('l', 'deploy', { definition: hashed({ routes: ['GET /'], lb: ref(lb.id, 'arn') }) });
    const fresh = planChanges([lb, dep], actualOf(live(lb, lb.props, { arn: 'lb-arn' })), providers, 'apply');
    const digest = fresh.find((c) => c.id === dep.id)!.after!.definition as string;
    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    const same = actualOf(live(lb, lb.props, { arn: 'lb-arn' }), live(dep, { definition: digest }));
    expect(acts(planChanges([lb, dep], same, providers, 'apply'))).toEqual([]);
    const moved = actualOf(live(lb, lb.props, { arn: 'other-arn' }), live(dep, { definition: digest }));
    expect(acts(planChanges([lb, dep], moved, providers, 'apply'))).toEqual(['update l:deploy']);
  });

  it('summarizes by action', () => {
    expect(summarize(planChanges(all, new Map(), providers, 'apply'))).toEqual({
      create: 3,
      update: 0,
      replace: 0,
      delete: 0,
    });
  });
});

describe('destroy plans', () => {
  it('list dependents before what they depend on', () => {
    const actual = matching();
    actual.set(listener.id, { ...actual.get(listener.id)!, deps: [lb.id, tg.id] });
    const ids = planChanges(all, actual, providers, 'destroy').map((c) => c.id);
    expect(ids.indexOf(listener.id)).toBeLessThan(ids.indexOf(lb.id));
    expect(ids.indexOf(listener.id)).toBeLessThan(ids.indexOf(tg.id));
  });
});

describe('delete blockers', () => {
  it('refuse a destroy or replacement of a node that must stay, before anything changes', () => {
    const actual = matching();
    actual.set(lb.id, {
      ...actual.get(lb.id)!,
      deleteBlocker: { message: 'lb web is shared', hints: ['unshare it'] },
    });
    expect(() => planChanges(all, actual, providers, 'destroy')).toThrow('lb web is shared');
    expect(acts(planChanges(all, actual, providers, 'apply'))).toEqual([]);
  });
});
