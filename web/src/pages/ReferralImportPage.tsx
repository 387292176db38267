import { type ChangeEvent, useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import {
  type ReferralImportRun,
  type ReferralImportSummary,
  referralImportApi,
  referralImportTemplateUrl,
} from "../api.ts";
import { CyberNav } from "../components/CyberNav.tsx";
import {
  Breadcrumbs,
  FormErrorSummary,
  type FormErrors,
  formErrorsFrom,
  LoadError,
  Loading,
  noErrors,
  TableWrapper,
  Tag,
  type TagColour,
  WarningText,
} from "../components/govuk.tsx";
import { ImportColumnsTable, LineErrorTable } from "../components/importTables.tsx";
import { formatDateTime, formatNumber, plural } from "../format.ts";
import { type AsyncState, useAsync, useTitle } from "../hooks.ts";

const FILE_INPUT_ID = "referral-file";
const POLL_MS = 1000;

type RunStatus = ReferralImportSummary["status"];

const STATUS_TAGS: Record<RunStatus, { text: string; colour: TagColour }> = {
  checking: { text: "Checking", colour: "blue" },
  importing: { text: "Importing", colour: "blue" },
  completed: { text: "Imported", colour: "green" },
  failed: { text: "Not imported", colour: "red" },
};

const finished = (status: RunStatus) => status === "completed" || status === "failed";
/** Unfinished, and no server is working on it: the server stopped part-way. */
const interrupted = (run: ReferralImportSummary) => !finished(run.status) && run.progress === null;

function StatusTag({ run }: { run: ReferralImportSummary }) {
  if (interrupted(run)) return <Tag colour="orange">Stopped</Tag>;
  const tag = STATUS_TAGS[run.status];
  return <Tag colour={tag.colour}>{tag.text}</Tag>;
}

export function ReferralImportPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const runId = searchParams.get("run");
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const runs = useAsync(() => referralImportApi.runs(), [runId]);
  useTitle(
    `${errors.description || errors.fields[FILE_INPUT_ID] ? "Error: " : ""}Import referrals`,
    "Cyber crime",
  );

  function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    setErrors(noErrors);
    setFile(event.target.files?.[0] ?? null);
  }

  async function upload() {
    if (!file) {
      setErrors({ fields: { [FILE_INPUT_ID]: "Choose a CSV or JSON Lines file of referrals" } });
      return;
    }
    if (!/\.(csv|jsonl|ndjson)$/i.test(file.name)) {
      setErrors({ fields: { [FILE_INPUT_ID]: "The file must be a .csv, .jsonl or .ndjson file" } });
      return;
    }
    setErrors(noErrors);
    setUploading(true);
    try {
      const run = await referralImportApi.upload(file);
      setFile(null);
      setSearchParams({ run: run.id });
    } catch (error) {
      setErrors(formErrorsFrom(error, { file: FILE_INPUT_ID, fileName: FILE_INPUT_ID }));
    } finally {
      setUploading(false);
    }
  }

  const fileError = errors.fields[FILE_INPUT_ID];
  return (
    <>
      <CyberNav />
      <Breadcrumbs
        items={[
          { to: "/", text: "Home" },
          { to: "/cyber-crime", text: "Cyber crime" },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FormErrorSummary errors={errors} />
          <span className="govuk-caption-l">Cyber crime</span>
          <h1 className="govuk-heading-l">Import referrals</h1>
          <p className="govuk-body">
            Bring in referrals from Action Fraud or Report Fraud in bulk: a CSV file with a header row, or a
            JSON Lines file with one referral per line. Every row is checked first, and nothing is imported
            from a file with errors. A referral sent again with changes becomes a new version; the same
            content changes nothing.
          </p>
        </div>
      </div>

      {runId ? (
        <RunProgress id={runId} onFinished={runs.reload} onAnother={() => setSearchParams({})} />
      ) : (
        <>
          <ColumnHelp />
          <div className={`govuk-form-group${fileError ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor={FILE_INPUT_ID}>
              Upload a file of referrals
            </label>
            <div id={`${FILE_INPUT_ID}-hint`} className="govuk-hint">
              .csv saved as “CSV UTF-8”, or .jsonl. Large files are fine: the import runs in the background
              and you can leave this page.
            </div>
            {fileError ? (
              <p id={`${FILE_INPUT_ID}-error`} className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {fileError}
              </p>
            ) : null}
            <input
              id={FILE_INPUT_ID}
              name={FILE_INPUT_ID}
              type="file"
              accept=".csv,.jsonl,.ndjson,text/csv"
              className={`govuk-file-upload${fileError ? " govuk-file-upload--error" : ""}`}
              aria-describedby={`${FILE_INPUT_ID}-hint${fileError ? ` ${FILE_INPUT_ID}-error` : ""}`}
              onChange={chooseFile}
              disabled={uploading}
            />
          </div>
          <button type="button" className="govuk-button" onClick={upload} disabled={uploading}>
            {uploading ? "Uploading…" : "Upload and import"}
          </button>
          {/* Announced when the upload starts; the run's own progress follows on its page. */}
          <p className="govuk-body" role="status">
            {uploading && file ? `Uploading ${file.name}…` : ""}
          </p>
        </>
      )}

      <RecentRuns runs={runs} current={runId} />
    </>
  );
}

/** The template and what goes in each column, from the server's own description. */
function ColumnHelp() {
  const columns = useAsync(() => referralImportApi.columns(), []);
  return (
    <>
      <p className="govuk-body">
        <a className="govuk-link" href={referralImportTemplateUrl} download>
          Download the CSV template
        </a>{" "}
        (a header row and one example row).
      </p>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">What goes in each column</span>
        </summary>
        <div className="govuk-details__text">
          <p className="govuk-body">
            JSON Lines files use the same fields as the API, in camelCase (see the API documentation). Lists
            in a CSV cell are separated by “;”.
          </p>
          {columns.error ? <LoadError error={columns.error} retry={columns.reload} /> : null}
          {!columns.data && !columns.error ? <Loading what="Loading the columns" /> : null}
          {columns.data ? <ImportColumnsTable columns={columns.data.columns} /> : null}
        </div>
      </details>
    </>
  );
}

function duration(seconds: number): string {
  if (seconds < 60) return plural(Math.max(1, Math.ceil(seconds)), "second");
  return plural(Math.ceil(seconds / 60), "minute");
}

/**
 * Estimated time left in the current phase, from how fast it has gone since this page first saw
 * it: a straight line, which is what the rows' steady pace gives.
 */
function useTimeLeft(run: ReferralImportRun | undefined): string | null {
  const start = useRef<{ phase: string; at: number; fraction: number } | null>(null);
  const progress = run?.progress;
  if (!progress) return null;
  const now = Date.now();
  if (start.current?.phase !== progress.phase)
    start.current = { phase: progress.phase, at: now, fraction: progress.fractionDone };
  const done = progress.fractionDone - start.current.fraction;
  const elapsed = (now - start.current.at) / 1000;
  if (done <= 0 || elapsed < 2 || progress.fractionDone >= 1) return null;
  return `about ${duration((elapsed / done) * (1 - progress.fractionDone))} left`;
}

/** One run: polled until it finishes, then its summary or its errors. */
function RunProgress({
  id,
  onFinished,
  onAnother,
}: {
  id: string;
  onFinished: () => void;
  onAnother: () => void;
}) {
  const run = useAsync(() => referralImportApi.run(id), [id]);
  const data = run.data;
  const active = data !== undefined && !finished(data.status) && data.progress !== null;
  const timeLeft = useTimeLeft(data);
  const { reload } = run;

  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(timer);
  }, [active, reload]);

  const wasActive = useRef(false);
  useEffect(() => {
    if (wasActive.current && !active) onFinished();
    wasActive.current = active;
  }, [active, onFinished]);

  if (run.error && !data) return <LoadError error={run.error} retry={run.reload} />;
  if (!data) return <Loading what="Loading the import" />;

  const percent =
    data.status === "completed"
      ? 100
      : data.progress
        ? Math.floor(data.progress.fractionDone * 100)
        : data.totalRows
          ? Math.floor((data.committedRows / data.totalRows) * 100)
          : 0;
  const phaseText =
    data.status === "completed"
      ? "Imported"
      : data.status === "failed"
        ? "Checked: the file has errors"
        : data.progress?.phase === "checking"
          ? "Checking every row"
          : "Importing";
  const rowsText =
    data.status === "checking" || data.totalRows === null
      ? `${formatNumber(data.progress?.rowsDone ?? 0)} rows checked`
      : `${formatNumber(data.status === "failed" ? data.totalRows : data.committedRows)} of ${formatNumber(data.totalRows)} rows`;

  return (
    <section aria-labelledby="run-heading">
      <h2 className="govuk-heading-m" id="run-heading">
        {data.fileName} <StatusTag run={data} />
      </h2>
      {data.status !== "failed" ? (
        <div className="rocu-progress">
          <span id="run-progress-label">
            {phaseText}: <strong>{percent}%</strong>
          </span>
          <progress
            className="rocu-import-progress"
            aria-labelledby="run-progress-label"
            max={100}
            value={percent}
          />
          <span className="govuk-body-s">
            {rowsText}
            {timeLeft ? ` · ${timeLeft}` : ""}
          </span>
        </div>
      ) : null}
      {/* Phase changes and the outcome are announced; the percentage itself would be noise. */}
      <p className="govuk-visually-hidden" role="status">
        {active
          ? phaseText
          : data.status === "completed"
            ? "Import finished"
            : data.status === "failed"
              ? "The file has errors: nothing was imported"
              : ""}
      </p>

      {interrupted(data) ? (
        <WarningText>
          This import stopped before it finished: {formatNumber(data.committedRows)} of{" "}
          {formatNumber(data.totalRows ?? 0)} rows are stored. Upload the same file again to carry on from
          where it stopped; no row is stored twice.
        </WarningText>
      ) : null}

      {data.status === "completed" ? <ImportCounts run={data} /> : null}
      {data.status === "failed" ? <ImportErrors run={data} /> : null}

      {finished(data.status) || interrupted(data) ? (
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onAnother}>
            Import another file
          </button>
          {data.status === "completed" ? (
            <Link className="govuk-link" to="/cyber-crime">
              Go to the triage queue
            </Link>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ImportCounts({ run }: { run: ReferralImportRun }) {
  const rows: [string, number][] = [
    ["Rows in the file", run.totalRows ?? 0],
    ["New referrals", run.createdCount],
    ["New versions of referrals already held", run.versionedCount],
    ["Unchanged (already held as they are)", run.unchangedCount],
  ];
  return (
    <dl className="govuk-summary-list">
      {rows.map(([label, value]) => (
        <div className="govuk-summary-list__row" key={label}>
          <dt className="govuk-summary-list__key">{label}</dt>
          <dd className="govuk-summary-list__value">{formatNumber(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ImportErrors({ run }: { run: ReferralImportRun }) {
  return (
    <>
      <p className="govuk-body">
        Nothing was imported. Correct {run.errors.length === 1 ? "this problem" : "these problems"} in the
        file and upload it again. The line numbers are those a text editor shows
        {run.format === "csv" ? " (the header row is line 1)" : ""}.
      </p>
      <LineErrorTable
        caption={`${plural(run.errors.length, "problem")} in ${run.fileName}`}
        fieldHeading={run.format === "csv" ? "Column" : "Field"}
        errors={run.errors}
      />
    </>
  );
}

function RecentRuns({
  runs,
  current,
}: {
  runs: AsyncState<{ items: ReferralImportSummary[] }>;
  current: string | null;
}) {
  if (runs.error) return <LoadError error={runs.error} retry={runs.reload} />;
  if (!runs.data) return <Loading what="Loading your imports" />;
  const items = runs.data.items;
  return (
    <section aria-labelledby="recent-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="recent-heading">
        Your recent imports
      </h2>
      {items.length === 0 ? (
        <p className="govuk-body">
          You have not imported any referrals yet. Your imports will be listed here.
        </p>
      ) : (
        <TableWrapper label="Your recent imports">
          <table className="govuk-table rocu-table--dense rocu-table--stack">
            <caption className="govuk-table__caption govuk-visually-hidden">Your recent imports</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  File
                </th>
                <th scope="col" className="govuk-table__header">
                  Started
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Rows
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  New
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  New versions
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Unchanged
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {items.map((run) => (
                <tr className="govuk-table__row" key={run.id}>
                  <td className="govuk-table__cell" data-label="File">
                    <Link
                      className="govuk-link"
                      to={`?run=${encodeURIComponent(run.id)}`}
                      aria-current={run.id === current ? "page" : undefined}
                    >
                      {run.fileName}
                    </Link>
                  </td>
                  <td className="govuk-table__cell" data-label="Started">
                    {formatDateTime(run.startedAt)}
                  </td>
                  <td className="govuk-table__cell" data-label="Status">
                    <StatusTag run={run} />
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric" data-label="Rows">
                    {run.totalRows === null ? "–" : formatNumber(run.totalRows)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric" data-label="New">
                    {formatNumber(run.createdCount)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric" data-label="New versions">
                    {formatNumber(run.versionedCount)}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric" data-label="Unchanged">
                    {formatNumber(run.unchangedCount)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrapper>
      )}
    </section>
  );
}
