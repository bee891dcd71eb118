import type { User } from '@server/modules/users/users.schema';
import {
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { useFormat } from '@web/core/format';
import { sortRoles } from '@web/core/roles';
import { userPath, userStatus } from './users.rules';

const badgeClass = { active: 'schakel-badge schakel-badge--ok', inactive: 'schakel-badge schakel-badge--neutral', locked: 'schakel-badge schakel-badge--danger' };

export function UserTable({ users, municipalityNames }: { users: readonly User[]; municipalityNames: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="schakel-table-scroll schakel-table-scroll--wide">
      <Table className="schakel-table schakel-table--users" data-testid="users-table">
        <TableCaption className="schakel-visually-hidden">{t('users.list.caption')}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('users.list.name')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('users.list.organisation')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('users.list.roles')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('users.list.scope')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('users.list.status')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('users.list.lastLogin')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => {
            const status = userStatus(user);
            return (
              <TableRow key={user.id}>
                <TableHeaderCell scope="row" className="schakel-table__row-header">
                  <AppLink to={userPath(user.id)}>{user.displayName}</AppLink>
                  <span className="schakel-table__sub">{user.email}</span>
                </TableHeaderCell>
                <TableCell>{user.organisation.name}</TableCell>
                <TableCell>{user.roles.length ? sortRoles(user.roles).map((role) => t(`roles.${role}`)).join(', ') : '—'}</TableCell>
                <TableCell>
                  {user.allMunicipalities
                    ? t('users.list.wholeRegion')
                    : user.municipalities.map((code) => municipalityNames.get(code) ?? code).join(', ') || '—'}
                </TableCell>
                <TableCell>
                  <StatusBadge className={badgeClass[status]}>{t(`users.status.${status}`)}</StatusBadge>
                  {user.secondFactorEnabled ? null : <span className="schakel-table__sub">{t('users.list.noSecondFactor')}</span>}
                </TableCell>
                <TableCell>{user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('users.list.never')}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
