// Terraform side by side with apigw, for `npm run bench` (issue 19, item 3): the same stacks (REST
// API and HTTP API, n routes behind a URL backend, see test/support/big-stack.js) applied by both
// tools against the same moto_server on 127.0.0.1, one tool after the other on a reset emulator.
// Requests are counted in moto's own request log, so both tools are counted the same way (retries
// included, the emulator's health probes and resets excluded).
//
// Needs `terraform` on PATH and the AWS provider in a filesystem mirror (BENCH_TF_MIRROR, default
// /opt/tf-plugins, laid out as registry.terraform.io/hashicorp/aws/VERSION/OS_ARCH/); without them
// the comparison is skipped with the reason. Terraform reads its CLI configuration from a file
// written here (filesystem mirror only, no direct installation), so nothing is downloaded, and
// its checkpoint call home is disabled: all traffic goes to 127.0.0.1.
const { spawnSync } = require('node:child_process');
const {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { join } = require('node:path');
const { bigStack } = require('../test/support/big-stack');

const MIRROR = process.env.BENCH_TF_MIRROR ?? '/opt/tf-plugins';
const PROVIDER_DIR = join(MIRROR, 'registry.terraform.io', 'hashicorp', 'aws');
const PLATFORM = `${process.platform}_${{ x64: 'amd64', arm64: 'arm64' }[process.arch] ?? process.arch}`;

/** The terraform binary and the provider version in the mirror, or why the comparison is skipped. */
function terraformSetup() {
  const which = spawnSync('sh', ['-c', 'command -v terraform'], { encoding: 'utf8' });
  if (which.status !== 0) return { skip: 'terraform is not on PATH' };
  const bin = which.stdout.trim();
  const v = spawnSync(bin, ['version', '-json'], { encoding: 'utf8', env: tfBaseEnv() });
  let version;
  try {
    version = JSON.parse(v.stdout).terraform_version;
  } catch {
    return { skip: `\`${bin} version -json\` did not answer` };
  }
  const providers = existsSync(PROVIDER_DIR)
    ? readdirSync(PROVIDER_DIR).filter((d) => existsSync(join(PROVIDER_DIR, d, PLATFORM)))
    : [];
  if (providers.length === 0)
    return { skip: `no AWS provider for ${PLATFORM} in the filesystem mirror ${PROVIDER_DIR}` };
  const provider = providers.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
  return { bin, version, provider };
}

/** The environment of every terraform run: no AWS settings of the user's, no network but loopback. */
function tfBaseEnv(extra = {}) {
  const env = {};
  for (const [k, val] of Object.entries(process.env)) if (!/^(AWS_|TF_)/.test(k)) env[k] = val;
  return {
    ...env,
    CHECKPOINT_DISABLE: '1', // no version check against checkpoint-api.hashicorp.com
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

const services = (routes) => Array.from({ length: routes / 5 }, (_, i) => `s${String(i).padStart(3, '0')}`);

/**
 * The routes of bigStack(routes / 5, true), and with `change` one more: DELETE on /s000, the same
 * one-route change the apigw stack file gets (see changedStack).
 */
function routeList(routes, change) {
  const list = [];
  for (const s of services(routes)) {
    for (const m of change && s === 's000' ? ['GET', 'POST', 'DELETE'] : ['GET', 'POST'])
      list.push({ key: `${m} /${s}`, service: s, item: false, method: m, path: `/${s}` });
    for (const m of ['GET', 'PUT', 'DELETE'])
      list.push({ key: `${m} /${s}/{id}`, service: s, item: true, method: m, path: `/${s}/{id}` });
  }
  return list;
}

/** The apigw stack file of the same stack, and with the one-route change. */
function apigwStack(type, routes, change) {
  const yaml = bigStack(routes / 5, true, type);
  return change
    ? yaml.replace(
        '- { path: /s000, methods: [GET, POST] }',
        '- { path: /s000, methods: [GET, POST, DELETE] }',
      )
    : yaml;
}

const q = (s) => JSON.stringify(s);

/** HCL for the same stack as apigwStack(type, routes, change), with the provider on `endpoint`. */
function hcl(type, routes, change, endpoint, provider) {
  const list = routeList(routes, change);
  const head = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ${q(provider)} }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
  endpoints {
    apigateway   = ${q(endpoint)}
    apigatewayv2 = ${q(endpoint)}
    sts          = ${q(endpoint)}
  }
}

locals {
  tags = { "apigw:stack" = "big" }
  routes = {
${list.map((r) => `    ${q(r.key)} = { service = ${q(r.service)}, item = ${r.item}, method = ${q(r.method)}, path = ${q(r.path)} }`).join('\n')}
  }
}
`;
  if (type === 'rest') {
    return `${head}
resource "aws_api_gateway_rest_api" "api" {
  name = "big-api"
  endpoint_configuration { types = ["REGIONAL"] }
  tags = local.tags
}

resource "aws_api_gateway_resource" "service" {
  for_each    = toset([for r in local.routes : r.service])
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = each.key
}

resource "aws_api_gateway_resource" "item" {
  for_each    = toset([for r in local.routes : r.service if r.item])
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_resource.service[each.key].id
  path_part   = "{id}"
}

resource "aws_api_gateway_method" "route" {
  for_each           = local.routes
  rest_api_id        = aws_api_gateway_rest_api.api.id
  resource_id        = each.value.item ? aws_api_gateway_resource.item[each.value.service].id : aws_api_gateway_resource.service[each.value.service].id
  http_method        = each.value.method
  authorization      = "NONE"
  request_parameters = each.value.item ? { "method.request.path.id" = true } : {}
}

resource "aws_api_gateway_integration" "route" {
  for_each                = local.routes
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_method.route[each.key].resource_id
  http_method             = aws_api_gateway_method.route[each.key].http_method
  type                    = "HTTP_PROXY"
  integration_http_method = each.value.method
  uri                     = "https://backend.example.com\${each.value.path}"
  request_parameters      = each.value.item ? { "integration.request.path.id" = "method.request.path.id" } : {}
}

resource "aws_api_gateway_deployment" "api" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers    = { routes = sha1(jsonencode(local.routes)) }
  depends_on  = [aws_api_gateway_integration.route]
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.api.id
  stage_name    = "prod"
  tags          = local.tags
}
`;
  }
  return `${head}
resource "aws_apigatewayv2_api" "api" {
  name          = "big-api"
  protocol_type = "HTTP"
  tags          = local.tags
}

resource "aws_apigatewayv2_integration" "path" {
  for_each               = toset([for r in local.routes : r.path])
  api_id                 = aws_apigatewayv2_api.api.id
  description            = "apigw target: \${each.key}"
  integration_type       = "HTTP_PROXY"
  integration_method     = "ANY"
  integration_uri        = "https://backend.example.com\${each.key}"
  payload_format_version = "1.0"
}

resource "aws_apigatewayv2_route" "route" {
  for_each  = local.routes
  api_id    = aws_apigatewayv2_api.api.id
  route_key = each.key
  target    = "integrations/\${aws_apigatewayv2_integration.path[each.value.path].id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.api.id
  name        = "$default"
  auto_deploy = true
  tags        = local.tags
}
`;
}

/** Requests in moto's log since byte `from` (werkzeug's access lines), without moto's own API. */
function requestsSince(logFile, from) {
  const text = readFileSync(logFile).subarray(from).toString('utf8');
  let n = 0;
  for (const m of text.matchAll(/^\S+ - - \[[^\]]*\] "([A-Z]+) (\S+) HTTP\/[\d.]+" \d+/gm))
    if (!m[2].startsWith('/moto-api')) n++;
  return n;
}

const logSize = (logFile) => statSync(logFile).size;

/** Runs one command and measures it: wall time, and requests in the emulator's log. */
async function measure(logFile, what, cmd, args, opts, okCodes = [0]) {
  const from = logSize(logFile);
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (!okCodes.includes(r.status))
    throw new Error(
      `${what}: \`${[cmd, ...args].join(' ')}\` exited ${r.status}\n${(r.stderr || r.stdout || '').slice(-3000)}`,
    );
  await new Promise((res) => setTimeout(res, 200)); // let the emulator's log catch up
  return { requests: requestsSince(logFile, from), ms, code: r.status };
}

/**
 * apigw, then Terraform, on one stack: apply from empty, plan (no changes), apply of a one-route
 * change, destroy. The emulator is reset before each tool.
 */
async function sideBySide({ root, endpoint, logFile, home, reset, setup, type, routes }) {
  const dir = join(home, `${type}-${routes}`);
  mkdirSync(dir, { recursive: true });
  const result = { type, routes, apigw: {}, terraform: {} };

  // apigw: the CLI as users run it (bin/run.js), so both columns include process start-up.
  await reset();
  const stackFile = join(dir, 'apigw.yaml');
  const apigwEnv = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_'))),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(dir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-aws-credentials'),
    APIGW_HOME: join(dir, 'apigw-home'),
    NO_COLOR: '1',
  };
  const apigw = (what, args, codes) =>
    measure(
      logFile,
      `apigw ${what}`,
      process.execPath,
      [join(root, 'bin', 'run.js'), ...args, '-c', stackFile, '--endpoint-url', endpoint],
      { cwd: dir, env: apigwEnv },
      codes,
    );
  writeFileSync(stackFile, apigwStack(type, routes, false));
  result.apigw.apply = await apigw('apply', ['apply', '--yes']);
  result.apigw.plan = await apigw('plan', ['plan', '--detailed-exitcode'], [0, 2]);
  writeFileSync(stackFile, apigwStack(type, routes, true));
  result.apigw.change = await apigw('apply (one-route change)', ['apply', '--yes']);
  result.apigw.destroy = await apigw('destroy', ['destroy', '--yes']);

  // Terraform, in its own directory (local state), initialised once from the mirror (not measured).
  await reset();
  const tfDir = join(dir, 'terraform');
  mkdirSync(tfDir, { recursive: true });
  const cliConfig = join(home, 'terraformrc');
  writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = ${q(MIRROR)}\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\n`,
  );
  const tfEnv = tfBaseEnv({ TF_CLI_CONFIG_FILE: cliConfig, TF_DATA_DIR: join(home, 'tf-data') });
  const tf = (what, args, codes) =>
    measure(
      logFile,
      `terraform ${what}`,
      setup.bin,
      [...args, '-no-color', '-input=false'],
      { cwd: tfDir, env: tfEnv },
      codes,
    );
  const mainTf = join(tfDir, 'main.tf');
  writeFileSync(mainTf, hcl(type, routes, false, endpoint, setup.provider));
  if (!existsSync(join(home, 'tf-data'))) {
    const init = spawnSync(setup.bin, ['init', '-no-color', '-input=false'], {
      cwd: tfDir,
      env: tfEnv,
      encoding: 'utf8',
    });
    if (init.status !== 0) throw new Error(`terraform init failed:\n${init.stderr || init.stdout}`);
  } else {
    // The lock file pins the provider; the data dir (the provider, 700 MB) is shared by all stacks.
    writeFileSync(join(tfDir, '.terraform.lock.hcl'), readFileSync(join(home, 'terraform.lock.hcl')));
  }
  if (existsSync(join(tfDir, '.terraform.lock.hcl')))
    writeFileSync(join(home, 'terraform.lock.hcl'), readFileSync(join(tfDir, '.terraform.lock.hcl')));
  result.terraform.apply = await tf('apply', ['apply', '-auto-approve']);
  result.terraform.plan = await tf('plan', ['plan', '-detailed-exitcode'], [0, 2]);
  writeFileSync(mainTf, hcl(type, routes, true, endpoint, setup.provider));
  result.terraform.change = await tf('apply (one-route change)', ['apply', '-auto-approve']);
  result.terraform.destroy = await tf('destroy', ['destroy', '-auto-approve']);
  rmSync(dir, { recursive: true, force: true });
  return result;
}

module.exports = { terraformSetup, sideBySide, hcl, apigwStack, requestsSince };
