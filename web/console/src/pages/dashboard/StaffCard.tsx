import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { api } from '../../api/http.ts';
import { StatNumber } from '../../extensions/StatNumber.tsx';

export default function StaffCard() {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['opsdesk', 'staff-count'],
    queryFn: () => api<unknown[]>('/api/users'),
  });
  return <StatNumber value={data?.length} hint={translate('od.dashboard.staff_hint')} to="/users" />;
}
