/**
 * The `--json` contract: what each command's run() returns, which the envelope carries as `result`
 * (src/io/envelope.ts). Types only: nothing here loads at run time. test/contract/ generates a JSON
 * Schema per command from `CommandResults` and pins it, so a breaking change is a visible diff.
 */
import type { CostResult } from './cost/estimate';
import type { ConfigIssue } from './errors';
import type { LocalServer, LocalStatus } from './local/moto';
import type { CheckResult } from './security/check-live';
import type { PolicyDocument } from './security/policy';
import type { NamedPolicy } from './security/policy-split';
import type { FmtResult } from './services/fmt';
import type { StackGraph } from './services/graph';
import type { ImportResult } from './services/import';
import type { UnlockResult } from './services/lock';
import type { ApiKeyInfo } from './services/rest-keys';
import type { Promotion } from './services/rest-promote';
import type { DocsPage } from './services/docs-page';
import type { ExportResult } from './services/export';
import type { ApplyResult } from './services/stack';
import type { StatusResult } from './services/status';
import type { DeploymentList, RollbackResult } from './services/versions';
import type { StepResult } from './steps/run';
import type { InitAnswers } from './wizard/answers';
import type { ErrorEnvelope, SuccessEnvelope } from './io/envelope';
import type { PlanResult } from './io/render-plan';

export type {
  ApplyResult,
  CostResult,
  DeploymentList,
  ExportResult,
  FmtResult,
  ImportResult,
  PlanResult,
  Promotion,
  RollbackResult,
  StackGraph,
  StatusResult,
  StepResult,
  UnlockResult,
};

/** `apigw docs`: the page's folder, files and routes, and where its document came from. */
export interface DocsResult extends DocsPage {
  source: ExportResult['source'];
}

export interface ValidateResult {
  valid: true;
  file: string;
  stack: string;
  /** Quotas AWS applies later: the file is valid, AWS may still refuse. */
  warnings: ConfigIssue[];
}

export interface CheckCommandResult extends CheckResult {
  /** A finding at or above --fail-on (exit 4). */
  failed: boolean;
}

export interface PolicyResult {
  stack: string;
  region: string;
  /** Every statement in one document. */
  policy: PolicyDocument;
  /** The same statements split to fit IAM's managed-policy size. */
  policies: NamedPolicy[];
  notes: string[];
}

export interface KeysResult {
  stack: string;
  keys: ApiKeyInfo[];
}

export interface OutputsListResult {
  stack: string;
  region: string;
  outputs: Record<string, string>;
}

export interface OneOutputResult {
  name: string;
  value: string;
}

/** `output` prints all outputs, or with NAME only that one. */
export type OutputResult = OutputsListResult | OneOutputResult;

/** InitResult without the parsed stack (init.ts returns one as the other, so they stay in step). */
export interface InitCommandResult {
  file: string;
  written: boolean;
  answers: InitAnswers;
  /** The file's text, as written. */
  yaml: string;
  /** With --apply (or yes on a terminal): what the apply did. */
  applied?: ApplyResult;
}

export interface LocalStartResult extends LocalServer {
  alreadyRunning: boolean;
}

export interface LocalStatusResult extends Partial<LocalStatus> {
  running: boolean;
  installed: boolean;
}

export interface LocalStopResult {
  stopped: boolean;
  stale: boolean;
}

/** `apigw logs --json`: the stage's raw access log events (CloudWatch Logs' FilteredLogEvent). */
export interface LogsResult {
  stage: string;
  logGroup: string;
  events: { timestamp?: number; message?: string; logStreamName?: string; eventId?: string }[];
}

/** Command id (oclif's, with `:`) -> the `result` its `--json` envelope carries. */
export interface CommandResults {
  'api:create': StepResult;
  apply: ApplyResult;
  check: CheckCommandResult;
  cost: CostResult;
  deployments: DeploymentList;
  destroy: ApplyResult;
  docs: DocsResult;
  'domain:map': StepResult;
  export: ExportResult;
  fmt: FmtResult;
  graph: StackGraph;
  import: ImportResult;
  init: InitCommandResult;
  keys: KeysResult;
  'lb:deploy': StepResult;
  'local:start': LocalStartResult;
  'local:status': LocalStatusResult;
  'local:stop': LocalStopResult;
  logs: LogsResult;
  output: OutputResult;
  plan: PlanResult;
  policy: PolicyResult;
  rollback: RollbackResult;
  'route:add': StepResult;
  show: PlanResult;
  'stage:deploy': StepResult;
  'stage:promote': Promotion;
  status: StatusResult;
  unlock: UnlockResult;
  validate: ValidateResult;
  'vpclink:create': StepResult;
}

/** Both documents `--json` can print; `result` is one of CommandResults. */
export type JsonDocument = SuccessEnvelope<CommandResults[keyof CommandResults]> | ErrorEnvelope;

/** The envelope with any result (each command's result has its own schema). */
export type EnvelopeDocument = SuccessEnvelope<unknown> | ErrorEnvelope;
