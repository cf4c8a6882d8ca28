import type { CostInput } from '../../src/cost/estimate';
import { embeddedPrices } from '../../src/cost/prices';

/** A cost question for us-east-1: `requests` a month, 1 KB each, no cache, no free tier. */
export const costInput = (requests: bigint, over: Partial<CostInput> = {}): CostInput => ({
  region: 'us-east-1',
  requests,
  payloadKb: 1,
  freeTier: false,
  caches: [],
  ...over,
});

export const use1 = embeddedPrices('us-east-1');
