import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/http.ts';

export type SandboxService = 'momo' | 'airtel' | 'email' | 'sms' | 'whatsapp' | 'telegram';

/**
 * The services the sandbox plays instead of the real ones, or null when the server runs without
 * a sandbox (`/api/sandbox` then answers none).
 */
export function useSandbox(): SandboxService[] | null {
  const { data } = useQuery({
    queryKey: ['opsdesk', 'sandbox'],
    queryFn: () => api<{ services: SandboxService[] }>('/api/sandbox').catch(() => ({ services: [] })),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data && data.services.length > 0 ? data.services : null;
}
