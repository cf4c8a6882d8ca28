import type { Catalogue } from '../engine/types';
import { buildModel } from '../model';
import { PROVIDERS } from '../providers';

/**
 * The kinds apigw knows, as the engine is given them: every provider by kind and the model builder.
 * The engine imports no provider and no model (docs/architecture.md); the services hand it this.
 */
export const CATALOGUE: Catalogue = { providers: PROVIDERS, buildModel };
