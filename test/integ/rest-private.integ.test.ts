import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetVpcLinksCommand } from '@aws-sdk/client-api-gateway';
import { GetVpcLinksCommand as GetVpcLinksV2Command } from '@aws-sdk/client-apigatewayv2';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { motoRun, useMoto, type TestRun } from '../support/moto';
import { actionsOf, apply, mutatingSince, plan } from '../support/stack';

useMoto();

const template = (name: string) => readFileSync(join(__dirname, '..', '..', 'templates', name), 'utf8');

interface Integration {
  connectionType?: string;
  connectionId?: string;
  integrationTarget?: string;
  uri?: string;
}

/** Every integration apigw sent: single PutIntegration calls and the bulk OpenAPI body. */
function sentIntegrations(run: TestRun): Integration[] {
  const single = run.recorder.named('PutIntegration').map((c) => c.input as Integration);
  const bulk = run.recorder.named('PutRestApi').flatMap((c) => {
    const doc = JSON.parse(new TextDecoder().decode((c.input as { body: Uint8Array }).body)) as {
      paths: Record<string, Record<string, { 'x-amazon-apigateway-integration': Integration }>>;
    };
    return Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).map((o) => o['x-amazon-apigateway-integration']),
    );
  });
  return [...single, ...bulk];
}

describe('private REST backends against moto', () => {
  it('private NLB: one VPC link v1, every integration sent through it, reused on re-apply, deleted after the API', async () => {
    const run = motoRun();
    const yaml = template('private-nlb-rest.yaml');
    await apply(run, yaml);
    const links = (await run.clients.apigw.send(new GetVpcLinksCommand({}))).items ?? [];
    expect(links).toHaveLength(1);
    const link = links[0]!;
    const nlb = (await run.clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['billing-nlb'] })))
      .LoadBalancers![0]!;
    expect(link).toMatchObject({
      name: 'billing-link-v1',
      targetArns: [nlb.LoadBalancerArn],
      status: 'AVAILABLE',
    });
    expect(link.tags).toEqual({ 'apigw:stack': 'billing' });
    // moto drops connectionId (docs/emulator-gaps.md#vpc-link-connection-id): assert what apigw SENT.
    const sent = sentIntegrations(run);
    expect(sent.length).toBeGreaterThanOrEqual(5);
    for (const i of sent) {
      expect(i).toMatchObject({ connectionType: 'VPC_LINK', connectionId: link.id });
      expect(i.uri).toMatch(new RegExp(`^http://${nlb.DNSName!.replace(/\./g, '\\.')}:80/`));
    }
    expect(sent.map((i) => i.uri)).toContain(`http://${nlb.DNSName}:80/v2/invoices/{invoiceId}`);

    const from = run.recorder.calls.length;
    await apply(run, yaml);
    expect(mutatingSince(run, from).filter((c) => !c.endsWith('Parameter'))).toEqual([]);
    expect(run.recorder.named('CreateVpcLink')).toHaveLength(1);

    const before = run.recorder.calls.length;
    await apply(run, yaml, 'destroy');
    const order = mutatingSince(run, before);
    expect(order.indexOf('DeleteRestApi')).toBeLessThan(order.indexOf('DeleteVpcLink'));
    expect(order.indexOf('DeleteVpcLink')).toBeLessThan(order.indexOf('DeleteLoadBalancer'));
    expect((await run.clients.apigw.send(new GetVpcLinksCommand({}))).items ?? []).toEqual([]);
  });

  it('private ALB: VPC link v2 plus integrationTarget = the ALB ARN, by single calls (no OpenAPI field for it)', async () => {
    const run = motoRun();
    const yaml = template('private-alb-rest.yaml');
    const p = await plan(run, yaml);
    expect(actionsOf(p)).toContain('create vpc-link-v2 ledger-link');
    await apply(run, yaml);
    const link = (await run.clients.apigwv2.send(new GetVpcLinksV2Command({}))).Items![0]!;
    const alb = (await run.clients.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['ledger-alb'] })))
      .LoadBalancers![0]!;
    expect(run.recorder.named('PutRestApi')).toEqual([]);
    const sent = sentIntegrations(run);
    expect(sent).toHaveLength(3);
    for (const i of sent)
      expect(i).toMatchObject({
        connectionType: 'VPC_LINK',
        connectionId: link.VpcLinkId,
        integrationTarget: alb.LoadBalancerArn,
      });
    const from = run.recorder.calls.length;
    await apply(run, yaml);
    expect(mutatingSince(run, from).filter((c) => !c.endsWith('Parameter'))).toEqual([]);
    await apply(run, yaml, 'destroy');
    expect((await run.clients.apigwv2.send(new GetVpcLinksV2Command({}))).Items ?? []).toEqual([]);
  });
});
