import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";
import { useLocation } from "react-router";

/** Sets document.title to "Page – Section – ROCU Hub". */
export function useTitle(...parts: string[]): void {
  const title = [...parts.filter((part) => part !== ""), "ROCU Hub"].join(" – ");
  useEffect(() => {
    document.title = title;
  }, [title]);
}

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (value: T) => void;
}

/** Loads data with `load` whenever the dependencies change; stale answers are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists the dependencies of `load`.
  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(null);
    loadRef.current().then(
      (value) => {
        if (!current) return;
        setData(value);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { data, error, loading, reload, setData };
}

/**
 * The draft of a report's filter form. It follows the URL (`key`), and once the report arrives it
 * shows what the report is of (`shown`, e.g. the year the server chose) — unless the user has
 * already changed a field while the report loaded, which would otherwise be silently undone.
 */
export function useReportFilters<T>(selection: T, key: string, shown: T | undefined): [T, (next: T) => void] {
  const [draft, setDraftState] = useState(selection);
  const edited = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form only when the URL changes.
  useEffect(() => {
    edited.current = false;
    setDraftState(selection);
  }, [key]);
  const shownKey = shown === undefined ? "" : JSON.stringify(shown);
  // biome-ignore lint/correctness/useExhaustiveDependencies: shownKey stands for `shown`.
  useEffect(() => {
    if (shown !== undefined && !edited.current) setDraftState(shown);
  }, [shownKey]);
  const setDraft = useCallback((next: T) => {
    edited.current = true;
    setDraftState(next);
  }, []);
  return [draft, setDraft];
}

/**
 * The message a page was sent to with after a save ("Spend for April 2018 has been recorded"), from
 * the navigation state; null when it was reached any other way.
 */
export function useArrivalMessage(): string | null {
  const location = useLocation();
  return (location.state as { message?: string } | null)?.message ?? null;
}
