import { useCallback, useEffect, useState } from 'react';
import { type ApiError, api, toApiError } from './client';

export interface ApiResource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** Shows a change at once (e.g. the record a write returned) while reload() fetches the truth. */
  update: (change: (data: T | undefined) => T | undefined) => void;
}

/** Loads a GET endpoint on mount and on reload(). */
export function useApi<T>(path: string): ApiResource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .get<T>(path)
      .then((result) => {
        if (!current) return;
        setData(result);
        setError(undefined);
      })
      .catch((e: unknown) => current && setError(toApiError(e)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [path, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, update: setData };
}

/** Puts a saved record into a list: replaces the one with its id, or appends it. */
export function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  return list.some((x) => x.id === item.id) ? list.map((x) => (x.id === item.id ? item : x)) : [...list, item];
}
