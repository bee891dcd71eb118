import type { Region, RegionList } from '@server/modules/regions/regions.schema';
import { createContext, type ReactNode, use } from 'react';
import { apiRequest, apiUrl } from './api/client';
import { type Resource, useResource } from './api/useResource';

/** This installation's region: the one the API marks as default, else the first one. */
export function defaultRegionOf(list: RegionList): Region | undefined {
  const regions = list._embedded.regions;
  return regions.find((region) => region.isDefault) ?? regions[0];
}

async function loadDefaultRegion(signal: AbortSignal): Promise<Region | undefined> {
  return defaultRegionOf(await apiRequest<RegionList>(apiUrl('/regions', { pageSize: 100 }), { signal }));
}

const InstallationContext = createContext<Resource<Region | undefined> | null>(null);

export function InstallationProvider({ children }: { children: ReactNode }) {
  const region = useResource('default-region', loadDefaultRegion);
  return <InstallationContext value={region}>{children}</InstallationContext>;
}

/** The default region of this installation, loaded once for the whole app. */
export function useDefaultRegion(): Resource<Region | undefined> {
  const value = use(InstallationContext);
  if (!value) throw new Error('useDefaultRegion needs an InstallationProvider');
  return value;
}
