import { useEffect, useState } from 'react';
import { ApiError, api } from '../../api/http.ts';
import type { ImportRun } from './import-run.types.ts';
import { answered, sourceOf, type Upload } from './import-source.ts';

const newKey = () => crypto.randomUUID();

/**
 * A module's dry run and import as the page drives them: started under one idempotency key per
 * attempt (a double click or a retried request starts one run), followed until the job has finished.
 */
export function useImportRun(module: string) {
  const [dry, setDry] = useState<ImportRun | null>(null);
  const [run, setRun] = useState<ImportRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newKey);
  const current = run ?? dry;

  // Follows the run under way until its job has finished.
  useEffect(() => {
    if (current?.status !== 'running') return;
    const timer = setInterval(async () => {
      try {
        const next = await api<ImportRun>(`/api/imports/runs/${current.id}`);
        (next.dryRun ? setDry : setRun)(next);
      } catch (err) {
        setError((err as Error).message);
      }
    }, 400);
    return () => clearInterval(timer);
  }, [current]);

  /** Forgets both runs and takes a new key: the files or the answers changed. */
  const reset = () => {
    setDry(null);
    setRun(null);
    setError(null);
    setKey(newKey());
  };

  const start = async (dryRun: boolean, body: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const started = await api<ImportRun>(`/api/imports/${module}/runs`, {
        method: 'POST',
        headers: { 'idempotency-key': `${key}:${dryRun ? 'dry' : 'run'}` },
        body: { dryRun, ...body },
      });
      if (dryRun) {
        setDry(started);
        setRun(null);
      } else setRun(started);
    } catch (err) {
      const fields = err instanceof ApiError ? Object.values(err.fieldWords ?? {}) : [];
      setError([(err as Error).message, ...fields].join(' · '));
    } finally {
      setBusy(false);
    }
  };

  return {
    dry,
    run,
    current,
    error,
    busy,
    reset,
    /** The import's choice to notify changed: the import not yet started is to be asked again. */
    forgetRun: () => setRun(null),
    startDryRun: (upload: Upload, notify: boolean, answers: Record<string, string>) => {
      const given = answered(answers);
      return start(true, { notify, source: sourceOf(upload), ...(given ? { answers: given } : {}) });
    },
    /** The import of the very files the dry run read. */
    startImport: (notify: boolean) => start(false, { notify, sameSourceAs: dry?.id }),
  };
}

export type ImportRunState = ReturnType<typeof useImportRun>;
