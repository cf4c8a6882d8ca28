import type { DesiredNode, Outputs } from '../../src/engine/types';
import { namedOutputs } from '../../src/services/outputs';

const node = (kind: string, key: string, props: DesiredNode['props'] = {}): DesiredNode => ({
  id: `${kind}:${key}`,
  kind,
  key,
  props,
  deps: [],
});

describe('apigw output: the ids scripts ask for come from the providers (Provider.outputId)', () => {
  it('names the REST API id and the load balancer ARN by their stable names; an empty id is no output', () => {
    const desired = [
      node('load-balancer', 'shop-nlb', { type: 'network' }),
      node('rest-api', 'shop-api'),
      node('http-api', 'cat-api'),
      node('target-group', 'shop-tg'),
    ];
    const live = new Map<string, Outputs>([
      [
        'load-balancer:shop-nlb',
        { arn: 'arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/net/shop-nlb/1' },
      ],
      ['rest-api:shop-api', { id: 'a1b2c3' }],
      ['http-api:cat-api', { id: '' }],
      ['target-group:shop-tg', { arn: 'arn:tg' }],
    ]);
    const ids = namedOutputs(desired, live, 'eu-west-1').filter((o) => /Id$|Arn$/.test(o.name));
    expect(ids).toEqual([
      {
        name: 'loadBalancerArn',
        label: 'load balancer ARN (shop-nlb)',
        value: 'arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/net/shop-nlb/1',
      },
      { name: 'restApiId', label: 'REST API id (shop-api)', value: 'a1b2c3' },
    ]);
  });
});
