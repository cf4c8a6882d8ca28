import { BACKEND_CHOICES, BACKENDS, type Backend, type InitAnswers } from './answers';
import type { Asker } from './ask';
import { needsGroups } from './build';
import { covers, DNS_NAME } from './domain';
import { askExisting } from './existing';
import { askNetwork } from './network';

type Given = Partial<InitAnswers>;

const opt = <K extends string, V>(key: K, v: V | undefined) =>
  (v === undefined ? {} : { [key]: v }) as Partial<Record<K, V>>;
const isPort = (v: string) => (/^\d+$/.test(v) && +v >= 1 && +v <= 65535) || 'a port is 1-65535';

/** The five flows, each with its one-line trade-off. */
export async function askBackend(ask: Asker, given: Given): Promise<Backend | undefined> {
  const backend = await ask.ask(`--backend <${BACKENDS.join('|')}>`, given.backend, undefined, () =>
    ask.prompter.select<Backend>({
      message: 'What does API Gateway send requests to?',
      choices: BACKENDS.map((b) => ({ value: b, ...BACKEND_CHOICES[b] })),
    }),
  );
  if (backend === 'public-alb')
    ask.say(
      'Note: an internet-facing ALB answers anyone. Restrict its security group, or clients can skip the API and its auth and throttling.',
    );
  return backend;
}

function askTargets(ask: Asker, given: Given, vpcId?: string): Promise<string[] | undefined> {
  return ask.maybe(given.targets, async () => {
    const instances = vpcId ? await (await ask.discover()).instances(vpcId) : [];
    if (instances.length === 0) {
      ask.say('No instances in this VPC yet: add their ids to loadBalancer.targetGroup.targets later.');
      return undefined;
    }
    const picked = await ask.prompter.checkbox({
      message: 'Targets (the instances the load balancer sends requests to)',
      choices: instances.map((i) => ({
        name: [i.id, i.name && `(${i.name})`, i.privateIp, i.state].filter(Boolean).join(' '),
        value: i.id,
      })),
    });
    return picked.length ? picked : undefined;
  });
}

/**
 * A public ALB is reached over the internet, so over HTTPS: API Gateway checks the certificate
 * against the host it calls, which must be a name of the user's own (docs/aws-rules.md#backend-tls).
 * Without a terminal both are required flags: plain HTTP would fail `apigw check` at HIGH.
 */
async function askPublicTls(ask: Asker, given: Given): Promise<Given> {
  ask.say(
    "API Gateway reaches an internet-facing ALB over the internet, so over HTTPS; it checks the certificate against the name it calls, and no certificate covers the ALB's own *.elb.amazonaws.com name.",
  );
  const lbHostname = await ask.ask('--lb-hostname <dns name>', given.lbHostname, undefined, () =>
    ask.prompter.input({
      message: 'Host name API Gateway calls the ALB by (you point an alias record for it at the ALB)',
      validate: (v) => DNS_NAME.test(v) || 'a lower-case DNS name such as backend.example.com',
    }),
  );
  const lbCertificate = await ask.ask(
    '--lb-certificate <ACM ARN>',
    given.lbCertificate,
    undefined,
    async () => {
      const certs = lbHostname
        ? (await (await ask.discover()).certificates()).filter((c) => covers(c, lbHostname))
        : [];
      if (certs.length > 0)
        return ask.prompter.select({
          message: `Certificate of the HTTPS listener (covers ${lbHostname})`,
          choices: certs.map((c) => ({ name: `${c.domain} ${c.arn}`, value: c.arn })),
        });
      return ask.prompter.input({
        message: `ACM certificate ARN for ${lbHostname ?? 'the host name'} (none issued covers it yet)`,
        validate: (v) => /^arn:aws[a-z-]*:acm:/.test(v) || 'an ACM certificate ARN (arn:aws:acm:...)',
      });
    },
  );
  return { ...opt('lbHostname', lbHostname), ...opt('lbCertificate', lbCertificate) };
}

/** A new load balancer: its network, targets (listed instances), the target port and health check. */
async function askNewLb(ask: Asker, given: Given, a: Given): Promise<Given> {
  const groups = needsGroups({ backend: a.backend!, api: a.api ?? 'http' });
  const { net, vpcId } = await askNetwork(ask, given, { groups });
  const targets = await askTargets(ask, given, vpcId);
  const targetPort = await ask.ask('--target-port <port>', given.targetPort, 80, async () =>
    Number(
      await ask.prompter.input({ message: 'Port the targets listen on', default: '80', validate: isPort }),
    ),
  );
  const healthPath = await ask.maybe(given.healthPath, async () => {
    const path = await ask.prompter.input({
      message: 'Health check path (empty: the load balancer default)',
      default: '',
      validate: (v) => v === '' || v.startsWith('/') || 'a path starts with /',
    });
    return path || undefined;
  });
  const tls = a.backend === 'public-alb' ? await askPublicTls(ask, given) : {};
  return {
    ...net,
    ...opt('targets', targets),
    ...opt('targetPort', targetPort),
    ...opt('healthPath', healthPath),
    ...tls,
  };
}

/** The backend's details, once the backend and the API type are known (the VPC link depends on both). */
export async function askBackendDetails(ask: Asker, given: Given, a: Given): Promise<Given> {
  if (a.backend === 'url') {
    const backendUrl = await ask.ask('--backend-url <url>', given.backendUrl, undefined, () =>
      ask.prompter.input({
        message: 'Backend URL (routes append their path to it)',
        validate: (v) => /^https?:\/\/[^\s/]+/.test(v) || 'an http:// or https:// URL',
      }),
    );
    return opt('backendUrl', backendUrl);
  }
  if (a.backend === 'existing') return askExisting(ask, given, a.api);
  return askNewLb(ask, given, a);
}
