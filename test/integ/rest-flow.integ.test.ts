import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { motoRun, useMoto } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';
import { templateFor } from '../support/templates';

useMoto();

describe('the REST templates against moto', () => {
  it.each(['public-alb-rest.yaml', 'private-nlb-rest.yaml'])(
    '%s applies from empty, re-applies as a no-op, prints the invoke URL and destroys cleanly',
    async (file) => {
      const run = motoRun();
      const yaml = await templateFor(run, file);
      const first = await apply(run, yaml);
      const apis = (await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? [];
      expect(apis).toHaveLength(1);
      expect(first.outputs['invoke URL (prod)']).toBe(
        `https://${apis[0]!.id}.execute-api.us-east-1.amazonaws.com/prod`,
      );
      const from = run.recorder.calls.length;
      const again = await apply(run, yaml);
      expect(actionsOf(await plan(run, yaml))).toEqual([]);
      expect(mutatingSince(run, from)).toEqual([]);
      expect(again.changed).toBe(false);
      await apply(run, yaml, 'destroy');
      expect((await run.clients.apigw.send(new GetRestApisCommand({}))).items ?? []).toEqual([]);
      expect(actionsOf(await plan(run, yaml, 'destroy'))).toEqual([]);
    },
  );
});
