import type { Municipality } from '@server/modules/regions/regions.schema';
import { Button, Checkbox, FormField, FormLabel, Select, SelectOption } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  defaultStatus,
  exploitationForms,
  hasActiveQueueFilters,
  isExploitationForm,
  isSignalChannel,
  type QueueFilters,
  type QueueKind,
  signalChannels,
  statusFilters,
} from './signals.rules';
import { useCatalogue, useCatalogueLabels } from './useCatalogue';

interface QueueFilterFormProps {
  kind: QueueKind;
  filters: QueueFilters;
  municipalities: readonly Municipality[];
  onApply(filters: QueueFilters): void;
}

function SelectField({ id, label, value, onChange, children }: { id: string; label: string; value: string; onChange(value: string): void; children: ReactNode }) {
  return (
    <FormField className="schakel-form__field schakel-filters__field">
      <div className="utrecht-form-field__label">
        <FormLabel htmlFor={id}>{label}</FormLabel>
      </div>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </Select>
    </FormField>
  );
}

/** Filters apply on submit and land in the URL as codes (status, CBS code, channel, form). */
export function QueueFilterForm({ kind, filters, municipalities, onApply }: QueueFilterFormProps) {
  const { t } = useTranslation();
  const labels = useCatalogueLabels(useCatalogue());
  const [status, setStatus] = useState<string>(filters.status ?? defaultStatus(kind));
  const [municipality, setMunicipality] = useState(filters.municipality ?? '');
  const [channel, setChannel] = useState<string>(filters.channel ?? '');
  const [form, setForm] = useState<string>(filters.form ?? '');
  const [acute, setAcute] = useState(filters.acute === undefined ? '' : filters.acute ? 'ja' : 'nee');
  const [mine, setMine] = useState(filters.mine === true);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: QueueFilters = { page: 1 };
    if (status !== defaultStatus(kind)) next.status = status as QueueFilters['status'];
    if (municipality) next.municipality = municipality;
    if (isSignalChannel(channel)) next.channel = channel;
    if (isExploitationForm(form)) next.form = form;
    if (acute) next.acute = acute === 'ja';
    if (mine && kind === 'triage') next.mine = true;
    onApply(next);
  };

  return (
    <form className="schakel-filters schakel-signal-filters" noValidate onSubmit={submit} aria-label={t('signals.queue.filters.label')}>
      <SelectField id="queue-status" label={t('signals.queue.filters.status')} value={status} onChange={setStatus}>
        {statusFilters.map((value) => (
          <SelectOption key={value} value={value}>
            {value === 'open' || value === 'all' ? t(`signals.queue.filters.statuses.${value}`) : t(`signals.statuses.${value}`)}
          </SelectOption>
        ))}
      </SelectField>
      {kind === 'triage' ? (
        <SelectField id="queue-municipality" label={t('signals.queue.filters.municipality')} value={municipality} onChange={setMunicipality}>
          <SelectOption value="">{t('signals.queue.filters.allMunicipalities')}</SelectOption>
          {municipalities.map((m) => (
            <SelectOption key={m.code} value={m.code}>
              {m.name}
            </SelectOption>
          ))}
        </SelectField>
      ) : null}
      {kind === 'triage' ? (
        <SelectField id="queue-channel" label={t('signals.queue.filters.channel')} value={channel} onChange={setChannel}>
          <SelectOption value="">{t('signals.queue.filters.allChannels')}</SelectOption>
          {signalChannels.map((value) => (
            <SelectOption key={value} value={value}>
              {t(`signals.channels.${value}`)}
            </SelectOption>
          ))}
        </SelectField>
      ) : null}
      <SelectField id="queue-form" label={t('signals.queue.filters.form')} value={form} onChange={setForm}>
        <SelectOption value="">{t('signals.queue.filters.allForms')}</SelectOption>
        {exploitationForms.map((value) => (
          <SelectOption key={value} value={value}>
            {labels.form(value)}
          </SelectOption>
        ))}
      </SelectField>
      <SelectField id="queue-acute" label={t('signals.queue.filters.acute')} value={acute} onChange={setAcute}>
        <SelectOption value="">{t('signals.queue.filters.acuteAny')}</SelectOption>
        <SelectOption value="ja">{t('signals.queue.filters.acuteYes')}</SelectOption>
        <SelectOption value="nee">{t('signals.queue.filters.acuteNo')}</SelectOption>
      </SelectField>
      {kind === 'triage' ? (
        <div className="schakel-checkbox-field__row schakel-signal-filters__mine">
          <Checkbox id="queue-mine" checked={mine} onChange={(event) => setMine(event.target.checked)} />
          <FormLabel htmlFor="queue-mine" type="checkbox">
            {t('signals.queue.filters.mine')}
          </FormLabel>
        </div>
      ) : null}
      <div className="schakel-filters__actions schakel-signal-filters__actions">
        <Button type="submit" appearance="primary-action-button">
          {t('signals.queue.filters.apply')}
        </Button>
        {hasActiveQueueFilters(filters) ? (
          <Link to={{ search: '' }} className="utrecht-link utrecht-link--html-a">
            {t('signals.queue.filters.clear')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
