import { STACK_TAG } from '../../config/stack';
import { GetStagesCommand, type Stage } from '@aws-sdk/client-api-gateway';
import {
  readOnce,
  type ActualNode,
  type DesiredNode,
  type Outputs,
  type ProviderContext,
  type ReadState,
} from '../../engine/types';
import { UserError } from '../../errors';
import { nodeId } from '../../model/node';
import { notOursMessage } from '../elb-tags';

export { PAGE } from '../../aws/paginate';

/** What identity needs from a listed item: API Gateway items all carry id, name and tags. */
export interface Named {
  id?: string | undefined;
  name?: string | undefined;
  tags?: Record<string, string> | undefined;
  /** When AWS says (REST APIs, API keys, v2 APIs and links; not usage plans or v1 links). */
  createdDate?: Date | undefined;
}

const isOurs = (ctx: ProviderContext) => (i: Named) => i.tags?.[STACK_TAG] === ctx.stack.stack;

/** This stack's items named `name`, oldest first: what a create that got no answer looks for. */
export function oursNamed<T extends Named>(ctx: ProviderContext, name: string, items: T[]): T[] {
  return items.filter((i) => i.name === name && isOurs(ctx)(i)).sort(oldestFirst);
}

/** Oldest first (by `createdDate`, then id), so every run picks the same copy to keep. */
export function oldestFirst(a: Named, b: Named): number {
  const t = (a.createdDate?.getTime() ?? 0) - (b.createdDate?.getTime() ?? 0);
  return t !== 0 ? t : (a.id ?? '').localeCompare(b.id ?? '');
}

/** How to tell copies of one resource apart when two or more carry this stack's tag. */
export interface Healing<T> {
  /**
   * A copy whose unchangeable settings match the file: for a create-before-destroy kind whose
   * replacement was interrupted, the new one (the old one is the leftover, whatever still uses it).
   */
  matches?: (item: T) => boolean;
  /** Ids of the copies something references (stages, routes, integrations, keys). */
  inUse: (copies: T[]) => Promise<Set<string>>;
}

/** A copy apigw deletes, and why the plan says it does. */
export interface Extra<T> {
  item: T;
  reason: string;
}

export const LOST_RESPONSE_COPY = 'a duplicate copy nothing uses (left by a lost response)';

/**
 * Which of this stack's copies named `name` is the resource, and which are leftovers to delete
 * (docs/design-notes.md, "Healing duplicates"): one that matches the file beats one that does not
 * (an interrupted replacement); then the one in use; then the oldest. Two in use among the
 * candidates is an error naming both: apigw cannot know which one callers rely on.
 */
export async function chooseCopy<T extends Named>(
  title: string,
  name: string,
  copies: T[],
  healing: Healing<T>,
): Promise<{ keep: T; extra: Extra<T>[] }> {
  const sorted = [...copies].sort(oldestFirst);
  const matching = healing.matches ? sorted.filter(healing.matches) : sorted;
  const pool = matching.length > 0 ? matching : sorted;
  const used =
    pool.length > 1 || pool.length < sorted.length ? await healing.inUse(sorted) : new Set<string>();
  const usedPool = pool.filter((c) => used.has(c.id ?? ''));
  if (usedPool.length > 1) {
    throw new UserError(
      `Two ${title}s named \`${name}\` carry this stack's tag and both are in use: ${usedPool.map((c) => c.id).join(', ')}.`,
      [
        `apigw deletes a duplicate only when nothing uses it. Decide which one to keep, delete the other (or remove its ${STACK_TAG} tag), then rerun.`,
      ],
      'DUPLICATE_RESOURCE',
    );
  }
  const keep = usedPool[0] ?? pool[0]!;
  const extra = sorted
    .filter((c) => c !== keep)
    .map((item) => {
      if (pool.includes(item)) return { item, reason: LOST_RESPONSE_COPY };
      const moved = used.has(item.id ?? '') ? `; what uses it moves to ${keep.id ?? ''} first` : '';
      return {
        item,
        reason: `left over from an interrupted replacement (${keep.id ?? ''} matches the stack file)${moved}`,
      };
    });
  return { keep, extra };
}

/** The key a leftover copy is read under, so the plan deletes it beside the one it keeps. */
export const duplicateKey = (name: string, id: string | undefined) => `${name} (duplicate ${id ?? ''})`;

/**
 * The item a desired node names: the one with its name and this stack's tag. Several such items are
 * healed (`chooseCopy`): the one kept is returned, the others as `extra` for the plan to delete. An
 * item with the name but without the tag is a conflict the planner reports, never a takeover.
 */
export async function identify<T extends Named>(
  ctx: ProviderContext,
  title: string,
  name: string,
  items: T[],
  healing: Healing<T> = { inUse: async () => new Set() },
): Promise<{ item: T; owned: boolean; conflict?: string; extra: Extra<T>[] } | undefined> {
  const named = items.filter((i) => i.name === name);
  const ours = named.filter(isOurs(ctx));
  if (ours.length > 1) {
    const { keep, extra } = await chooseCopy(title, name, ours, healing);
    return { item: keep, owned: true, extra };
  }
  if (ours[0]) return { item: ours[0], owned: true, extra: [] };
  const other = named[0];
  if (!other) return undefined;
  return {
    item: other,
    owned: false,
    conflict: notOursMessage(title, name, other.tags?.[STACK_TAG], ctx.stack.stack),
    extra: [],
  };
}

/** Items this stack created whose names the file no longer gives: found by tag, to be deleted. */
export function dropped<T extends Named>(ctx: ProviderContext, items: T[], desired: DesiredNode[]): T[] {
  const names = new Set(desired.map((d) => d.key));
  return items.filter((i) => i.tags?.[STACK_TAG] === ctx.stack.stack && !names.has(i.name ?? ''));
}

/** Keys for items the file no longer names: the name, or name and id when two share a name. */
export function orphanKeys<T extends Named>(items: T[]): [string, T][] {
  const count = (n: string | undefined) => items.filter((i) => i.name === n).length;
  return items.map((i) => [count(i.name) > 1 ? `${i.name ?? ''} (${i.id ?? ''})` : (i.name ?? ''), i]);
}

/** An actual node of `kind` keyed `key`. */
export function actual(
  kind: string,
  key: string,
  parts: {
    props: object;
    outputs: Outputs;
    owned?: boolean;
    deps?: string[];
    conflict?: string;
    deleteReason?: string;
  },
): ActualNode {
  return {
    id: nodeId(kind, key),
    kind,
    key,
    props: parts.props as Record<string, unknown>,
    outputs: parts.outputs,
    owned: parts.owned ?? true,
    deps: parts.deps ?? [],
    ...(parts.conflict ? { conflict: parts.conflict } : {}),
    ...(parts.deleteReason ? { deleteReason: parts.deleteReason } : {}),
  };
}

/** Tags as API Gateway's create calls take them: the stack tag, in the create call itself. */
export const tagsOf = (ctx: ProviderContext): Record<string, string> => ({ ...ctx.tags });

/** The live id of the stack's REST API `name`, when it is ours: only then are its children read. */
/**
 * The stages of one REST API, listed once per read whichever kind asks first: the stages, the
 * deployments (which of apigw's deployments a stage or canary serves) and the documentation version
 * read them. GetStages returns every stage in one answer (no paging:
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetStages.html).
 */
export const restStages = (ctx: ProviderContext, state: ReadState, restApiId: string): Promise<Stage[]> =>
  readOnce(state, `apigw:GetStages:${restApiId}`, async () => {
    const res = await ctx.clients.apigw.send(new GetStagesCommand({ restApiId }));
    return res.item ?? [];
  });

export function ownedRestApiId(state: ReadState, name: string): string | undefined {
  const api = state.actual.get(nodeId('rest-api', name));
  return api?.owned ? (api.outputs.id as string) : undefined;
}
