import { createContext, use } from 'react';
import type { NavigationItem } from './module';

/** The main navigation, for screens that list the sections (e.g. "on which page?" in a form). */
export const NavigationContext = createContext<readonly NavigationItem[]>([]);

export function useMainNavigation(): readonly NavigationItem[] {
  return use(NavigationContext);
}
