import type { AnyProvider } from '../../engine/types';
import { portalEndpointPagesProvider } from './endpoint-pages';
import { portalProvider } from './portal';
import { portalProductProvider } from './product';
import { portalProductPageProvider } from './product-page';
import { portalPublicationProvider } from './publication';

/** Providers of the portal flow (#17): a portal product, its pages, the portal and its publication. */
export const PORTAL_PROVIDERS = {
  'portal-product': portalProductProvider,
  'portal-product-page': portalProductPageProvider,
  'portal-endpoint-pages': portalEndpointPagesProvider,
  portal: portalProvider,
  'portal-publication': portalPublicationProvider,
} as const satisfies Record<string, AnyProvider>;
