import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStack } from '../../src/config/load';
import { UserError } from '../../src/errors';
import { KINDS, PROVIDERS } from '../../src/providers';
import { apiPatches } from '../../src/steps/api';
import { saveStepDocument, stepDocument } from '../../src/steps/document';
import { lbPatches } from '../../src/steps/lb';
import { routePatches } from '../../src/steps/routes';
import { modelInput } from '../../src/steps/run';
import { keepUntouched } from '../../src/steps/splice';
import { STEP_IDS, STEPS, stepScope } from '../../src/steps/steps';

const dir = () => mkdtempSync(join(tmpdir(), 'apigw-steps-unit-'));

const COMMENTED = `# Orders: owned by the platform team.
stack: orders # do not rename

network:
  vpc: default # the default VPC
loadBalancer:
  type: network
  listener: { port: 80, protocol: TCP } # spaced like prettier writes it
  targetGroup: { port: 8080, targets: [i-0123456789abcdef0] }

api:
  type: rest
  routes: # the public surface
    - path: /orders
      methods: [GET] # read-only for now
`;

describe('step inputs: the stack file with the flags applied', () => {
  it('every kind apply manages belongs to exactly one step, so the six steps converge a whole stack', () => {
    // `Provider.step` is required (test/unit/kinds.test.ts proves a provider without one is a type
    // error), so a kind names one step, or null for the network lookup every step only reads.
    for (const kind of KINDS) {
      const owners = STEP_IDS.filter((s) => STEPS[s].kinds.includes(kind));
      expect({ kind, owners }).toEqual({ kind, owners: kind === 'network' ? [] : [PROVIDERS[kind].step] });
    }
    expect(STEPS['domain map'].kinds).toEqual(expect.arrayContaining(['certificate', 'hosted-zone']));
    expect(stepScope('route add').commandFor('rest-vpc-link')).toBe('vpclink create');
    expect(stepScope('stage deploy').commandFor('http-route')).toBe('route add');
    expect(stepScope('lb deploy').commandFor('network')).toBe('apply');
  });

  it('starts a stack from flags alone (--stack), and --save writes it to a new file', () => {
    const file = join(dir(), 'apigw.yaml');
    const doc = stepDocument(
      'lb deploy',
      { file, stack: 'orders', region: 'eu-west-1' },
      lbPatches({ type: 'network', scheme: 'internal', targets: ['i-0123456789abcdef0'], port: 8080 }),
    );
    expect(doc.loaded.input).toMatchObject({
      stack: 'orders',
      region: 'eu-west-1',
      network: { vpc: 'default' },
      loadBalancer: {
        type: 'network',
        scheme: 'internal',
        listener: { port: 8080 },
        targetGroup: { targets: ['i-0123456789abcdef0'] },
      },
    });
    expect(saveStepDocument(doc)).toEqual({ file, changed: true });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# apigw stack file, recorded by step commands/);
    expect(text).toMatch(/listener: \{port: 8080\}/);
    expect(text).toMatch(/targets: \[i-0123456789abcdef0\]/);
    expect(parseStack(text).input).toEqual(doc.loaded.input);
    // The next step appends its section right after, in the order of the flow.
    const next = stepDocument('api create', { file }, apiPatches({ type: 'http' }));
    expect(next.text).toMatch(/^network:\n {2}vpc: default\nloadBalancer:\n/m);
    expect(next.text.endsWith('targets: [i-0123456789abcdef0]\napi:\n  type: http\n')).toBe(true);
  });

  it('keeps the sections a step did not touch byte for byte, comments and spacing included', () => {
    const file = join(dir(), 'apigw.yaml');
    writeFileSync(file, COMMENTED);
    const doc = stepDocument(
      'route add',
      { file },
      routePatches({ path: '/orders/{id}', methods: ['GET', 'PUT'], auth: 'iam' }),
    );
    const before = COMMENTED.split('api:')[0]!;
    expect(doc.text.startsWith(before)).toBe(true);
    expect(doc.text).toMatch(/routes: # the public surface|routes:\n\s+# the public surface/);
    expect(doc.text).toMatch(/methods: \[GET\] # read-only for now/);
    expect(doc.text).toMatch(/- path: \/orders\/\{id\}\n\s+methods: \[GET, PUT\]\n\s+auth: iam/);
    // Nothing to record twice: the same flags again leave the text as it is.
    saveStepDocument(doc);
    const again = stepDocument(
      'route add',
      { file },
      routePatches({ path: '/orders/{id}', methods: ['GET'] }),
    );
    expect(again.text).toBe(readFileSync(file, 'utf8'));
    expect(saveStepDocument(again)).toEqual({ file, changed: false });
  });

  it('keepUntouched swaps in only the sections whose values changed', () => {
    const after = COMMENTED.replace('type: rest', 'type: http').replace(
      '# Orders: owned by the platform team.\n',
      '',
    );
    const merged = keepUntouched(
      COMMENTED,
      after.replace('{ port: 80, protocol: TCP }', '{port: 80, protocol: TCP}'),
    );
    expect(merged).toContain('listener: { port: 80, protocol: TCP } # spaced like prettier writes it');
    expect(merged).toContain('type: http');
    expect(merged.startsWith('# Orders: owned by the platform team.\nstack: orders # do not rename')).toBe(
      true,
    );
  });

  it('refuses another stack, a missing file without --stack, and a step whose section nothing describes', () => {
    const file = join(dir(), 'apigw.yaml');
    writeFileSync(file, COMMENTED);
    expect(() => stepDocument('api create', { file, stack: 'billing' }, apiPatches({}))).toThrow(
      'is stack `orders`, not `billing`',
    );
    const none = join(dir(), 'apigw.yaml');
    expect(() => stepDocument('api create', { file: none }, apiPatches({ type: 'http' }))).toThrow(
      /No stack file at .*no --stack/,
    );
    try {
      stepDocument('domain map', { file }, () => []);
      throw new Error('expected an error');
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).message).toBe(
        `\`apigw domain map\` needs \`domain:\` in ${file}, or flags that describe it.`,
      );
      expect((err as UserError).hints).toEqual([
        'Pass --name <domain> (and --base-path, --stage), or add `domain:` to the file.',
      ]);
    }
  });

  it('a REST API without routes yet gets a stand-in catch-all for modelling only, before `route add`', () => {
    const input = parseStack(
      'stack: a\napi: { type: rest, backend: { url: "https://x.example.com" } }\n',
    ).input;
    expect(modelInput(input, 'api create').api?.routes).toEqual([
      { path: '/{proxy+}', methods: ['ANY'], auth: 'none' },
    ]);
    expect(modelInput(input, 'route add')).toBe(input);
    expect(input.api?.routes).toEqual([]);
  });
});
