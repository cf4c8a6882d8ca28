import { Flags } from '@oclif/core';
import { BaseCommand, awsFlags } from '../base-command';
import { chartSeries, renderChart } from '../io/chart';
import { estimateCost, type CostInput, type CostResult } from '../cost/estimate';
import { parseCacheGb, parseLb, parsePayloadKb, parseRegion, parseRequests } from '../cost/input';
import type { LivePrices } from '../cost/live';
import { CACHE_SIZES, embeddedPrices } from '../cost/prices';
import { renderCost } from '../io/render-cost';
import { colorFor, makeStyle } from '../io/style';

export default class Cost extends BaseCommand<typeof Cost> {
  static override summary = 'Compare what a REST API and an HTTP API would cost a month for a workload.';
  static override description = `Prices both API types for your request volume, payload size, cache and load balancer, says which is cheaper and by how much, shows where the answer flips (payload size, volume), and lists the REST-only features a stack file uses that would block a move to HTTP. With a stack file whose stages have access logs (accessLogs:), the CloudWatch Logs ingestion and storage of those logs is a row of its own (a line size estimated from the format, kept for the retention).
Prices come from an embedded table (us-east-1 in full; other regions only where a source gives them, the rest reported as unknown) or, with --live, from the AWS Price List API. Works offline and without credentials unless --live is given.`;
  static override examples = [
    '<%= config.bin %> cost --requests 100M',
    '<%= config.bin %> cost --requests 1.2B --payload-kb 700 --json',
    '<%= config.bin %> cost --requests 50M --cache-gb 0.5 --lb alb --free-tier',
    '<%= config.bin %> cost -c apigw.yaml --requests 50M --lb auto',
    '<%= config.bin %> cost --requests 300M --region ap-northeast-2 --live',
  ];
  static override flags = {
    requests: Flags.string({
      description: 'Requests per month: a whole number, or with K, M or B (250000, 50M, 1.2B).',
      required: true,
    }),
    'payload-kb': Flags.string({
      description: 'Average request size in KB. HTTP APIs bill each 512 KB as one request.',
      default: '1',
    }),
    'cache-gb': Flags.string({
      description: `REST stage cache size in GB, billed 730 hours a month: ${CACHE_SIZES.join(', ')}. Default: the stack file's stage caches.`,
    }),
    'free-tier': Flags.boolean({
      description:
        'Apply the legacy free tier (1M requests a month per type; accounts created before 2025-07-15, first 12 months).',
      default: false,
    }),
    lb: Flags.string({
      description: "Add the load balancer's hours: alb, nlb, or auto (the stack file's load balancer).",
      options: ['alb', 'nlb', 'auto'],
    }),
    live: Flags.boolean({
      description:
        'Fetch current prices from the AWS Price List API (needs credentials; falls back to the table).',
      default: false,
    }),
    config: Flags.string({
      char: 'c',
      description: 'A stack file: take the API type, stage caches and REST-only features from it.',
    }),
    ...awsFlags,
  };

  async run(): Promise<CostResult> {
    const input = this.costInput();
    const { book, warnings } = this.flags.live
      ? await this.live(input)
      : { book: embeddedPrices(input.region), warnings: [] };
    const result = estimateCost(input, book, warnings);
    if (!this.jsonEnabled()) {
      const style = makeStyle(colorFor(process.stdout));
      this.log(renderCost(result, style, renderChart(chartSeries(book, input, 60), input.requests, style)));
    }
    return result;
  }

  /** Flag values are checked before the stack file is read, so a typo fails fast and names its flag. */
  private costInput(): CostInput {
    const f = this.flags;
    if (f.region) parseRegion(f.region);
    const usage = {
      requests: parseRequests(f.requests),
      payloadKb: parsePayloadKb(f['payload-kb']),
      freeTier: f['free-tier'],
      ...(f['cache-gb'] ? { caches: [parseCacheGb(f['cache-gb'])] } : {}),
    };
    const loaded = f.config ? this.loadStack(f.config) : undefined;
    // The stack's facts come from the settings catalogue (zod schemas): loaded only with --config,
    // which has parsed the file with them already, so a plain estimate stays off that path.
    type Features = typeof import('../cost/features');
    const facts =
      loaded &&
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('../cost/features') as Features).stackCostFacts(loaded.file, loaded.stack);
    return {
      region: this.offlineRegion(loaded?.stack.region) ?? 'us-east-1',
      caches: facts?.caches ?? [],
      ...usage,
      ...(f.lb ? { lb: parseLb(f.lb, facts?.lbType) } : {}),
      ...(facts ? { stack: facts.stack } : {}),
      ...(facts?.accessLogs ? { accessLogs: facts.accessLogs } : {}),
      ...(facts?.portal ? { portal: facts.portal } : {}),
    };
  }

  /** The Pricing client comes from the run's client factory (credentials, recorder); live.ts takes it injected. */
  private async live(input: CostInput): Promise<LivePrices> {
    // Only --live needs the Price List reader and the client factory: kept off the start-up path.
    type Live = typeof import('../cost/live');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { liveFallback, livePrices, pricingEndpointRegion } = require('../cost/live') as Live;
    const today = new Date().toISOString().slice(0, 10);
    try {
      const rc = await this.runContext(input.region);
      const client = rc.clients.pricingIn(pricingEndpointRegion(input.region));
      return await livePrices(client, input.region, input.caches, today);
    } catch (err) {
      return liveFallback(input.region, err);
    }
  }
}
