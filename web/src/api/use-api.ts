import { useCallback, useEffect, useState } from 'react';
import { type ApiError, api, toApiError } from './client';
import { useRequestPurpose } from './purpose';

export interface ApiResource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** Shows a change at once (e.g. the record a write returned) while reload() fetches the truth. */
  update: (change: (data: T | undefined) => T | undefined) => void;
}

interface Loaded<T> {
  key: string;
  purpose: string;
  data: T | undefined;
  error: ApiError | undefined;
}

/**
 * Loads a GET endpoint on mount, on reload() and when the purpose of work changes; keeps showing the last data
 * while it reloads, but never data loaded for another purpose (what one may see depends on it).
 */
export function useApi<T>(path: string): ApiResource<T> {
  const [version, setVersion] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>();
  const purpose = useRequestPurpose() ?? '';
  const key = `${version}:${purpose}:${path}`;

  useEffect(() => {
    let current = true;
    api
      .get<T>(path)
      .then((data) => current && setLoaded({ key, purpose, data, error: undefined }))
      .catch(
        (e: unknown) =>
          current &&
          setLoaded((previous) => ({
            key,
            purpose,
            data: previous?.purpose === purpose ? previous.data : undefined,
            error: toApiError(e),
          })),
      );
    return () => {
      current = false;
    };
  }, [key, path, purpose]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const update = useCallback(
    (change: (data: T | undefined) => T | undefined) =>
      setLoaded((previous) => ({
        key: previous?.key ?? '',
        purpose: previous?.purpose ?? '',
        data: change(previous?.data),
        error: previous?.error,
      })),
    [],
  );
  const current = loaded?.purpose === purpose ? loaded : undefined;
  return { data: current?.data, error: current?.error, loading: loaded?.key !== key, reload, update };
}

/** Puts a saved record into a list: replaces the one with its id, or appends it. */
export function upsert<T extends { id: string }>(list: T[], item: T): T[] {
  return list.some((x) => x.id === item.id)
    ? list.map((x) => (x.id === item.id ? item : x))
    : [...list, item];
}
