import type { Me } from '@server/modules/identity/identity.schema';
import type { ParseKeys } from 'i18next';
import type { ComponentType, ReactNode } from 'react';
import { isVisibleTo, type Restricted, type RouteAccess } from './access';

/**
 * A link in the main navigation, the footer or the overview on the home page. An item with
 * `visible` shows only to whom the predicate holds, e.g. `visibleWhen.manageUsers`.
 */
export interface NavigationItem extends Restricted {
  to: string;
  labelKey: ParseKeys;
  /** One sentence for the overview on the home page. */
  descriptionKey?: ParseKeys;
  /** Shown after the label in the main navigation (a live count, e.g. "Mijn werk (3)"); it loads its own data. */
  badge?: ComponentType;
}

export interface WebRoute {
  /** Path below the root, in Dutch, without a leading slash: `regio`. */
  path: string;
  element: ReactNode;
  /** Who may open it; public when left out. Others are sent to the log-in or see "no access". */
  access?: RouteAccess;
}

/** The screens of one capability; the same module names as on the server. */
export interface WebModule {
  name: string;
  routes: WebRoute[];
  navigation?: NavigationItem[];
  footer?: NavigationItem[];
  /** Shown on every screen between the header and the page (e.g. the acute alerts); it decides itself whom it shows to. */
  banner?: ComponentType;
}

export const homeNavigation: NavigationItem = { to: '/', labelKey: 'nav.home' };

/** The main navigation: home first, then each module's sections in module order. */
export function mainNavigation(modules: readonly WebModule[]): NavigationItem[] {
  return [homeNavigation, ...modules.flatMap((module) => module.navigation ?? [])];
}

/** The items this person may use; the data list stays the same for everyone. */
export function visibleNavigation(items: readonly NavigationItem[], me: Me | undefined): NavigationItem[] {
  return items.filter((item) => isVisibleTo(item, me));
}

export function footerNavigation(modules: readonly WebModule[]): NavigationItem[] {
  return modules.flatMap((module) => module.footer ?? []);
}
