import type { Clients } from '../aws/clients';
import type { Clock } from '../clock';
import type { Stack } from '../config/stack';
import type { StackInput } from '../config/schema';
import type { KindCalls, KindHop, KindOutputId, StepId } from './kind-facts';

/** A value known only after an earlier node is applied: `outputs[attr]` of node `$ref`. */
export interface Ref {
  $ref: string;
  attr: string;
}
/** A value compared by its digest: resolved first, then hashed (see `hashed`). */
export interface Hashed {
  $hash: Value;
}
export type Value =
  string | number | boolean | null | undefined | Ref | Hashed | Value[] | { [key: string]: Value };
export type Props = Record<string, Value>;

/**
 * A props field as a model builder writes it: the value, or a reference / digest the executor
 * resolves to it before create or update (see `resolveProps`). Nested lists and records may hold
 * references too (a REST route's integration URI).
 */
export type Unresolved<T> =
  | Ref
  | Hashed
  | (T extends readonly (infer U)[]
      ? Unresolved<U>[]
      : T extends object
        ? { [K in keyof T]: Unresolved<T[K]> }
        : T);

/**
 * The desired form of a kind's props type `P` (each provider's `*Props`): every field may still be
 * unresolved. The untyped `Props` stays as it is (the engine's erased view).
 */
export type DesiredProps<P extends object> = { [K in keyof P]: Unresolved<P[K]> };
export type Outputs = Record<string, unknown>;

/** Shown in plans for values that exist only after apply. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

export function isRef(v: unknown): v is Ref {
  return typeof v === 'object' && v !== null && '$ref' in v && 'attr' in v;
}

export function ref(id: string, attr: string): Ref {
  return { $ref: id, attr };
}

export function isHashed(v: unknown): v is Hashed {
  return typeof v === 'object' && v !== null && '$hash' in v;
}

/**
 * A digest of `value` once its references are resolved: how a REST deployment knows the API
 * definition changed (the hash lives in the deployment's description) without a state file.
 * Unknown while anything inside is unknown.
 */
export function hashed(value: Value): Hashed {
  return { $hash: value };
}

/**
 * What the stack file asks for: one resource, found in AWS by its natural key. `P` is the kind's
 * props type (resolved form); the engine sees the erased default.
 */
export interface DesiredNode<out P extends object = Props> {
  /** `${kind}:${key}`, unique in a stack. */
  id: string;
  kind: string;
  key: string;
  props: DesiredProps<P>;
  /** Ids of the nodes that must exist first: every `$ref` target, plus explicit ordering. */
  deps: string[];
  /** Read and referenced, never changed or deleted (adopted resources, lookups such as the default VPC). */
  readOnly?: boolean;
}

/**
 * What AWS has for a natural key, in the same shape as `DesiredNode.props`. Lists need no sorting:
 * the planner compares every list as a set (`comparable` in ./values), whatever order AWS lists it in.
 */
export interface ActualNode<P extends object = Record<string, unknown>> {
  id: string;
  kind: string;
  key: string;
  props: P;
  outputs: Outputs;
  /** Carries the stack tag, or belongs to a parent that does. Only owned nodes are ever changed or deleted. */
  owned: boolean;
  /** Ids of live nodes this one needs, so deletes can run in reverse. */
  deps: string[];
  /** Said when an unowned node stands where apigw would create one. */
  conflict?: string;
  /**
   * Why the plan deletes this owned node, when the file does not name it for another reason than
   * being dropped (a duplicate copy left by a lost response or an interrupted replacement).
   */
  deleteReason?: string;
  /**
   * Why this node must not be deleted or replaced now (a custom domain that other APIs still use):
   * a plan that would do either is refused as a whole, before anything changes.
   */
  deleteBlocker?: { message: string; hints: string[] };
}

export type Action = 'create' | 'update' | 'replace' | 'delete' | 'noop';

export interface Change {
  id: string;
  kind: string;
  key: string;
  action: Action;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** Fields that differ (update, replace). */
  fields?: string[];
  reason?: string;
}

/** What an interrupted apply did (`--json`: the error envelope's `partial`, with code ABORTED). */
export interface InterruptedApply {
  done: { action: string; kind: string; key: string }[];
  /** A create-before-destroy replacement whose new half exists and old half is not deleted yet. */
  partlyDone: { action: string; kind: string; key: string; note: string }[];
  notStarted: { action: string; kind: string; key: string }[];
}

export interface Plan {
  version: 1;
  stack: string;
  region: string;
  mode: 'apply' | 'destroy';
  changes: Change[];
  /** Hash of everything read from AWS; a saved plan is refused when it no longer matches. */
  fingerprint: string;
  warnings: string[];
  /** The stack file as parsed, so `apply plan.json` derives the same model. */
  input: StackInput;
  /** Made with `--delete-logs`: deletes what `Provider.keep` keeps otherwise (re-plans ask the same). */
  deleteKept?: true;
  /** `--target` / `--replace` addresses the plan was made with; a saved plan re-plans with them. */
  select?: { targets: string[]; replace: string[] };
}

export type EngineEvent =
  | { type: 'info'; message: string }
  | { type: 'warn'; message: string }
  | { type: 'change-start'; change: Change }
  | { type: 'change-done'; change: Change; ms: number }
  | { type: 'change-failed'; change: Change; error: Error }
  | { type: 'change-skipped'; change: Change; because: string }
  | { type: 'wait'; id: string; message: string; elapsedMs: number };

/** How a change reads in a plan (see `Provider.describe`). */
export type ChangeView = Pick<Change, 'before' | 'after' | 'fields' | 'reason'>;

/** Everything a provider may touch. Passed down; there are no singletons. */
export interface ProviderContext {
  clients: Clients;
  stack: Stack;
  region: string;
  clock: Clock;
  emit(event: EngineEvent): void;
  signal?: AbortSignal;
  /** Tags every created resource carries, in the create call itself. */
  tags: Record<string, string>;
  /** Timeout for waits (VPC links, load balancers), ms. */
  waitTimeoutMs: number;
}

/** The state read so far: providers of child kinds find their parents' live ids here. */
export interface ReadState {
  desired: Map<string, DesiredNode>;
  actual: Map<string, ActualNode>;
  /**
   * Kinds the endpoint could not read in a destroy: left to their parent's delete (see
   * `Provider.goesWith`), or, without a parent, a kind the endpoint cannot list at all.
   */
  unread?: { kind: string; parent?: string; error: Error }[];
  /**
   * Kinds a whole destroy left unread because the deletes of their `parents` (all owned) take them
   * along (`carriedKinds` in ./index).
   */
  carried?: { kind: string; parents: string[] }[];
  /** Listings shared by several kinds within one read (see `readOnce`). */
  memo?: Map<string, Promise<unknown>>;
  /**
   * The run deletes what providers `keep` (`destroy --delete-logs`): a `keep` kind's read lists its
   * tagged resources even when the file names none of them.
   */
  deleteKept?: boolean;
  /** What the read is for: a destroy need not read children of a parent that does not exist. */
  mode?: 'apply' | 'destroy';
}

/** One listing per read, whichever kind asks first (the tag listing serves load balancers and target groups). */
export function readOnce<T>(state: ReadState, key: string, read: () => Promise<T>): Promise<T> {
  state.memo ??= new Map();
  if (!state.memo.has(key)) state.memo.set(key, read());
  return state.memo.get(key) as Promise<T>;
}

/** A desired node whose references are resolved to live values: props of the kind's type `P`. */
export interface ResolvedNode<P extends object = Record<string, unknown>> {
  id: string;
  kind: string;
  key: string;
  props: P;
}

/**
 * What the engine is given to plan and apply a stack: the providers by kind and the model builder
 * (the stack as desired nodes). The engine imports neither: the caller (services/catalogue.ts) wires
 * them, so providers and the model depend on the engine's types and the engine on nothing above it.
 */
export interface Catalogue {
  providers: Record<string, AnyProvider>;
  buildModel(stack: Stack): DesiredNode[];
}

/**
 * One AWS resource kind: how to find it by its natural key, and how to create, update and delete it.
 * Identity rules live only here, and so does everything else apigw knows about the kind: its step,
 * its IAM calls, its graph hop, its output id (./kind-facts.ts). Adding a kind is its module, one
 * line in the registry (src/providers/index.ts or a flow's index) and its model builder.
 * `P` is the kind's props type (model/props/*.ts), shared with the model builder that makes its nodes.
 */
export interface Provider<P extends object = Props> {
  kind: string;
  /** Singular noun for messages ("load balancer"). */
  title: string;
  /** What to do when the name is taken by something not ours (the conflict error's hint). */
  conflictHint?: string;
  /** Kinds to read before this one (their live ids are needed to find this one). */
  readAfter?: string[];
  /**
   * The kind whose delete takes this one's resources with it (DeleteApi deletes an HTTP API's
   * routes, integrations, stages, authorizers and deployments). When the plan deletes that parent
   * (the nearest live node of the kind this one depends on), this node's delete is listed as
   * "deleted with the HTTP API" and sends nothing: destroy costs one delete per parent, not one per
   * child (`deletedWith` in ./planner). Deleted alone, it still gets its own delete. And when an
   * endpoint cannot read this kind (an emulator lacks the call), `destroy` still goes ahead as long
   * as that parent is owned and deleted by the same plan, and warns. Declare it only when the
   * parent's delete does everything this one's delete would (a REST stage with a web ACL is
   * disassociated by its own delete, so `rest-stage` does not declare it).
   */
  goesWith?: string;
  /** Properties AWS cannot change in place; a difference there plans a replacement. */
  replaceOn?: { [K in keyof P & string]?: string };
  /**
   * Replace by creating the new resource first and deleting the old one last, after its dependents
   * were updated to the new one. For kinds whose names need not be unique (VPC links), which AWS
   * refuses to delete while anything still references them. Dependents are then updated, not
   * replaced.
   */
  createBeforeDestroy?: boolean;
  /**
   * Never deleted: neither `destroy` nor a file that drops it plans a delete (an account setting
   * every API in the account shares, such as API Gateway's CloudWatch Logs role). Why, in words:
   * a destroy plan that read one says it stays, and why (`Kept: ...` among its warnings).
   */
  kept?: string;
  /**
   * Kinds found only under this one (an HTTP API's routes, integrations and stages): read whenever
   * this kind is read, even when the file names none of them, so that dropping the last one from
   * the file still finds it and deletes it.
   */
  companions?: string[];
  /**
   * The read lists every resource of this kind that carries the stack tag, and returns the ones the
   * file does not name as owned nodes (deleted as "no longer in the stack file"): a renamed API or
   * load balancer, a dropped `loadBalancer:`, the REST API left by a switch to `type: http`. The
   * engine reads such kinds on every plan, whether or not the file names one, since the stack tag is
   * the only state there is. Top-level kinds only; children are their parents' `companions`.
   */
  listsOwned?: boolean;
  /**
   * For a node whose props are a table of children (a REST API's routes): the plan's view of a
   * create, update or replacement, child by child, so it lists `GET /orders/{id}` rather than one
   * opaque table. Presentation only: the action was already decided on the props.
   */
  describe?(before: Record<string, unknown> | undefined, after: Record<string, unknown>): ChangeView;
  /**
   * Live nodes for these desired ones, plus live children the file no longer names (to delete).
   * The live props stay untyped: they are what AWS answered, built from SDK responses whose fields
   * are all optional, and the planner compares them with the desired props field by field.
   */
  read(ctx: ProviderContext, desired: DesiredNode<P>[], state: ReadState): Promise<ActualNode[]>;
  create(ctx: ProviderContext, node: ResolvedNode<P>): Promise<Outputs>;
  update?(ctx: ProviderContext, node: ResolvedNode<P>, actual: ActualNode, change: Change): Promise<Outputs>;
  delete(ctx: ProviderContext, actual: ActualNode): Promise<void>;
  /**
   * Data the plan keeps when it would delete it (a stage's access log group, issue 15): the delete
   * is left out of the plan, which says so (`why`, from the live props: a group's retention), unless
   * the run asked for it with `flag` (`apigw destroy --delete-logs`, `EngineOptions.deleteKept`).
   * Such a run also reads the kind when the file names none of it, so that what a dropped setting
   * left (a group whose stage no longer has `accessLogs`) is found by its tag and deleted too.
   */
  keep?: { why: (live: Record<string, unknown>) => string; flag: string };
  /**
   * One request that creates this node and its children together, when that costs fewer requests
   * than their single creates (`BulkCreate`; the HTTP API's `ImportApi`), and, for a node that
   * exists, one that rewrites its children when that is cheaper than the plan's single calls
   * (`ReimportApi`). The plan still lists each child's change; apply sends the one request and then
   * only what it did not carry.
   */
  bulk?: BulkCreate;
  /** The outputs section (URLs, DNS names) once the node exists. */
  outputs?(
    node: { key: string; props: DesiredProps<P>; outputs: Outputs },
    ctx: { region: string },
  ): StackOutput[];
  /**
   * The step command that creates, changes and deletes this kind (`apigw lb deploy`, ...); null for a
   * lookup every step only reads (the network). src/steps/steps.ts derives each step's kinds from it.
   */
  step: StepId | null;
  /** The AWS calls this kind's flows make; src/security/needs.ts derives a stack's policy from them. */
  iam: KindCalls;
  /** Its hop on the request path, when a request travels through it (`apigw graph`). */
  hop?: KindHop;
  /** The id scripts ask for by name (`apigw output restApiId`), when no output prints it. */
  outputId?: KindOutputId;
}

/**
 * A parent whose create can carry the creates of its children in one request (an HTTP API made by
 * `ImportApi` from an OpenAPI document that holds its routes, integrations and authorizers). See
 * `Provider.bulk`.
 */
export interface BulkCreate {
  /** The child kinds the one request can carry. */
  kinds: string[];
  /**
   * Kinds the document names (the VPC link of private integrations): when the same plan creates or
   * changes one, the parent's create waits for it. An ordering of apply only: a step that does not
   * make the link plans without it, and the parent then takes single calls.
   */
  after?: string[];
  /**
   * Creates the parent `node` together with `children` (the desired nodes of `kinds` this plan
   * creates under it, unresolved: their references to each other say which route goes to which
   * integration; `lookup` gives the outputs of every node applied so far), or answers undefined to
   * leave the parent and every child to their own creates (single calls are cheaper, or the
   * endpoint lacks the request: the provider says so). `found` is what the request made, read back:
   * the executor gives each such child its live outputs with no call of its own when its props
   * match, updates it when they differ, and creates the children not found.
   */
  create(
    ctx: ProviderContext,
    node: ResolvedNode,
    children: DesiredNode[],
    lookup: (id: string) => Outputs | undefined,
  ): Promise<{ outputs: Outputs; found: ActualNode[] } | undefined>;
  /**
   * The same for a parent that exists: whether one request that writes all of its `children` anew
   * (ReimportApi) costs fewer requests than the `changes` single calls the plan makes under it.
   * Asked only of a whole apply (no scope, no `--target`): the request writes every child, so it
   * cannot keep to a selection.
   */
  worth?(changes: number, children: DesiredNode[], ctx: ProviderContext): boolean;
  /**
   * Writes the existing parent's children as `children` (all of its desired nodes of `kinds`, not
   * only the changed ones) in one request, or answers undefined to leave the changes to single calls
   * (the request cannot say them, or the endpoint lacks it: the provider says so). The request
   * deletes the children the file dropped; `found` is every child read back, adopted as for `create`.
   */
  change?(
    ctx: ProviderContext,
    node: ResolvedNode,
    live: ActualNode,
    children: DesiredNode[],
    lookup: (id: string) => Outputs | undefined,
  ): Promise<{ found: ActualNode[] } | undefined>;
}

/**
 * A provider of any kind: the registry (`providers/index.ts`) and the `Catalogue` hold providers of
 * different props types side by side, so the props type is erased here, and only here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one erasure point of Provider<P>
export type AnyProvider = Provider<any>;

/**
 * One output of the stack. `key` (invokeUrl, dnsName, customDomainUrl, vpcLinkId) and the fields
 * that tell outputs of a key apart (`stage`, `name`, `basePath`) are stable for --json; `label` is
 * for people ("invoke URL (prod)") and may change wording.
 */
export interface StackOutput {
  key: 'invokeUrl' | 'dnsName' | 'customDomainUrl' | 'vpcLinkId';
  label: string;
  value: string;
  stage?: string;
  name?: string;
  basePath?: string;
  status?: string;
}
