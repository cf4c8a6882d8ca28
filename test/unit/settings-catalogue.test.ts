import { UpdateStageCommand, type UpdateStageCommandInput } from '@aws-sdk/client-apigatewayv2';
import { z } from 'zod';
import { parseStack } from '../../src/config/load';
import { initSettingFlags, stepSettingFlags } from '../../src/config/setting-flags';
import {
  lacksText,
  restOnlyUses,
  setting,
  STAGE_SETTINGS,
  stageProps,
  stageShape,
  stageTypeIssues,
  type StageSettingAnswers,
  type StageSettings,
} from '../../src/config/settings';
import type { RestStageProps } from '../../src/model/props/rest';
import type { HttpStageProps } from '../../src/model/props/http';
import { stagePatch } from '../../src/providers/rest/stage-patch';
import { stagePatches } from '../../src/steps/stage';
import { answersFromFlags } from '../../src/wizard/flags';
import { askStage } from '../../src/wizard/api';
import { Asker } from '../../src/wizard/ask';
import { scriptedPrompter } from '../support/fakes';
import { stageProps as restStage } from './rest-fixtures';
import { liveWorld, mockPlan, resetV2, sent, URL_STACK, v2 } from './http-fixtures';

/**
 * The first setting of the logging issue (#15), as an entry of its own: a stage's `metrics: true`
 * (REST detailed CloudWatch metrics; HTTP detailed route metrics). Registering it must be enough
 * for the schema, the rules, the flags of both commands, the prompt, the cost list and the node
 * props: nothing else in src/ lists settings.
 */
const metrics = setting({
  key: 'metrics',
  schema: z.boolean().describe('detailed CloudWatch metrics for the stage'),
  apiTypes: ['rest'],
  label: 'detailed metrics',
  default: false,
  costFeature: 'cache', // any id of the public enum: the sample only proves the derivation
  // The real entry adds `metrics?: boolean` to StageSettingAnswers, next to the catalogue.
  flags: [
    {
      name: 'metrics',
      type: 'boolean',
      description: 'Detailed CloudWatch metrics.',
      answer: 'metrics' as keyof StageSettingAnswers,
    },
  ],
  prompt: { kind: 'confirm', message: 'Turn on detailed metrics?', default: false },
  props: { rest: (v) => ({ metrics: v ?? false }) },
});
const WITH: StageSettings = { ...STAGE_SETTINGS, metrics };

describe('the settings catalogue: one entry gives schema, rule, flags, prompt, cost feature and props', () => {
  it('a registered sample setting (#15 `metrics`) appears in all of them', () => {
    const schema = z.strictObject({ name: z.string(), ...stageShape(WITH) });
    expect(schema.safeParse({ name: 'prod', metrics: true }).success).toBe(true);
    expect(schema.safeParse({ name: 'prod', metrics: 'yes' }).success).toBe(false);
    expect(z.toJSONSchema(schema).properties?.metrics).toEqual({
      type: 'boolean',
      description: 'detailed CloudWatch metrics for the stage',
    });

    expect(stageTypeIssues(WITH, { name: '$default', metrics: true }, 'http')).toEqual([
      {
        key: 'metrics',
        message: 'detailed metrics is a REST API feature; HTTP APIs do not have it. Use `api.type: rest`',
      },
    ]);
    expect(stageTypeIssues(WITH, { name: 'prod', metrics: true }, 'rest')).toEqual([]);

    expect(Object.keys(stepSettingFlags(WITH))).toContain('metrics');
    expect(Object.keys(initSettingFlags(WITH))).toContain('metrics');

    expect(lacksText(WITH, 'http')).toContain('detailed metrics');
    expect(lacksText(STAGE_SETTINGS, 'http')).not.toContain('detailed metrics');

    const stack = { usagePlans: [], stages: [{ name: 'prod', metrics: true }] };
    expect(restOnlyUses(WITH, stack)).toEqual([
      { id: 'cache', label: 'detailed metrics', where: ['stages[0].metrics'] },
    ]);
    expect(restOnlyUses(WITH, { usagePlans: [], stages: [{ name: 'prod', metrics: false }] })).toEqual([]);

    expect(stageProps(WITH, { name: 'prod' }, 'rest')).toMatchObject({ metrics: false });
    expect(stageProps(WITH, { name: 'prod', metrics: true }, 'rest')).toMatchObject({ metrics: true });
    expect(stageProps(WITH, { name: '$default', metrics: true }, 'http')).not.toHaveProperty('metrics');
  });

  it('the sample setting is asked by init on a terminal (REST only), after the catalogue before it', async () => {
    const prompter = scriptedPrompter(['prod', false, false, true]);
    const deps = {
      prompter,
      interactive: true,
      say: () => undefined,
      discover: () => Promise.reject(new Error('no')),
      defaultRegion: 'us-east-1',
    };
    const got = await askStage(new Asker(deps, () => 'us-east-1'), {}, 'rest', WITH);
    expect(prompter.asked).toEqual([
      'Stage name',
      'Limit requests per second (throttling)?',
      'Turn on X-Ray tracing?',
      'Turn on detailed metrics?',
    ]);
    expect(got).toEqual({ stage: 'prod', metrics: true });
    const http = scriptedPrompter(['$default', false]);
    await askStage(new Asker({ ...deps, prompter: http }, () => 'us-east-1'), {}, 'http', WITH);
    expect(http.asked).not.toContain('Turn on detailed metrics?');
  });

  it('the real catalogue gives the stage schema, the rules and the REST-only list the CLI uses', () => {
    const { stack } = parseStack(
      'stack: s\napi: { type: rest, backend: { url: "https://example.com" } }\nstages: [{ name: prod, tracing: true, cache: "0.5" }]\n',
    );
    expect(restOnlyUses(STAGE_SETTINGS, stack).map((f) => f.id)).toEqual(['xray', 'cache']);
    expect(() =>
      parseStack(
        'stack: s\napi: { type: http, backend: { url: "https://example.com" } }\nstages: [{ name: a, tracing: true }]\n',
      ),
    ).toThrow(/stages\[0\]\.tracing: X-Ray tracing is a REST API feature/);
    expect(stageProps(STAGE_SETTINGS, { name: 'prod' }, 'rest')).toEqual({
      description: null,
      variables: {},
      throttling: null,
      tracing: false,
      metrics: false,
      logging: null,
      canary: null,
      waf: null,
      cache: null,
      accessLogs: null,
    });
    expect(stageProps(STAGE_SETTINGS, { name: '$default' }, 'http')).toEqual({
      description: null,
      variables: {},
      accessLogs: null,
      metrics: false,
      autoDeploy: true,
    });
  });

  it('the real `metrics` entry (#15): both API types, a stage deploy and init flag, props on both kinds', () => {
    const ok = (type: string) =>
      parseStack(
        `stack: s\napi: { type: ${type}, backend: { url: "https://example.com" } }\nstages: [{ name: a, metrics: true }]\n`,
      ).stack;
    expect(ok('rest').stages[0]).toMatchObject({ metrics: true });
    expect(ok('http').stages[0]).toMatchObject({ metrics: true });
    expect(() =>
      parseStack(
        'stack: s\napi: { type: rest, backend: { url: "https://example.com" } }\nstages: [{ name: a, metrics: "yes" }]\n',
      ),
    ).toThrow(/stages\[0\]\.metrics/);
    expect(stepSettingFlags(STAGE_SETTINGS).metrics.type).toBe('boolean');
    expect(answersFromFlags({ metrics: true }).metrics).toBe(true);
    expect(stagePatches({ name: 'prod', metrics: true })({ stack: 'x' })).toEqual([
      { op: 'set', path: ['stages'], value: [{ name: 'prod' }] },
      { op: 'set', path: ['stages', 0, 'metrics'], value: true },
    ]);
    expect(stageProps(STAGE_SETTINGS, { name: 'p', metrics: true }, 'rest')).toMatchObject({ metrics: true });
    expect(stageProps(STAGE_SETTINGS, { name: 'p', metrics: true }, 'http')).toMatchObject({ metrics: true });
    expect(restOnlyUses(STAGE_SETTINGS, { usagePlans: [], stages: [{ name: 'p', metrics: true }] })).toEqual(
      [],
    );
  });
});

// rateLimit is a Double and burstLimit an Integer in ThrottleSettings
// (https://docs.aws.amazon.com/apigateway/latest/api/API_ThrottleSettings.html; docs/aws-rules.md#throttling).
/** True when A and B are the same type (not only assignable to each other). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe('the stage props types derive from the catalogue (no hand-written line per setting)', () => {
  it("each entry's `props` return type is a field of the stage kind's props type, per API type", () => {
    // Compile-time checks (`npm run lint` type-checks the tests): a setting's field comes from its
    // entry's `props`, with the value type the entry returns, and only on the API types it has.
    const checks: true[] = [
      true satisfies Same<RestStageProps['tracing'], boolean>,
      true satisfies Same<RestStageProps['cache'], (typeof STAGE_SETTINGS.cache.schema)['_output'] | null>,
      true satisfies Same<
        RestStageProps['logging'],
        { level: 'OFF' | 'ERROR' | 'INFO'; dataTrace: boolean } | null
      >,
      true satisfies Same<RestStageProps['throttling'], { rate: number; burst: number } | null>,
      true satisfies Same<HttpStageProps['throttling'], { rate: number; burst: number } | null | undefined>,
      true satisfies Same<HttpStageProps['autoDeploy'], boolean>,
      // The model resolves the log group: a provider always receives an ARN.
      true satisfies Same<NonNullable<RestStageProps['accessLogs']>['destinationArn'], string>,
    ];
    // @ts-expect-error X-Ray tracing is REST-only: HTTP stage props have no `tracing`.
    const tracing: HttpStageProps['tracing'] = false;
    // @ts-expect-error canary releases are REST-only.
    const canary: HttpStageProps['canary'] = null;
    expect(checks.every((c) => c)).toBe(true);
    expect([tracing, canary]).toEqual([false, null]);
    // At run time the props the model builds hold exactly the catalogue's fields.
    expect(Object.keys(stageProps(STAGE_SETTINGS, { name: 'prod' }, 'http')).sort()).toEqual(
      ['accessLogs', 'autoDeploy', 'description', 'metrics', 'variables'].sort(),
    );
  });
});

describe('--throttle-rate is a decimal > 0 in init and stage deploy alike (rateLimit is a Double)', () => {
  it('both commands take 0.5 and refuse 0, negatives and words, naming the flag', () => {
    expect(answersFromFlags({ 'throttle-rate': '0.5' }).throttleRate).toBe(0.5);
    expect(
      stagePatches({ name: 'prod', 'throttle-rate': '0.5', 'throttle-burst': 1 })({ stack: 'x' }),
    ).toEqual([
      { op: 'set', path: ['stages'], value: [{ name: 'prod' }] },
      { op: 'set', path: ['stages', 0, 'throttling'], value: { rate: 0.5, burst: 1 } },
    ]);
    for (const bad of ['0', '-1', 'fast', '1e3']) {
      expect(() => answersFromFlags({ 'throttle-rate': bad })).toThrow(
        `--throttle-rate ${JSON.stringify(bad)} is not a number of requests per second greater than 0`,
      );
      expect(() => stagePatches({ name: 'prod', 'throttle-rate': bad })({ stack: 'x' })).toThrow(
        `--throttle-rate ${JSON.stringify(bad)} is not a number of requests per second greater than 0`,
      );
    }
  });

  it('one flag definition: init and stage deploy declare --throttle-rate the same way', () => {
    const init = initSettingFlags(STAGE_SETTINGS)['throttle-rate'];
    const step = stepSettingFlags(STAGE_SETTINGS)['throttle-rate'];
    expect({ type: step.type, multiple: step.multiple, description: step.description }).toEqual({
      type: init.type,
      multiple: init.multiple,
      description: init.description,
    });
  });

  it('REST: a fractional rate is sent as the patch value of /*/*/throttling/rateLimit', () => {
    expect(
      stagePatch(
        restStage({ throttling: { rate: 0.5, burst: 1 } }),
        restStage({ throttling: { rate: 2, burst: 1 } }),
      ),
    ).toEqual([
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '0.5' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '1' },
    ]);
  });

  it('HTTP: a fractional rate is sent as DefaultRouteSettings.ThrottlingRateLimit', async () => {
    resetV2();
    liveWorld({
      stages: [
        {
          StageName: 'prod',
          AutoDeploy: true,
          DefaultRouteSettings: { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 1 },
        },
      ],
    });
    v2.on(UpdateStageCommand).resolves({});
    const { apply } = await mockPlan(
      `${URL_STACK}stages:\n  - name: prod\n    throttling: { rate: 0.5, burst: 1 }\n`,
    );
    await apply();
    expect(sent<UpdateStageCommandInput>(UpdateStageCommand)).toEqual([
      {
        ApiId: 'api1',
        StageName: 'prod',
        DefaultRouteSettings: { ThrottlingRateLimit: 0.5, ThrottlingBurstLimit: 1 },
      },
    ]);
  });
});
