import { useQuery } from '@tanstack/react-query';
import { loadResourceMeta, type ResourceMeta } from './resource-meta.ts';

/** The generic resources the signed-in session may see (empty while loading). */
export function useResourceList(enabled = true): ResourceMeta[] {
  const { data } = useQuery({
    queryKey: ['opsdesk', 'resources'],
    queryFn: () => loadResourceMeta(),
    enabled,
    staleTime: 5 * 60_000,
  });
  return data ?? [];
}
