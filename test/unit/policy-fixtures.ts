import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseStack } from '../../src/config/load';
import type { Stack } from '../../src/config/stack';

/** Stack files for the policy and check unit tests: every template, plus stacks that use every feature. */
const TEMPLATES = join(__dirname, '..', '..', 'templates');

export const templates = (): [string, Stack][] =>
  readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f, parseStack(readFileSync(join(TEMPLATES, f), 'utf8')).stack]);

export const stackOf = (yaml: string): Stack => parseStack(yaml).stack;

/** REST: internal NLB through a VPC link v1, usage plans, WAF, an edge domain with a zone id and a certificate ARN. */
export const FULL_REST = `
stack: shop
region: eu-west-1
network: { vpc: default }
loadBalancer: { type: network, scheme: internal, targetGroup: { port: 8080, targets: [i-0123456789abcdef0] } }
api:
  type: rest
  endpoint: edge
  routes: [{ path: /orders, methods: [GET], auth: api-key }]
stages:
  - { name: prod, throttling: { rate: 10, burst: 5 }, waf: 'arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/shop/0a1b' }
usagePlans: [{ name: partners, stages: [prod], apiKeys: [acme] }]
domain:
  name: api.shop.example.com
  endpoint: edge
  hostedZone: Z0123456789ABC
  certificate: arn:aws:acm:us-east-1:111122223333:certificate/0a1b
  mappings: [{ basePath: v1, stage: prod }]
`;

/** HTTP: internal ALB with security groups through a VPC link v2, JWT, manual deployments, a regional domain. */
export const FULL_HTTP = `
stack: orders
region: us-east-1
network: { vpc: vpc-0a1b2c3d, subnets: [subnet-0a1b2c3d, subnet-0e5f6a7b], securityGroups: [sg-0a1b2c3d] }
loadBalancer:
  type: application
  scheme: internal
  listener: { port: 80, protocol: HTTP }
  targetGroup: { port: 8080, protocol: HTTP, targets: [i-0123456789abcdef0] }
api:
  type: http
  jwt: { issuer: 'https://issuer.example.com', audience: [app] }
  routes: [{ path: /orders, methods: [GET], auth: jwt }]
stages: [{ name: prod, autoDeploy: false, throttling: { rate: 10, burst: 5 } }]
domain:
  name: api.example.com
  mappings: [{ basePath: '', stage: prod }]
`;
