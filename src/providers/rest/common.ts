import { STACK_TAG } from '../../config/stack';
import type { ActualNode, DesiredNode, Outputs, ProviderContext, ReadState } from '../../engine/types';
import { UserError } from '../../errors';
import { nodeId } from '../../model/node';
import { notOursMessage } from '../elb-tags';

/** The largest page API Gateway's list calls return; fewer pages means fewer calls against the quota. */
export const PAGE = 500;

/** Every item of a position-paginated API Gateway list (GetRestApis, GetVpcLinks, GetUsagePlans ...). */
export async function allPages<T>(
  fetch: (position: string | undefined) => Promise<{ items?: T[]; position?: string }>,
): Promise<T[]> {
  const out: T[] = [];
  let position: string | undefined;
  do {
    const page = await fetch(position);
    out.push(...(page.items ?? []));
    position = page.position;
  } while (position);
  return out;
}

/** What identity needs from a listed item: API Gateway items all carry id, name and tags. */
export interface Named {
  id?: string | undefined;
  name?: string | undefined;
  tags?: Record<string, string> | undefined;
}

/**
 * The item a desired node names: the one with its name and this stack's tag. Two such items are an
 * error naming both (apigw cannot know which one is meant); an item with the name but without the
 * tag is a conflict the planner reports, never a takeover.
 */
export function identify<T extends Named>(
  ctx: ProviderContext,
  title: string,
  name: string,
  items: T[],
): { item: T; owned: boolean; conflict?: string } | undefined {
  const named = items.filter((i) => i.name === name);
  const ours = named.filter((i) => i.tags?.[STACK_TAG] === ctx.stack.stack);
  if (ours.length > 1) {
    throw new UserError(
      `Two ${title}s named \`${name}\` carry this stack's tag: ${ours.map((i) => i.id).join(', ')}.`,
      [`Delete the one that is not in use (or remove its ${STACK_TAG} tag), then rerun.`],
      'DUPLICATE_RESOURCE',
    );
  }
  if (ours[0]) return { item: ours[0], owned: true };
  const other = named[0];
  if (!other) return undefined;
  return {
    item: other,
    owned: false,
    conflict: notOursMessage(title, name, other.tags?.[STACK_TAG], ctx.stack.stack),
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
  };
}

/** Tags as API Gateway's create calls take them: the stack tag, in the create call itself. */
export const tagsOf = (ctx: ProviderContext): Record<string, string> => ({ ...ctx.tags });

/** The live id of the stack's REST API `name`, when it is ours: only then are its children read. */
export function ownedRestApiId(state: ReadState, name: string): string | undefined {
  const api = state.actual.get(nodeId('rest-api', name));
  return api?.owned ? (api.outputs.id as string) : undefined;
}
