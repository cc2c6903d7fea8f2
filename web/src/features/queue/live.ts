import { useEffect, useState } from 'react';

export type LiveState = 'connecting' | 'open' | 'reconnecting';

const REOPEN_MS = 3000;

/**
 * Follows a server-sent event stream: the latest data of one event type and whether the connection stands. The
 * browser's EventSource reconnects by itself after a network failure (the server says when); after an HTTP error
 * (a proxy's 502 while the server restarts) it gives up, so a new one is opened after a pause. The server sends
 * the whole state as the first event of every connection, so nothing is lost in between.
 */
export function useEventStream<T>(
  url: string | null,
  event: string,
): { data: T | undefined; state: LiveState } {
  const [data, setData] = useState<T>();
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    if (!url) return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const open = () => {
      source = new EventSource(url);
      source.addEventListener(event, (e) => {
        setState('open');
        setData(JSON.parse((e as MessageEvent<string>).data) as T);
      });
      source.onopen = () => setState('open');
      source.onerror = () => {
        setState('reconnecting');
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          timer = setTimeout(open, REOPEN_MS);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [url, event]);
  return { data, state };
}
