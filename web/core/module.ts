import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';

/** A link in the main navigation, the footer or the overview on the home page. */
export interface NavigationItem {
  to: string;
  labelKey: ParseKeys;
  /** One sentence for the overview on the home page. */
  descriptionKey?: ParseKeys;
}

export interface WebRoute {
  /** Path below the root, in Dutch, without a leading slash: `regio`. */
  path: string;
  element: ReactNode;
}

/** The screens of one capability; the same module names as on the server. */
export interface WebModule {
  name: string;
  routes: WebRoute[];
  navigation?: NavigationItem[];
  footer?: NavigationItem[];
}

export const homeNavigation: NavigationItem = { to: '/', labelKey: 'nav.home' };

/** The main navigation: home first, then each module's sections in module order. */
export function mainNavigation(modules: readonly WebModule[]): NavigationItem[] {
  return [homeNavigation, ...modules.flatMap((module) => module.navigation ?? [])];
}

export function footerNavigation(modules: readonly WebModule[]): NavigationItem[] {
  return modules.flatMap((module) => module.footer ?? []);
}
