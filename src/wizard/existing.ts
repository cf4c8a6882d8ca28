import { UserError } from '../errors';
import type { LoadBalancerInfo } from '../services/discovery';
import type { InitAnswers } from './answers';
import type { Asker } from './ask';
import { needsLinkV2 } from './build';
import { askNetwork } from './network';

type Given = Partial<InitAnswers>;

function pickLb(ask: Asker, given: Given, list: () => Promise<LoadBalancerInfo[]>) {
  return ask.ask('--existing-lb <arn|name>', given.existingLb, undefined, async () => {
    const all = await list();
    if (all.length === 0)
      throw new UserError('This region has no application or network load balancer to adopt.', [
        'Choose another backend, or create the load balancer first.',
      ]);
    return ask.prompter.select({
      message: 'Which load balancer?',
      choices: all.map((l) => ({
        name: `${l.name} (${l.type}, ${l.scheme})`,
        value: l.arn,
        ...(l.dnsName ? { description: l.dnsName } : {}),
      })),
    });
  });
}

function pickListener(ask: Asker, given: Given, lb: string): Promise<number | undefined> {
  return ask.ask('--listener-port <port>', given.listenerPort, 80, async () => {
    const listeners = await (await ask.discover()).listeners(lb);
    if (listeners.length === 0)
      throw new UserError(`${lb} has no listener for API Gateway to call.`, [
        'Add a listener to it, then run `apigw init` again.',
      ]);
    return ask.prompter.select({
      message: 'Which listener?',
      choices: listeners.map((l) => ({
        name: [l.protocol, l.port].filter(Boolean).join(' '),
        value: l.port,
      })),
    });
  });
}

/**
 * An adopted load balancer, picked from the account's list. Its type and scheme come from AWS (with
 * `--existing-lb` alone too), since they decide the VPC link; a link v2 then needs a network.
 */
export async function askExisting(
  ask: Asker,
  given: Given,
  api: InitAnswers['api'] | undefined,
): Promise<Given> {
  let cache: LoadBalancerInfo[] | undefined;
  const list = async () => (cache ??= await (await ask.discover()).loadBalancers());
  const existingLb = await pickLb(ask, given, list);
  if (!existingLb) return {};
  const found =
    given.lbType && given.lbScheme
      ? undefined
      : (await list()).find((l) => l.arn === existingLb || l.name === existingLb);
  const lbType = given.lbType ?? found?.type;
  const lbScheme = given.lbScheme ?? found?.scheme;
  if (!lbType || !lbScheme)
    throw new UserError(`No application or network load balancer ${existingLb} in this region.`, [
      'Pass the ARN or name of one with --existing-lb (or its type and scheme with --lb-type and --lb-scheme).',
    ]);
  const listenerPort = await pickListener(ask, given, found?.arn ?? existingLb);
  const link = api !== undefined && needsLinkV2({ backend: 'existing', api, lbType, lbScheme });
  const net = link
    ? (await askNetwork(ask, given, { groups: true, ...(found?.vpcId ? { preferredVpc: found.vpcId } : {}) }))
        .net
    : {};
  return { existingLb, lbType, lbScheme, ...(listenerPort !== undefined ? { listenerPort } : {}), ...net };
}
