import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { plural } from "../format.ts";
import { Pagination } from "./govuk.tsx";

/** A positive whole number from the URL, or the fallback. */
export function positiveInt(value: string | null, fallback: number): number {
  const number = Number(value);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

/** The page's URL query, and links to the same page with some parameters changed. */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  function hrefWith(changes: Record<string, string | null>): string {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(key);
      else next.set(key, value);
    }
    const text = next.toString();
    return text ? `?${text}` : "?";
  }
  return { params, setParams, hrefWith };
}

/**
 * A filtered, sorted, paged list kept in the URL: the filters as applied, a draft the filter form
 * edits (reset whenever the URL changes), and the form's submit handler, which keeps the sort and
 * page size but goes back to the first page.
 */
export function useListFilters<Key extends string>({
  filters: keys,
  defaultSort,
  pageSize: defaultPageSize,
  maxPageSize = 100,
}: {
  filters: readonly Key[];
  /** Left out where the list has no sortable columns: no sort is then kept. */
  defaultSort?: string;
  pageSize: number;
  maxPageSize?: number;
}) {
  const { params, setParams, hrefWith } = useListParams();
  const filters = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ""])) as Record<Key, string>;
  // A list without sortable columns ignores any sort in the URL.
  const sort = defaultSort === undefined ? "" : (params.get("sort") ?? defaultSort);
  const page = positiveInt(params.get("page"), 1);
  const pageSize = Math.min(maxPageSize, positiveInt(params.get("pageSize"), defaultPageSize));
  const filterKey = keys.map((key) => filters[key]).join("|");
  const filtered = keys.some((key) => filters[key] !== "");
  const keptSort = sort !== (defaultSort ?? "") ? sort : null;

  const [draft, setDraft] = useState(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters are summed up by filterKey.
  useEffect(() => setDraft(filters), [filterKey]);

  function applyFilters(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of keys) {
      const value = draft[key].trim();
      if (value) next.set(key, value);
    }
    if (keptSort) next.set("sort", keptSort);
    const size = params.get("pageSize");
    if (size) next.set("pageSize", size);
    setParams(next);
  }

  return {
    hrefWith,
    filters,
    draft,
    setDraft,
    sort,
    filtered,
    applyFilters,
    /** Clearing the filters keeps the sort. */
    clearHref: keptSort ? `?sort=${encodeURIComponent(keptSort)}` : "?",
    /** What to ask the API for; the API client leaves out an empty sort. */
    query: { ...filters, sort, page, pageSize },
    /** Changes whenever the query does: the dependency for loading the list. */
    queryKey: `${filterKey}|${sort}|${page}|${pageSize}`,
  };
}

/** The filter form's buttons: apply, and clear once any filter is applied. */
export function FilterActions({ filtered, clearHref }: { filtered: boolean; clearHref: string }) {
  return (
    <div className="govuk-button-group">
      <button type="submit" className="govuk-button govuk-button--secondary">
        Apply filters
      </button>
      {filtered ? (
        <Link className="govuk-link" to={clearHref}>
          Clear filters
        </Link>
      ) : null}
    </div>
  );
}

/** "12 OCGs match these filters, showing 1 to 25." */
export function rangeOf(data: { total: number; page: number; pageSize: number }): {
  from: number;
  to: number;
} {
  return {
    from: data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0,
    to: Math.min(data.total, data.page * data.pageSize),
  };
}

/** The list's count above its table: "12 bids match these filters, showing 1 to 25." */
export function ListCount({
  data,
  noun,
  nouns,
  filtered,
  testId,
  children,
}: {
  data: { total: number; page: number; pageSize: number };
  noun: string;
  nouns?: string;
  filtered: boolean;
  testId: string;
  /** A further sentence after the count (starting with a space), announced with it. */
  children?: ReactNode;
}) {
  const { from, to } = rangeOf(data);
  return (
    <p className="govuk-body" aria-live="polite" data-testid={testId}>
      {plural(data.total, noun, nouns)}
      {filtered ? (data.total === 1 ? " matches these filters" : " match these filters") : ""}
      {data.total > data.pageSize ? `, showing ${from} to ${to}` : ""}.{children}
    </p>
  );
}

/** The table's caption for screen readers: what it lists and how it is sorted. */
export function SortCaption({
  what,
  sort,
  words,
}: {
  what: string;
  sort: string;
  words: Record<string, string>;
}) {
  return (
    <caption className="govuk-table__caption govuk-visually-hidden">
      {what}, sorted by {words[sort.replace("-", "")] ?? sort}
      {sort.startsWith("-") ? " descending" : ""}
    </caption>
  );
}

/** A sortable column header: a link that sorts by the column, then reverses it. */
export function SortHeader<Key extends string>({
  field,
  children,
  sort,
  hrefWith,
  descendingFirst = false,
  className,
}: {
  field: Key;
  children: string;
  sort: string;
  hrefWith: (changes: Record<string, string | null>) => string;
  /** Numbers such as scores read best highest first. */
  descendingFirst?: boolean;
  className?: string;
}) {
  const ascending = sort === field;
  const descending = sort === `-${field}`;
  const nextSort = ascending ? `-${field}` : descending ? field : descendingFirst ? `-${field}` : field;
  const nextLabel = nextSort.startsWith("-") ? "Sort descending" : "Sort ascending";
  return (
    <th
      scope="col"
      className={`govuk-table__header${className ? ` ${className}` : ""}`}
      aria-sort={ascending ? "ascending" : descending ? "descending" : "none"}
    >
      <Link className="govuk-link rocu-sort-link" to={hrefWith({ sort: nextSort, page: null })}>
        {children}
        <span aria-hidden="true" className="rocu-sort-icon">
          {ascending ? " ▲" : descending ? " ▼" : " ⇅"}
        </span>
        <span className="govuk-visually-hidden">
          {ascending ? ", sorted ascending. " : descending ? ", sorted descending. " : ", "}
          {ascending || descending ? nextLabel : nextLabel.toLowerCase()}
        </span>
      </Link>
    </th>
  );
}

/** The links to a list's other pages, keeping its filters and sort. */
export function ListPagination({
  data,
  label,
  hrefWith,
}: {
  data: { total: number; page: number; pageSize: number };
  label: string;
  hrefWith: (changes: Record<string, string | null>) => string;
}) {
  return (
    <Pagination
      page={data.page}
      pageSize={data.pageSize}
      total={data.total}
      label={label}
      hrefFor={(n) => hrefWith({ page: n === 1 ? null : String(n) })}
    />
  );
}

/**
 * What a list shows when nothing is in it: with filters, a way to clear them; without, what the
 * list is for and how its first record is made (`children`).
 */
export function EmptyList({
  testId,
  filtered,
  clearHref,
  what,
  title,
  children,
}: {
  testId: string;
  filtered: boolean;
  clearHref: string;
  /** The records, plural: "No {what} match these filters". */
  what: string;
  /** The heading when nothing is recorded at all. */
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="rocu-empty" data-testid={testId}>
      {filtered ? (
        <>
          <h2 className="govuk-heading-m">No {what} match these filters</h2>
          <p className="govuk-body">
            Check the spelling or{" "}
            <Link className="govuk-link" to={clearHref}>
              clear the filters
            </Link>
            .
          </p>
        </>
      ) : (
        <>
          <h2 className="govuk-heading-m">{title}</h2>
          {children}
        </>
      )}
    </div>
  );
}
