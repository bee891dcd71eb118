import type { User } from '@server/modules/users/users.schema';
import { StatusBadge, TableCell, TableRow } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '@web/core/components/AppLink';
import { CellNote, DataTable, RowHeader } from '@web/core/components/DataTable';
import { useFormat } from '@web/core/format';
import { sortRoles } from '@web/core/roles';
import { userPath, userStatus } from './users.rules';

const badgeClass = { active: 'schakel-badge schakel-badge--ok', inactive: 'schakel-badge schakel-badge--neutral', locked: 'schakel-badge schakel-badge--danger' };

interface UserTableProps {
  users: readonly User[];
  municipalityNames: ReadonlyMap<string, string>;
  /** What to say when no account matches. */
  empty: string;
}

export function UserTable({ users, municipalityNames, empty }: UserTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const columns = (['name', 'organisation', 'roles', 'scope', 'status', 'lastLogin'] as const).map((column) => t(`users.list.${column}`));
  return (
    <DataTable caption={t('users.list.caption')} columns={columns} rows={users} empty={empty} className="schakel-table--users" testId="users-table" wide>
      {(user) => {
        const status = userStatus(user);
        return (
          <TableRow key={user.id}>
            <RowHeader>
              <AppLink to={userPath(user.id)}>{user.displayName}</AppLink>
              <CellNote>{user.email}</CellNote>
            </RowHeader>
            <TableCell>{user.organisation.name}</TableCell>
            <TableCell>{user.roles.length ? sortRoles(user.roles).map((role) => t(`roles.${role}`)).join(', ') : '—'}</TableCell>
            <TableCell>
              {user.allMunicipalities
                ? t('users.list.wholeRegion')
                : user.municipalities.map((code) => municipalityNames.get(code) ?? code).join(', ') || '—'}
            </TableCell>
            <TableCell>
              <StatusBadge className={badgeClass[status]}>{t(`users.status.${status}`)}</StatusBadge>
              {user.secondFactorEnabled ? null : <CellNote>{t('users.list.noSecondFactor')}</CellNote>}
            </TableCell>
            <TableCell>{user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('users.list.never')}</TableCell>
          </TableRow>
        );
      }}
    </DataTable>
  );
}
