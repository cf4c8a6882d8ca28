// Starts one moto_server per jest worker on a free 127.0.0.1 port (state is global per server, so
// workers must not share one), waits until each answers, and warms every service once: the first
// call of a service imports its backend and would otherwise blow the first test's timeout.
const { spawn, spawnSync } = require('node:child_process');
const { createServer } = require('node:net');
const { mkdirSync, openSync } = require('node:fs');
const { join } = require('node:path');

const WORKERS = 2;
// Logs per run (several jest runs may share a machine); servers are remembered in this process's env,
// which the global teardown (same process) reads, so one run never stops another's servers.
const dir = join(__dirname, '..', '..', '.apigw', 'test', String(process.pid));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function up(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/moto-api/data.json`)).ok;
  } catch {
    return false;
  }
}

async function warm(endpoint) {
  const config = {
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  };
  const calls = [
    ['@aws-sdk/client-ec2', 'EC2Client', 'DescribeVpcsCommand', {}],
    ['@aws-sdk/client-api-gateway', 'APIGatewayClient', 'GetRestApisCommand', {}],
    ['@aws-sdk/client-apigatewayv2', 'ApiGatewayV2Client', 'GetApisCommand', {}],
    [
      '@aws-sdk/client-elastic-load-balancing-v2',
      'ElasticLoadBalancingV2Client',
      'DescribeLoadBalancersCommand',
      {},
    ],
    ['@aws-sdk/client-route-53', 'Route53Client', 'ListHostedZonesCommand', {}],
    ['@aws-sdk/client-acm', 'ACMClient', 'ListCertificatesCommand', {}],
    ['@aws-sdk/client-wafv2', 'WAFV2Client', 'ListWebACLsCommand', { Scope: 'REGIONAL' }],
    ['@aws-sdk/client-sts', 'STSClient', 'GetCallerIdentityCommand', {}],
    ['@aws-sdk/client-dynamodb', 'DynamoDBClient', 'ListTablesCommand', {}],
  ];
  await Promise.all(
    calls.map(async ([pkg, client, command, input]) => {
      const m = require(pkg);
      await new m[client](config).send(new m[command](input));
    }),
  );
}

module.exports = async function setup() {
  if (process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) {
    throw new Error('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is set: tests would reach real AWS. Unset it.');
  }
  if (spawnSync('sh', ['-c', 'command -v moto_server']).status !== 0) {
    throw new Error(
      "moto_server is not installed: integration and e2e tests need it (pip install 'moto[server]').",
    );
  }
  mkdirSync(dir, { recursive: true });
  const servers = [];
  for (let i = 0; i < WORKERS; i++) {
    const port = await freePort();
    const log = openSync(join(dir, `moto-${i + 1}.log`), 'w');
    const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', log, log],
      env: { ...process.env, MOTO_ACM_VALIDATION_WAIT: '0' },
    });
    child.unref();
    servers.push({ port, pid: child.pid });
  }
  const deadline = Date.now() + 30000;
  for (const s of servers) {
    while (!(await up(s.port))) {
      if (Date.now() > deadline) throw new Error(`moto_server on port ${s.port} did not start; see ${dir}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  process.env.APIGW_TEST_MOTO_PORTS = servers.map((s) => s.port).join(',');
  process.env.APIGW_TEST_MOTO_PIDS = servers.map((s) => s.pid).join(',');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  await Promise.all(servers.map((s) => warm(`http://127.0.0.1:${s.port}`)));
};
