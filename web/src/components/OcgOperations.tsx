import { Link } from "react-router";
import { api } from "../api.ts";
import { formatDate } from "../format.ts";
import { useAsync } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { LoadError, Loading, TableWrapper } from "./govuk.tsx";
import { LEVEL_LABELS } from "./ocg.tsx";
import { OperationStatusTag, operationPath } from "./operation.tsx";

const SHOWN = 50;

/** The operations targeting one OCG, for its record page; shown only to those who read operations. */
export function OcgOperations({ ocgId }: { ocgId: string }) {
  const { can } = useSession();
  if (!can("operations.read")) return null;
  return <OperationsOf ocgId={ocgId} manage={can("operations.manage")} />;
}

function OperationsOf({ ocgId, manage }: { ocgId: string; manage: boolean }) {
  const operations = useAsync(() => api.operations({ ocgId, sort: "-startedOn", pageSize: SHOWN }), [ocgId]);
  const data = operations.data;
  const recordLink = manage ? (
    <Link className="govuk-link" to={`/organised-crime/operations/new?ocgId=${encodeURIComponent(ocgId)}`}>
      Record an operation against this group
    </Link>
  ) : null;
  return (
    <section className="rocu-section" aria-labelledby="operations-heading" data-testid="ocg-operations">
      <h2 className="govuk-heading-m" id="operations-heading">
        Operations
      </h2>
      {operations.error ? <LoadError error={operations.error} retry={operations.reload} /> : null}
      {!data && !operations.error ? <Loading what="Loading operations" /> : null}
      {data ? (
        data.total === 0 ? (
          <p className="govuk-body">No operations you can see target this group. {recordLink}</p>
        ) : (
          <>
            <TableWrapper label="Operations targeting this group">
              <table className="govuk-table rocu-table--dense rocu-table--stack">
                <caption className="govuk-table__caption govuk-visually-hidden">
                  Operations targeting this group, latest start first
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Operation
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Status
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Lead
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Level
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Started
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Ended
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((operation) => (
                    <tr className="govuk-table__row" key={operation.id} data-testid="ocg-operation">
                      <td className="govuk-table__cell">
                        <Link className="govuk-link" to={operationPath(operation.id)}>
                          {operation.codeName}
                        </Link>
                      </td>
                      <td data-label="Status" className="govuk-table__cell">
                        <OperationStatusTag status={operation.status} />
                      </td>
                      <td data-label="Lead" className="govuk-table__cell">
                        {operation.leadOrganisation.name}
                      </td>
                      <td data-label="Level" className="govuk-table__cell">
                        {LEVEL_LABELS[operation.level]}
                      </td>
                      <td data-label="Started" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(operation.startedOn, "Not started")}
                      </td>
                      <td data-label="Ended" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(operation.endedOn, "—")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            {data.total > data.items.length ? (
              <p className="govuk-body">
                <Link
                  className="govuk-link"
                  to={`/organised-crime/operations?ocgId=${encodeURIComponent(ocgId)}`}
                >
                  See all {data.total} operations targeting this group
                </Link>
              </p>
            ) : null}
            {recordLink ? <p className="govuk-body">{recordLink}</p> : null}
          </>
        )
      ) : null}
    </section>
  );
}
