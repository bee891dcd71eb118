import './identity.css';
import { loginPaths, myAccountPath, visibleWhen } from '@web/core/access';
import type { WebModule } from '@web/core/module';
import { EnrolmentPage } from './EnrolmentPage';
import { LoginPage } from './LoginPage';
import { MyAccountPage } from './MyAccountPage';
import { SecondFactorPage } from './SecondFactorPage';

const path = (absolute: string) => absolute.slice(1);

/** Log-in (password, second factor, enrolment) and the account page. The log-in steps guard themselves. */
export const identityModule: WebModule = {
  name: 'identity',
  routes: [
    { path: path(loginPaths.password), element: <LoginPage /> },
    { path: path(loginPaths.secondFactor), element: <SecondFactorPage /> },
    { path: path(loginPaths.enrolment), element: <EnrolmentPage /> },
    { path: path(myAccountPath), element: <MyAccountPage />, access: 'signed-in' },
  ],
  navigation: [
    { to: myAccountPath, labelKey: 'nav.myAccount', descriptionKey: 'identity.account.summary', visible: visibleWhen.signedIn },
  ],
};
