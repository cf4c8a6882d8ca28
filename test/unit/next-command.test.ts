import { nextCommand } from '../../src/io/next-command';

describe('nextCommand: a hint carries the connection flags of the run', () => {
  it('adds --local, --endpoint-url, --region and --profile as the user passed them', () => {
    expect(
      nextCommand('apply', {
        local: true,
        'endpoint-url': 'http://127.0.0.1:4566',
        region: 'eu-west-1',
        profile: 'sandbox',
      }),
    ).toBe('apigw apply --local --endpoint-url http://127.0.0.1:4566 --region eu-west-1 --profile sandbox');
  });

  it('adds nothing to a run that used the defaults', () => {
    expect(nextCommand('plan', { local: false, config: 'apigw.yaml' })).toBe('apigw plan');
  });

  it('names a stack file that is not the default, unless the command names one', () => {
    expect(nextCommand('unlock', { config: 'stacks/orders.yaml' })).toBe(
      'apigw unlock -c stacks/orders.yaml',
    );
    expect(nextCommand('plan -c other.yaml', { config: 'stacks/orders.yaml' })).toBe(
      'apigw plan -c other.yaml',
    );
  });

  it('quotes values a shell would split', () => {
    expect(nextCommand('plan', { config: "my stacks/o'rders.yaml" })).toBe(
      "apigw plan -c 'my stacks/o'\\''rders.yaml'",
    );
  });
});
