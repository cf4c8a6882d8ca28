/**
 * Where the price table's figures and the calculator's rules come from: the ids cited in src/cost
 * (`[S3]`) and printed by `apigw cost`. docs/sources.md lists the same ids, with what each supports;
 * test/unit/cost-sources.test.ts keeps the two the same.
 */
export interface Source {
  title: string;
  url: string;
  /** The source's own date, as precise as it states it. */
  date: string;
}

/** Where to read about the sources, printed by `apigw cost`. */
export const SOURCES_FILE = 'docs/sources.md';

const OFFERS = 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonApiGateway/current';
const GUIDE = 'https://docs.aws.amazon.com/apigateway/latest/developerguide';
const ARCHIVE = 'https://github.com/awsdocs/amazon-api-gateway-developer-guide/blob/main/doc_source';
const INFRACOST = 'https://github.com/infracost/infracost/tree/master/internal';

export const SOURCES: Record<string, Source> = {
  S1: {
    title:
      'AWS whitepaper "Best Practices for Designing Amazon API Gateway Private APIs and Private Integration", Cost optimization',
    url: 'https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html',
    date: 'after 2025-11',
  },
  S2: {
    title: 'Amazon API Gateway pricing',
    url: 'https://aws.amazon.com/api-gateway/pricing/',
    date: '2025',
  },
  S3: {
    title:
      'AWS Price List, Amazon API Gateway, us-east-1 (USE1-ApiGatewayRequest, USE1-ApiGatewayHttpRequest)',
    url: `${OFFERS}/us-east-1/index.json`,
    date: '2025-10 capture, effective 2025-07-01',
  },
  S4: {
    title: 'infracost golden test for aws_api_gateway_rest_api (all four REST tiers)',
    url: `${INFRACOST}/providers/terraform/aws/testdata/api_gateway_rest_api_test`,
    date: 'current',
  },
  S5: {
    title: 'infracost api_gateway_rest_api.go and apigatewayv2_api.go (tier boundaries)',
    url: `${INFRACOST}/resources/aws`,
    date: 'current',
  },
  S8: {
    title: 'AWS Pricing Calculator, API Gateway: "Requests are metered in 512 KB increments"',
    url: 'https://calculator.aws/#/createCalculator/APIGateway',
    date: 'c. 2023',
  },
  S10: {
    title: 'API Gateway Developer Guide, archived sources (limits, http-api-vs-rest, pricing)',
    url: ARCHIVE,
    date: '2023-06-29',
  },
  S11: {
    title: 'i05nagai/memorandum, cloud/aws/amazon_api_gateway.md (REST cache price ladder)',
    url: 'https://github.com/i05nagai/memorandum/blob/master/cloud/aws/amazon_api_gateway.md',
    date: 'before 2020',
  },
  S12: {
    title: 'infracost golden test for aws_api_gateway_stage (cache hours, 730 h a month)',
    url: `${INFRACOST}/providers/terraform/aws/testdata/api_gateway_stage_test`,
    date: 'current',
  },
  S14: {
    title: 'AWS SDK for JavaScript v3, API Gateway CreateStageCommand (cacheClusterSize values)',
    url: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/client/api-gateway/command/CreateStageCommand/',
    date: 'after 2025-11',
  },
  S16: {
    title:
      'API Gateway pricing example: "US East (N. Virginia, Ohio), US West (Oregon), Asia Pacific (Mumbai)"',
    url: 'https://aws.eu/api-gateway/pricing',
    date: '2025-2026',
  },
  S17: {
    title: 'AWS Price List, Amazon API Gateway, us-west-2 (USW2-ApiGatewayCacheUsage:0.5GB)',
    url: `${OFFERS}/us-west-2/index.json`,
    date: '2026-08 billing line',
  },
  S18: {
    title: 'AWS Price List, Amazon API Gateway, ap-northeast-1 (APN1-ApiGatewayHttpRequest)',
    url: `${OFFERS}/ap-northeast-1/index.json`,
    date: '2026',
  },
  S19: {
    title:
      'AWS Price List, Amazon API Gateway, eu-central-1 (EUC1-ApiGatewayRequest, EUC1-ApiGatewayCacheUsage:0.5GB)',
    url: `${OFFERS}/eu-central-1/index.json`,
    date: '2026-08-12',
  },
  S27: {
    title: 'Elastic Load Balancer cost (ALB and NLB hourly rates, us-east-1)',
    url: 'https://awsnegotiations.com/elastic-load-balancer-cost.html',
    date: '2026-05',
  },
  S29: {
    title: 'Elastic Load Balancing pricing (legacy free tier: 750 hours)',
    url: 'https://aws.amazon.com/elasticloadbalancing/classicloadbalancer/pricing/',
    date: 'current',
  },
  S32: {
    title: 'AWS Billing User Guide, Using the AWS Price List Query API (its endpoints)',
    url: 'https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-price-list-query-api.html',
    date: '2024-2026',
  },
  S37: {
    title: 'AWS Region billing codes',
    url: 'https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-region-billing-codes.html',
    date: 'current',
  },
  S42: {
    title: 'Amazon API Gateway quotas for REST APIs (payload size)',
    url: `${GUIDE}/api-gateway-execution-service-limits-table.html`,
    date: 'current',
  },
  S43: {
    title: 'Quotas for HTTP APIs (payload size)',
    url: `${GUIDE}/http-api-quotas.html`,
    date: 'current',
  },
  S63: {
    title: 'Choose between REST APIs and HTTP APIs',
    url: `${GUIDE}/http-api-vs-rest.html`,
    date: '2026-03-26 copy',
  },
  S81: {
    title: 'Canary release deployments (archived guide)',
    url: `${ARCHIVE}/canary-release.md`,
    date: '2023',
  },
  S82: {
    title: 'Enabling AWS X-Ray for API Gateway (archived guide)',
    url: `${ARCHIVE}/apigateway-enabling-xray.md`,
    date: '2023',
  },
  S83: {
    title: 'Using AWS WAF to protect your APIs (archived guide)',
    url: `${ARCHIVE}/apigateway-control-access-aws-waf.md`,
    date: '2023',
  },
  S90: {
    title: 'Amazon CloudWatch pricing, Logs (Standard: collect/ingest and store/archive, per GB)',
    url: 'https://aws.amazon.com/cloudwatch/pricing/',
    date: '2025-2026',
  },
  S91: {
    title: 'CloudWatch Logs PutLogEvents: an event counts its message plus 26 bytes',
    url: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html',
    date: 'current',
  },
  S92: {
    title:
      'Amazon API Gateway pricing, Portals: $125 a month per portal, 10 products included, $12.50 each further product',
    url: 'https://aws.amazon.com/api-gateway/pricing/',
    date: '2026-09 capture',
  },
  S93: {
    title:
      'Documentation portals in API Portal: a portal is billed from creation to deletion, published or not',
    url: `${GUIDE}/apiportal-documentation-portals.html`,
    date: 'current',
  },
};
