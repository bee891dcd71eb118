import './users.css';
import { visibleWhen } from '@web/core/access';
import type { WebModule } from '@web/core/module';
import { EditUserPage } from './EditUserPage';
import { NewUserPage } from './NewUserPage';
import { newUserPath, usersPath } from './users.rules';
import { UsersPage } from './UsersPage';

const path = (absolute: string) => absolute.slice(1);
const manageUsers = visibleWhen.manageUsers;

/** Account administration: the functioneel beheerder only (the server checks every request). */
export const usersModule: WebModule = {
  name: 'users',
  routes: [
    { path: path(usersPath), element: <UsersPage />, access: manageUsers },
    { path: path(newUserPath), element: <NewUserPage />, access: manageUsers },
    { path: `${path(usersPath)}/:id`, element: <EditUserPage />, access: manageUsers },
  ],
  navigation: [{ to: usersPath, labelKey: 'nav.users', descriptionKey: 'users.summary', visible: visibleWhen.manageUsers }],
};
