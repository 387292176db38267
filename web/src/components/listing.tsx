import { Link, useSearchParams } from "react-router";

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
