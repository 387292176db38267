import type { ReactNode } from "react";
import { TableWrapper, Tag } from "./govuk.tsx";

/** One column of an import file, as the import pages explain it. */
export interface ImportColumnHelp {
  header: string;
  required: boolean;
  description: string;
  example: string;
}

/** "What goes in each column": every column of an import file, required or not, with an example. */
export function ImportColumnsTable({ columns }: { columns: readonly ImportColumnHelp[] }) {
  return (
    <TableWrapper label="Columns of the file">
      <table className="govuk-table rocu-table--dense rocu-table--stack">
        <caption className="govuk-table__caption govuk-visually-hidden">Columns of the file</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Column
            </th>
            <th scope="col" className="govuk-table__header">
              What to enter
            </th>
            <th scope="col" className="govuk-table__header">
              Example
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {columns.map((column) => (
            <tr className="govuk-table__row" key={column.header}>
              <th scope="row" className="govuk-table__header">
                <code className="rocu-code">{column.header}</code>{" "}
                {column.required ? (
                  <Tag colour="blue">Required</Tag>
                ) : (
                  <span className="rocu-muted">optional</span>
                )}
              </th>
              <td className="govuk-table__cell" data-label="What to enter">
                {column.description}
              </td>
              <td className="govuk-table__cell" data-label="Example">
                {column.example || <span className="rocu-muted">(blank)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrapper>
  );
}

/** The problems found in an import file, by line and column (or field, for JSON Lines). */
export function LineErrorTable({
  caption,
  fieldHeading = "Column",
  errors,
  testId,
}: {
  caption: ReactNode;
  fieldHeading?: string;
  errors: readonly { line: number; field: string; message: string }[];
  testId?: string;
}) {
  return (
    <TableWrapper label="Problems in the file">
      <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid={testId}>
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Line
            </th>
            <th scope="col" className="govuk-table__header">
              {fieldHeading}
            </th>
            <th scope="col" className="govuk-table__header">
              Problem
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {errors.map((error) => (
            <tr className="govuk-table__row" key={`${error.line}:${error.field}:${error.message}`}>
              <td className="govuk-table__cell govuk-table__cell--numeric" data-label="Line">
                {error.line}
              </td>
              <td className="govuk-table__cell" data-label={fieldHeading}>
                {error.field ? <code className="rocu-code">{error.field}</code> : "Whole row"}
              </td>
              <td className="govuk-table__cell" data-label="Problem">
                {error.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrapper>
  );
}
