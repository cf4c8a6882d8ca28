import type { Clients } from '../aws/clients';
import type { Clock } from '../clock';
import type { Stack } from '../config/stack';
import type { StackInput } from '../config/schema';

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

/** What the stack file asks for: one resource, found in AWS by its natural key. */
export interface DesiredNode {
  /** `${kind}:${key}`, unique in a stack. */
  id: string;
  kind: string;
  key: string;
  props: Props;
  /** Ids of the nodes that must exist first: every `$ref` target, plus explicit ordering. */
  deps: string[];
  /** Read and referenced, never changed or deleted (adopted resources, lookups such as the default VPC). */
  readOnly?: boolean;
}

/** What AWS has for a natural key, in the same shape as `DesiredNode.props`. */
export interface ActualNode {
  id: string;
  kind: string;
  key: string;
  props: Record<string, unknown>;
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
}

/** A desired node whose references are resolved to live values. */
export interface ResolvedNode {
  id: string;
  kind: string;
  key: string;
  props: Record<string, unknown>;
}

/**
 * One AWS resource kind: how to find it by its natural key, and how to create, update and delete it.
 * Identity rules live only here. Adding a kind is one file and one line in the registry.
 */
export interface Provider {
  kind: string;
  /** Singular noun for messages ("load balancer"). */
  title: string;
  /** Kinds to read before this one (their live ids are needed to find this one). */
  readAfter?: string[];
  /** Properties AWS cannot change in place; a difference there plans a replacement. */
  replaceOn?: Record<string, string>;
  /**
   * Replace by creating the new resource first and deleting the old one last, after its dependents
   * were updated to the new one. For kinds whose names need not be unique (VPC links), which AWS
   * refuses to delete while anything still references them. Dependents are then updated, not
   * replaced.
   */
  createBeforeDestroy?: boolean;
  /**
   * Kinds found only through a full listing (usage plans, API keys, VPC links v1): read whenever
   * this kind is read, even when the file names none of them, so that dropping the last one from
   * the file still finds it (by its stack tag) and deletes it.
   */
  companions?: string[];
  /**
   * For a node whose props are a table of children (a REST API's routes): the plan's view of a
   * create, update or replacement, child by child, so it lists `GET /orders/{id}` rather than one
   * opaque table. Presentation only: the action was already decided on the props.
   */
  describe?(before: Record<string, unknown> | undefined, after: Record<string, unknown>): ChangeView;
  /** Live nodes for these desired ones, plus live children the file no longer names (to delete). */
  read(ctx: ProviderContext, desired: DesiredNode[], state: ReadState): Promise<ActualNode[]>;
  create(ctx: ProviderContext, node: ResolvedNode): Promise<Outputs>;
  update?(ctx: ProviderContext, node: ResolvedNode, actual: ActualNode, change: Change): Promise<Outputs>;
  delete(ctx: ProviderContext, actual: ActualNode): Promise<void>;
  /** Lines for the outputs section (URLs, DNS names) once the node exists. */
  outputs?(
    node: { key: string; props: Record<string, unknown>; outputs: Outputs },
    ctx: { region: string },
  ): Record<string, string>;
}
