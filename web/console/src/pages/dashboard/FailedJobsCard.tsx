import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { api } from '../../api/http.ts';
import { StatNumber } from '../../extensions/StatNumber.tsx';

export default function FailedJobsCard() {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['opsdesk', 'failed-jobs'],
    queryFn: async () => {
      const [failed, dead] = await Promise.all([
        api<{ total: number }>('/api/jobs?state=failed&perPage=1'),
        api<{ total: number }>('/api/jobs?state=dead&perPage=1'),
      ]);
      return failed.total + dead.total;
    },
  });
  const filter = encodeURIComponent(JSON.stringify({ state: 'failed' }));
  return (
    <StatNumber
      value={data}
      hint={translate('od.dashboard.jobs_failed_hint')}
      to={`/jobs?filter=${filter}`}
      tone="error"
    />
  );
}
