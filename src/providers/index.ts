import type { Provider } from '../engine/types';
import { listenerProvider } from './listener';
import { loadBalancerProvider } from './load-balancer';
import { networkProvider } from './network';
import { targetGroupProvider } from './target-group';
import { targetsProvider } from './targets';

/** Every resource kind apigw manages. Adding a kind is one file and one line here. */
export const PROVIDERS: Record<string, Provider> = Object.fromEntries(
  [networkProvider, loadBalancerProvider, targetGroupProvider, listenerProvider, targetsProvider].map((p) => [
    p.kind,
    p,
  ]),
);
