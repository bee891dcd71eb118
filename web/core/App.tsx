import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { i18n } from './i18n';
import { InstallationProvider } from './installation';
import { AppShell } from './layout/AppShell';
import { footerNavigation, mainNavigation, type WebModule } from './module';
import { NavigationContext } from './navigation';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';

export function App({ modules }: { modules: readonly WebModule[] }) {
  const navigation = mainNavigation(modules);
  return (
    <I18nextProvider i18n={i18n}>
      <InstallationProvider>
        <NavigationContext value={navigation}>
          <BrowserRouter>
          <Routes>
            <Route element={<AppShell navigation={navigation} footer={footerNavigation(modules)} />}>
              <Route index element={<HomePage sections={navigation.slice(1)} />} />
              {modules.flatMap((module) =>
                module.routes.map((route) => <Route key={route.path} path={route.path} element={route.element} />),
              )}
              <Route path="*" element={<NotFoundPage sections={navigation} />} />
            </Route>
          </Routes>
          </BrowserRouter>
        </NavigationContext>
      </InstallationProvider>
    </I18nextProvider>
  );
}
