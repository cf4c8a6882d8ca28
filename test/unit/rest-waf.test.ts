import { APIGatewayClient, CreateStageCommand } from '@aws-sdk/client-api-gateway';
import {
  AssociateWebACLCommand,
  GetWebACLForResourceCommand,
  WAFInvalidParameterException,
  WAFUnavailableEntityException,
  WAFV2Client,
} from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { fakeClock } from '../support/fakes';
import { UserError } from '../../src/errors';
import { restStageProvider } from '../../src/providers/rest/stage';
import { mockProviderContext } from '../support/mock-context';
import { stageProps } from './rest-fixtures';

/**
 * A brand-new stage is often not yet visible to WAF: AssociateWebACL answers
 * WAFUnavailableEntityException for a while (the emulator never does, so this is mocked).
 */
const apigw = mockClient(APIGatewayClient);
const waf = mockClient(WAFV2Client);
beforeEach(() => {
  apigw.reset();
  waf.reset();
  apigw.on(CreateStageCommand).resolves({});
  waf.on(GetWebACLForResourceCommand).resolves({});
});

const ACL = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shop-acl/1';
const STAGE_ARN = 'arn:aws:apigateway:us-east-1::/restapis/a1/stages/prod';
const stageNode = {
  id: 'rest-stage:shop-api/prod',
  kind: 'rest-stage',
  key: 'shop-api/prod',
  props: { ...stageProps({ restApiId: 'a1', waf: ACL }) },
};
const unavailable = () =>
  new WAFUnavailableEntityException({
    message: "AWS WAF couldn't retrieve the resource that you requested.",
    $metadata: {},
  });

describe('WAF association of a new REST stage', () => {
  it('retries WAFUnavailableEntityException with progress until WAF sees the stage', async () => {
    const clock = fakeClock();
    const ctx = mockProviderContext({ clock });
    waf.on(AssociateWebACLCommand).rejectsOnce(unavailable()).rejectsOnce(unavailable()).resolves({});
    await restStageProvider.create(ctx, stageNode);
    expect(waf.commandCalls(AssociateWebACLCommand).map((c) => c.args[0].input)).toEqual([
      { WebACLArn: ACL, ResourceArn: STAGE_ARN },
      { WebACLArn: ACL, ResourceArn: STAGE_ARN },
      { WebACLArn: ACL, ResourceArn: STAGE_ARN },
    ]);
    expect(clock.slept).toEqual([2000, 3000]);
    const waits = ctx.events.filter((e) => e.type === 'wait');
    expect(waits).toHaveLength(2);
    expect(waits[0]).toMatchObject({
      id: 'rest-stage:shop-api/prod',
      message: expect.stringMatching(/web ACL association of stage prod: .*WAFUnavailableEntityException/),
    });
  });

  it('gives up at --wait-timeout with a clear error, never longer', async () => {
    const clock = fakeClock();
    const ctx = mockProviderContext({ clock, waitTimeoutMs: 60_000 });
    waf.on(AssociateWebACLCommand).rejects(unavailable());
    const err = await restStageProvider.create(ctx, stageNode).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'WAIT_TIMEOUT' });
    expect((err as UserError).message).toMatch(/waiting for web ACL association of stage prod/);
    expect(clock.now()).toBe(60_000);
  });

  it('does not retry any other error', async () => {
    const clock = fakeClock();
    const ctx = mockProviderContext({ clock });
    waf
      .on(AssociateWebACLCommand)
      .rejects(new WAFInvalidParameterException({ message: 'bad ARN', $metadata: {} }));
    await expect(restStageProvider.create(ctx, stageNode)).rejects.toThrow('bad ARN');
    expect(waf.commandCalls(AssociateWebACLCommand)).toHaveLength(1);
    expect(clock.slept).toEqual([]);
  });
});
