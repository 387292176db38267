import { type ChangeEvent, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import {
  ApiError,
  api,
  type ImportKind,
  type ImportMode,
  type ImportReport,
  importTemplateUrl,
  type Permission,
} from "../api.ts";
import {
  Breadcrumbs,
  FormErrorSummary,
  type FormErrors,
  formErrorsFrom,
  LoadError,
  Loading,
  noErrors,
  Radios,
} from "../components/govuk.tsx";
import { ImportColumnsTable, LineErrorTable } from "../components/importTables.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatNumber, plural } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

interface KindInfo {
  kind: ImportKind;
  label: string;
  /** What one row makes, for counts: "OCG", "OCGs". */
  one: string;
  many: string;
  permission: Permission;
  listPath: string;
  recordPath: (id: string) => string;
}

const KINDS: readonly KindInfo[] = [
  {
    kind: "ocgs",
    label: "Organised crime groups (OCGs)",
    one: "OCG",
    many: "OCGs",
    permission: "ocgs.manage",
    listPath: "/organised-crime",
    recordPath: (id) => `/organised-crime/ocgs/${encodeURIComponent(id)}`,
  },
  {
    kind: "disruptions",
    label: "Disruption claims (imported as drafts, to be submitted for moderation)",
    one: "disruption claim",
    many: "disruption claims",
    permission: "disruptions.claim",
    listPath: "/organised-crime/disruptions",
    recordPath: (id) => `/organised-crime/disruptions/${encodeURIComponent(id)}`,
  },
  {
    kind: "outcomes",
    label: "Outcomes (arrests, charges, convictions, seizures, orders, safeguarding)",
    one: "outcome",
    many: "outcomes",
    permission: "outcomes.record",
    listPath: "/organised-crime/outcomes",
    recordPath: (id) => `/organised-crime/outcomes/${encodeURIComponent(id)}`,
  },
];

const FILE_INPUT_ID = "import-file";
/** Enough errors to work on; the rest follow once these are corrected. */
const ERRORS_SHOWN = 100;

type Phase = "idle" | "reading" | "checking" | "importing";

export function ImportPage() {
  const { can } = useSession();
  const kinds = KINDS.filter((info) => can(info.permission));
  const [kind, setKind] = useState<ImportKind | "">(kinds.length === 1 ? (kinds[0]?.kind ?? "") : "");
  const info = KINDS.find((item) => item.kind === kind);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [phase, setPhase] = useState<Phase>("idle");
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [imported, setImported] = useState<ImportReport | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const busy = phase !== "idle";
  const kindFieldId = `import-kind-${kinds[0]?.kind ?? ""}`;
  useTitle(
    `${errors.description || Object.keys(errors.fields).length > 0 ? "Error: " : ""}Import from a spreadsheet`,
    "Organised crime",
  );

  function startAgain(nextKind: ImportKind | "" = kind) {
    setKind(nextKind);
    setFile(null);
    setFileInputKey((key) => key + 1);
    setChecked(null);
    setImported(null);
    setErrors(noErrors);
  }

  function chooseFile(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    setChecked(null);
    setImported(null);
    setErrors(noErrors);
    if (!chosen) {
      setFile(null);
      return;
    }
    setPhase("reading");
    const reader = new FileReader();
    reader.onload = () => {
      setFile({ name: chosen.name, text: typeof reader.result === "string" ? reader.result : "" });
      setPhase("idle");
    };
    reader.onerror = () => {
      setFile(null);
      setErrors({ fields: { [FILE_INPUT_ID]: "The file could not be read: choose it again" } });
      setPhase("idle");
    };
    reader.readAsText(chosen);
  }

  async function send(mode: ImportMode) {
    if (!kind) {
      setErrors({ fields: { [kindFieldId]: "Choose what you want to import" } });
      return;
    }
    if (!file) {
      setErrors({ fields: { [FILE_INPUT_ID]: "Choose a CSV file to check" } });
      return;
    }
    setErrors(noErrors);
    setPhase(mode === "check" ? "checking" : "importing");
    try {
      const report = await api.importFile(kind, file.text, mode);
      if (mode === "check") setChecked(report);
      else setImported(report);
    } catch (error) {
      // The file changed meaning since it was checked (someone else imported or changed data).
      if (error instanceof ApiError && error.problem.lines && checked) {
        setChecked({
          ...checked,
          errors: error.problem.lines,
          invalid: new Set(error.problem.lines.map((l) => l.line)).size,
        });
      }
      setErrors(formErrorsFrom(error, { csv: FILE_INPUT_ID }));
    } finally {
      setPhase("idle");
    }
  }

  return (
    <>
      <PursueNav />
      <Breadcrumbs
        items={[
          { to: "/", text: "Home" },
          { to: "/organised-crime", text: "Organised crime" },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FormErrorSummary errors={errors} />
          <span className="govuk-caption-l">Organised crime</span>
          <h1 className="govuk-heading-l">Import from a spreadsheet</h1>
          <p className="govuk-body">
            Bring in records kept elsewhere from a CSV file. Every row is checked first: you see each problem
            by line and column, and nothing is imported until you choose to. Importing the same file again
            changes nothing.
          </p>
        </div>
      </div>

      {imported && info ? (
        <ImportDone report={imported} info={info} onAnother={() => startAgain()} />
      ) : (
        <>
          {kinds.length > 1 ? (
            <Radios
              idPrefix="import-kind"
              legend="What do you want to import?"
              legendClass="govuk-fieldset__legend--m"
              options={kinds.map((item) => ({ value: item.kind, label: item.label }))}
              value={kind}
              onChange={(value) => startAgain(value as ImportKind)}
              error={errors.fields[kindFieldId]}
            />
          ) : (
            <h2 className="govuk-heading-m">{info?.label}</h2>
          )}

          {info ? (
            <>
              <ColumnHelp info={info} />
              <div
                className={`govuk-form-group${errors.fields[FILE_INPUT_ID] ? " govuk-form-group--error" : ""}`}
              >
                <label className="govuk-label govuk-label--s" htmlFor={FILE_INPUT_ID}>
                  Upload a CSV file
                </label>
                <div id={`${FILE_INPUT_ID}-hint`} className="govuk-hint">
                  Save your spreadsheet as “CSV UTF-8” with the template’s header row.
                </div>
                {errors.fields[FILE_INPUT_ID] ? (
                  <p id={`${FILE_INPUT_ID}-error`} className="govuk-error-message">
                    <span className="govuk-visually-hidden">Error:</span> {errors.fields[FILE_INPUT_ID]}
                  </p>
                ) : null}
                <input
                  key={fileInputKey}
                  id={FILE_INPUT_ID}
                  name={FILE_INPUT_ID}
                  type="file"
                  accept=".csv,text/csv"
                  className={`govuk-file-upload${errors.fields[FILE_INPUT_ID] ? " govuk-file-upload--error" : ""}`}
                  aria-describedby={`${FILE_INPUT_ID}-hint${errors.fields[FILE_INPUT_ID] ? ` ${FILE_INPUT_ID}-error` : ""}`}
                  onChange={chooseFile}
                  disabled={busy}
                />
              </div>
              <button type="button" className="govuk-button" onClick={() => send("check")} disabled={busy}>
                Check file
              </button>
            </>
          ) : null}

          <ProgressStatus phase={phase} rows={checked?.ready ?? 0} info={info} fileName={file?.name} />

          {checked && info && !busy ? <CheckResult report={checked} info={info} onImport={send} /> : null}
        </>
      )}
    </>
  );
}

/** The columns of the file: what to put in each, from the server's own description. */
function ColumnHelp({ info }: { info: KindInfo }) {
  const columns = useAsync(() => api.importColumns(info.kind), [info.kind]);
  return (
    <>
      <p className="govuk-body">
        <a className="govuk-link" href={importTemplateUrl(info.kind)} download>
          Download the CSV template for {info.many}
        </a>{" "}
        (a header row and one example row).
      </p>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">What goes in each column</span>
        </summary>
        <div className="govuk-details__text">
          {columns.error ? <LoadError error={columns.error} retry={columns.reload} /> : null}
          {!columns.data && !columns.error ? <Loading what="Loading the columns" /> : null}
          {columns.data ? <ImportColumnsTable columns={columns.data.columns} /> : null}
        </div>
      </details>
    </>
  );
}

/** Seconds since `running` became true, so a long import visibly goes on. */
function useElapsedSeconds(running: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!running) return;
    const started = Date.now();
    const timer = window.setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => window.clearInterval(timer);
  }, [running]);
  return seconds;
}

/** What is happening now, announced to screen readers as it changes. */
function ProgressStatus({
  phase,
  rows,
  info,
  fileName,
}: {
  phase: Phase;
  rows: number;
  info: KindInfo | undefined;
  fileName: string | undefined;
}) {
  const seconds = useElapsedSeconds(phase !== "idle");
  const message =
    phase === "reading"
      ? "Reading the file…"
      : phase === "checking"
        ? `Checking ${fileName ?? "the file"}: every row is validated, nothing is written…`
        : phase === "importing"
          ? `Importing ${rows > 0 && info ? plural(rows, info.one, info.many) : "the rows"} in one go: large files take a minute…`
          : "";
  return (
    <div aria-live="polite" role="status" className="rocu-import-status" data-testid="import-status">
      {message ? (
        <div className="govuk-inset-text">
          <p className="govuk-body govuk-!-margin-bottom-2">{message}</p>
          <progress className="rocu-import-progress" aria-label={message} />
          {seconds >= 2 ? (
            <p className="govuk-body-s rocu-muted govuk-!-margin-bottom-0">{seconds} seconds so far</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function CheckResult({
  report,
  info,
  onImport,
}: {
  report: ImportReport;
  info: KindInfo;
  onImport: (mode: ImportMode) => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  const summary = [
    `${plural(report.rows, "row")}: ${formatNumber(report.ready)} ready`,
    `${formatNumber(report.invalid)} with errors`,
    `${formatNumber(report.alreadyImported)} already imported`,
    ...(report.repeated > 0 ? [`${formatNumber(report.repeated)} repeated in the file`] : []),
  ].join(", ");
  const hasErrors = report.invalid > 0;
  return (
    <section aria-labelledby="check-result" data-testid="check-result">
      <h2 className="govuk-heading-m" id="check-result" ref={headingRef} tabIndex={-1}>
        {hasErrors
          ? "The file has errors"
          : report.ready > 0
            ? "The file is ready to import"
            : "Nothing new to import"}
      </h2>
      <p className="govuk-body" data-testid="check-summary">
        {summary}
      </p>
      {report.ready === 0 && report.alreadyImported > 0 ? (
        <p className="govuk-body" data-testid="nothing-new">
          Nothing new to import:{" "}
          {report.alreadyImported === 1 ? "1 row" : `${formatNumber(report.alreadyImported)} rows`} of this
          file {report.alreadyImported === 1 ? "was" : "were"} imported before, and importing{" "}
          {report.alreadyImported === 1 ? "it" : "them"} again would change nothing.
        </p>
      ) : null}
      {hasErrors ? <LineErrors report={report} /> : null}
      {report.ready > 0 ? (
        <div className="govuk-button-group">
          <button
            type="button"
            className="govuk-button"
            onClick={() => onImport("all-or-nothing")}
            disabled={hasErrors}
            aria-disabled={hasErrors}
          >
            Import all
          </button>
          {hasErrors ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => onImport("valid-only")}
            >
              Import only the {report.ready === 1 ? "valid row" : `${formatNumber(report.ready)} valid rows`}
            </button>
          ) : null}
        </div>
      ) : null}
      {hasErrors && report.ready > 0 ? (
        <p className="govuk-body rocu-muted">
          “Import all” works once every row is correct. Correct the file and check it again, or import only
          the valid {info.many} now and the rest later: rows imported now will not be imported twice.
        </p>
      ) : null}
    </section>
  );
}

function LineErrors({ report }: { report: ImportReport }) {
  const shown = report.errors.slice(0, ERRORS_SHOWN);
  return (
    <>
      <LineErrorTable caption="Errors by line" errors={shown} testId="line-errors" />
      {report.errors.length > shown.length ? (
        <p className="govuk-body">
          Showing the first {ERRORS_SHOWN} of {formatNumber(report.errors.length)} errors: correct these and
          check the file again to see the rest.
        </p>
      ) : null}
    </>
  );
}

/** The records an import made, listed up to this many; the rest are in the lists. */
const CREATED_SHOWN = 50;

function ImportDone({
  report,
  info,
  onAnother,
}: {
  report: ImportReport;
  info: KindInfo;
  onAnother: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const created = report.created.slice(0, CREATED_SHOWN);
  return (
    <section data-testid="import-done">
      <div className="govuk-panel govuk-panel--confirmation" ref={ref} tabIndex={-1}>
        <h2 className="govuk-panel__title">Import complete</h2>
        <div className="govuk-panel__body">{plural(report.imported, info.one, info.many)} imported</div>
      </div>
      <p className="govuk-body">
        {[
          report.alreadyImported > 0
            ? `${plural(report.alreadyImported, "row")} had been imported before`
            : "",
          report.invalid > 0
            ? `${plural(report.invalid, "row")} with errors ${report.invalid === 1 ? "was" : "were"} left out`
            : "",
        ]
          .filter(Boolean)
          .join("; ") || "Every row of the file was imported."}
      </p>
      {report.invalid > 0 ? <LineErrors report={report} /> : null}
      {created.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">Records created</h2>
          <ul className="govuk-list govuk-list--bullet" data-testid="created-records">
            {created.map((record) => (
              <li key={record.id}>
                <Link className="govuk-link" to={info.recordPath(record.id)}>
                  {record.reference ?? `The ${info.one} from line ${record.line}`}
                </Link>{" "}
                <span className="rocu-muted">(line {record.line})</span>
              </li>
            ))}
          </ul>
          {report.created.length > created.length ? (
            <p className="govuk-body">
              And {formatNumber(report.created.length - created.length)} more: find them in the{" "}
              <Link className="govuk-link" to={info.listPath}>
                list of {info.many}
              </Link>
              .
            </p>
          ) : null}
        </>
      ) : null}
      <button type="button" className="govuk-button govuk-button--secondary" onClick={onAnother}>
        Import another file
      </button>
    </section>
  );
}
