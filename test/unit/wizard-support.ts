import type { Prompter } from '../../src/context';
import { scriptedPrompter } from '../support/fakes';
import type { Discovery } from '../../src/services/discovery';
import type { InitAnswers } from '../../src/wizard/answers';
import type { WizardDeps } from '../../src/wizard/ask';
import { stackFileOf } from '../../src/wizard/build';
import { answersFromFlags } from '../../src/wizard/flags';
import { runWizard } from '../../src/wizard/flow';
import { renderStackFile } from '../../src/wizard/render';

export const I1 = 'i-0123456789abcdef0';
export const I2 = 'i-0123456789abcdef1';
export const NLB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/legacy/0a1b2c3d';
export const ALB_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/4e5f6a7b';
export const CERT_A = 'arn:aws:acm:us-east-1:123456789012:certificate/aaaa';
export const CERT_B = 'arn:aws:acm:us-east-1:123456789012:certificate/bbbb';

/** An account with two VPCs (vpc-1 is the default), instances, two load balancers, a zone and certificates. */
export function fakeAccount(calls: string[] = []): Discovery {
  const log = <T>(name: string, value: T) => {
    calls.push(name);
    return Promise.resolve(value);
  };
  return {
    vpcs: () =>
      log('vpcs', [
        { id: 'vpc-1', isDefault: true, cidr: '172.31.0.0/16' },
        { id: 'vpc-2', name: 'prod', isDefault: false, cidr: '10.0.0.0/16' },
      ]),
    subnets: (vpc) =>
      log(`subnets ${vpc}`, [
        { id: `subnet-${vpc.slice(4)}a`, zone: 'us-east-1a', defaultForZone: vpc === 'vpc-1' },
        { id: `subnet-${vpc.slice(4)}b`, zone: 'us-east-1b', defaultForZone: vpc === 'vpc-1' },
      ]),
    securityGroups: (vpc) =>
      log(`groups ${vpc}`, [
        { id: 'sg-0aa', name: 'default' },
        { id: 'sg-0bb', name: 'web' },
      ]),
    instances: (vpc) =>
      log(`instances ${vpc}`, [
        { id: I1, name: 'web-1' },
        { id: I2, name: 'web-2' },
      ]),
    loadBalancers: () =>
      log('loadBalancers', [
        {
          arn: NLB_ARN,
          name: 'legacy',
          type: 'network' as const,
          scheme: 'internal' as const,
          vpcId: 'vpc-2',
        },
        {
          arn: ALB_ARN,
          name: 'web',
          type: 'application' as const,
          scheme: 'internal' as const,
          vpcId: 'vpc-1',
        },
      ]),
    listeners: (arn) =>
      log(`listeners ${arn}`, [
        { port: 8443, protocol: 'TLS' },
        { port: 80, protocol: 'TCP' },
      ]),
    hostedZones: () => log('hostedZones', [{ id: 'Z0123', name: 'example.com' }]),
    certificates: () =>
      log('certificates', [
        { arn: CERT_A, domain: '*.example.com', names: ['*.example.com'] },
        { arn: CERT_B, domain: 'api.example.com', names: ['api.example.com'] },
        {
          arn: 'arn:aws:acm:us-east-1:123456789012:certificate/cccc',
          domain: 'other.org',
          names: ['other.org'],
        },
      ]),
  };
}

/** A question as the wizard put it: what a person would have seen preselected. */
export interface Question {
  message: string;
  default?: unknown;
  checked?: unknown[];
  choices?: unknown[];
}

export interface WizardRun {
  answers: InitAnswers;
  yaml: string;
  asked: string[];
  questions: Question[];
  said: string[];
  listed: string[];
}

/** Runs the wizard on a scripted terminal (or none) against the fake account. */
export async function wizard(
  script: unknown[],
  given: Partial<InitAnswers> = {},
  interactive = true,
  extra: Partial<WizardDeps> = {},
): Promise<WizardRun> {
  const scripted = scriptedPrompter([...script]);
  const questions: Question[] = [];
  const note = (q: {
    message: string;
    default?: unknown;
    choices?: { value: unknown; checked?: boolean }[];
  }) =>
    questions.push({
      message: q.message,
      ...(q.default !== undefined ? { default: q.default } : {}),
      ...(q.choices ? { choices: q.choices.map((c) => c.value) } : {}),
      ...(q.choices?.some((c) => c.checked)
        ? { checked: q.choices.filter((c) => c.checked).map((c) => c.value) }
        : {}),
    });
  const prompter: Prompter = {
    confirm: (q) => (note(q), scripted.confirm(q)),
    input: (q) => (note(q), scripted.input(q)),
    select: (q) => (note(q), scripted.select(q)),
    checkbox: (q) => (note(q), scripted.checkbox(q)),
  };
  const said: string[] = [];
  const listed: string[] = [];
  const deps: WizardDeps = {
    prompter,
    interactive,
    say: (t) => said.push(t),
    discover: () => Promise.resolve(fakeAccount(listed)),
    defaultRegion: 'us-east-1',
    ...extra,
  };
  const answers = await runWizard(deps, given, 'shop');
  return {
    answers,
    yaml: renderStackFile(stackFileOf(answers)),
    asked: scripted.asked,
    questions,
    said,
    listed,
  };
}

/** The file `apigw init --no-input <flags>` writes (flags as oclif parses them). */
export async function fromFlags(flags: Record<string, unknown>): Promise<string> {
  return (await wizard([], answersFromFlags(flags), false)).yaml;
}
