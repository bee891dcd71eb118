import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadMyWorkCounts, type MyWorkCounts } from './cases.api';
import { WORK_COUNT_POLL_MS, workCountLabel } from './cases.rules';

/**
 * How much work waits: " (3)" with a visually hidden explanation ("3 items wachten op u, 1 over
 * de termijn"). Asks again every minute and when the tab comes back into view; those polls carry
 * X-Background so they do not keep an unattended session alive.
 */
export function MyWorkCount() {
  const { t } = useTranslation();
  const [counts, setCounts] = useState<MyWorkCounts>();
  const [round, setRound] = useState(0);
  const refresh = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    loadMyWorkCounts(controller.signal, round > 0).then(
      (answer) => {
        if (!controller.signal.aborted) setCounts(answer);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [round]);

  useEffect(() => {
    const timer = setInterval(refresh, WORK_COUNT_POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  if (!counts || counts.total === 0) return null;
  return (
    <span className="schakel-case-count" data-testid="my-work-count" data-total={counts.total}>
      <span aria-hidden="true">{workCountLabel(counts.total)}</span>
      <span className="schakel-visually-hidden">{`, ${t('cases.myWork.countExplained', { count: counts.total, overdue: counts.overdue })}`}</span>
    </span>
  );
}
