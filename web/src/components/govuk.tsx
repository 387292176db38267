import { type ChangeEvent, type ReactNode, useEffect, useId, useRef } from "react";
import { Link } from "react-router";
import { ApiError, messageOf } from "../api.ts";

export interface SummaryError {
  /** Id of the field to link to (without "#"); omitted for errors not tied to a field. */
  field?: string;
  text: string;
}

/**
 * GOV.UK error summary. It takes focus whenever it is shown with a new set of errors,
 * so a screen reader announces it straight after a failed submit.
 */
export function ErrorSummary({
  errors,
  description,
  title = "There is a problem",
}: {
  errors: SummaryError[];
  description?: string | undefined;
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const key = `${description ?? ""}|${errors.map((error) => `${error.field ?? ""}:${error.text}`).join("|")}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again whenever the errors change.
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  if (errors.length === 0 && !description) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} data-testid="error-summary">
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          {description ? <p>{description}</p> : null}
          {errors.length > 0 ? (
            <ul className="govuk-list govuk-error-summary__list">
              {errors.map((error) => (
                <li key={`${error.field ?? ""}-${error.text}`}>
                  {error.field ? (
                    <a
                      href={`#${error.field}`}
                      onClick={(event) => {
                        event.preventDefault();
                        const target = document.getElementById(error.field ?? "");
                        target?.scrollIntoView({ block: "center" });
                        target?.focus();
                      }}
                    >
                      {error.text}
                    </a>
                  ) : (
                    error.text
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** Errors of a form, per field, as they come from the client checks or the API. */
export interface FormErrors {
  description?: string | undefined;
  fields: Record<string, string>;
}

export const noErrors: FormErrors = { fields: {} };

/**
 * Turns a thrown value into form errors. `fieldIds` maps API body field names to the ids of
 * the controls on the page (e.g. { roles: "roles-admin" }).
 */
export function formErrorsFrom(error: unknown, fieldIds: Record<string, string> = {}): FormErrors {
  if (error instanceof ApiError) {
    const fields: Record<string, string> = {};
    for (const fieldError of error.fieldErrors) {
      // "aliases.2" is reported on the aliases control when the page has no control of its own for it.
      const id =
        fieldIds[fieldError.field] ?? fieldIds[fieldError.field.split(".")[0] ?? ""] ?? fieldError.field;
      if (!(id in fields)) fields[id] = fieldError.message;
    }
    const detail = error.problem.detail ?? error.problem.title;
    return { description: Object.keys(fields).length > 0 && detail === "" ? undefined : detail, fields };
  }
  return { description: messageOf(error), fields: {} };
}

export function hasErrors(errors: FormErrors): boolean {
  return Boolean(errors.description) || Object.keys(errors.fields).length > 0;
}

/** The error summary for a FormErrors value, with links to each field in page order. */
export function FormErrorSummary({ errors }: { errors: FormErrors }) {
  const list = Object.entries(errors.fields).map(([field, text]) => ({ field, text }));
  if (!hasErrors(errors)) return null;
  // The API's detail often just repeats the field messages; show it only when it adds something.
  const description =
    errors.description && !(list.length > 0 && list.every((item) => errors.description?.includes(item.text)))
      ? errors.description
      : undefined;
  return <ErrorSummary errors={list} description={description} />;
}

function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Render the label as the page heading (single-question pages). */
  labelClass?: string;
}

/** The ids a control's aria-describedby names: its hint and its error message, when shown. */
function describedByOf(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** A GOV.UK form group: label, hint and error message above one control. */
function FormGroup({ id, label, hint, error, labelClass, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label${labelClass ? ` ${labelClass}` : ""}`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      {children}
    </div>
  );
}

export function TextInput({
  id,
  label,
  hint,
  error,
  labelClass,
  value,
  onChange,
  type = "text",
  autoComplete,
  width,
  spellCheck,
  inputMode,
  name,
  prefix,
  suffix,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "email" | "password" | "number" | "date" | "search";
  autoComplete?: string;
  width?: "2" | "3" | "4" | "5" | "10" | "20" | "30";
  spellCheck?: boolean;
  inputMode?: "numeric" | "decimal" | "email" | "text";
  name?: string;
  /** Shown before the field, like "£" (GOV.UK prefix: hidden from screen readers, so say it in the label). */
  prefix?: string;
  /** Shown after the field, like "%". */
  suffix?: string;
}) {
  const input = (
    <input
      id={id}
      name={name ?? id}
      className={`govuk-input${width ? ` govuk-input--width-${width}` : ""}${error ? " govuk-input--error" : ""}`}
      type={type}
      value={value}
      autoComplete={autoComplete}
      spellCheck={spellCheck}
      inputMode={inputMode}
      aria-describedby={describedByOf(id, hint, error)}
      aria-invalid={error ? true : undefined}
      onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
    />
  );
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} labelClass={labelClass}>
      {prefix || suffix ? (
        <div className="govuk-input__wrapper">
          {prefix ? (
            <div className="govuk-input__prefix" aria-hidden="true">
              {prefix}
            </div>
          ) : null}
          {input}
          {suffix ? (
            <div className="govuk-input__suffix" aria-hidden="true">
              {suffix}
            </div>
          ) : null}
        </div>
      ) : (
        input
      )}
    </FormGroup>
  );
}

export function Textarea({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  rows = 3,
}: FieldProps & { value: string; onChange: (value: string) => void; rows?: number }) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={id}
        rows={rows}
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        value={value}
        aria-describedby={describedByOf(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </FormGroup>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export interface OptionGroup {
  label: string;
  options: Option[];
}

export function Select({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  options,
  groups,
  placeholder,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  options?: Option[];
  groups?: OptionGroup[];
  placeholder?: string;
}) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={id}
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        value={value}
        aria-describedby={describedByOf(id, hint, error)}
        onChange={(event) => onChange(event.target.value)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {(options ?? []).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {(groups ?? []).map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </FormGroup>
  );
}

interface ChoiceGroupProps {
  /** Prefix for the ids of the inputs: the first input's id is `${idPrefix}-${first value}`. */
  idPrefix: string;
  legend: ReactNode;
  legendClass?: string;
  hint?: ReactNode;
  error?: string | undefined;
  options: Option[];
  small?: boolean;
  inline?: boolean;
  /** Long lists of short options flow into columns on wider screens. */
  columns?: boolean;
}

/** The id the error summary should link to for a checkbox or radio group. */
export function firstChoiceId(idPrefix: string, options: readonly Option[] | readonly string[]): string {
  const first = options[0];
  const value = typeof first === "string" ? first : (first?.value ?? "");
  return `${idPrefix}-${value}`;
}

export function Checkboxes({
  idPrefix,
  legend,
  legendClass = "govuk-fieldset__legend--s",
  hint,
  error,
  options,
  values,
  onChange,
  small,
  inline,
  columns,
}: ChoiceGroupProps & { values: readonly string[]; onChange: (values: string[]) => void }) {
  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  const describedBy = describedByOf(idPrefix, hint, error);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        {hint ? (
          <div id={hintId} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <div
          className={`govuk-checkboxes${small ? " govuk-checkboxes--small" : ""}${inline ? " rocu-choices--inline" : ""}${columns ? " rocu-choices--columns" : ""}`}
        >
          {options.map((option) => {
            const id = `${idPrefix}-${option.value}`;
            const checked = values.includes(option.value);
            return (
              <div className="govuk-checkboxes__item" key={option.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={id}
                  name={idPrefix}
                  type="checkbox"
                  value={option.value}
                  checked={checked}
                  aria-describedby={option.hint ? `${id}-hint` : undefined}
                  onChange={(event) =>
                    onChange(
                      event.target.checked
                        ? [...values.filter((value) => value !== option.value), option.value]
                        : values.filter((value) => value !== option.value),
                    )
                  }
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div id={`${id}-hint`} className="govuk-hint govuk-checkboxes__hint">
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Radios({
  idPrefix,
  legend,
  legendClass = "govuk-fieldset__legend--s",
  hint,
  error,
  options,
  value,
  onChange,
  small,
  inline,
}: ChoiceGroupProps & { value: string; onChange: (value: string) => void }) {
  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  const describedBy = describedByOf(idPrefix, hint, error);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        {hint ? (
          <div id={hintId} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <div
          className={`govuk-radios${small ? " govuk-radios--small" : ""}${inline ? " govuk-radios--inline" : ""}`}
        >
          {options.map((option) => {
            const id = `${idPrefix}-${option.value}`;
            return (
              <div className="govuk-radios__item" key={option.value}>
                <input
                  className="govuk-radios__input"
                  id={id}
                  name={idPrefix}
                  type="radio"
                  value={option.value}
                  checked={value === option.value}
                  aria-describedby={option.hint ? `${id}-hint` : undefined}
                  onChange={() => onChange(option.value)}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={id}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div id={`${id}-hint`} className="govuk-hint govuk-radios__hint">
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export type TagColour = "grey" | "green" | "blue" | "red" | "yellow" | "orange" | "purple" | "turquoise";

export function Tag({ colour, children }: { colour?: TagColour; children: ReactNode }) {
  return <strong className={`govuk-tag${colour ? ` govuk-tag--${colour}` : ""}`}>{children}</strong>;
}

export interface Crumb {
  to: string;
  text: string;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav className="govuk-breadcrumbs rocu-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {items.map((item) => (
          <li className="govuk-breadcrumbs__list-item" key={item.to}>
            <Link className="govuk-breadcrumbs__link" to={item.to}>
              {item.text}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** GOV.UK pagination; `hrefFor` builds the URL of a page so every page is a real link. */
export function Pagination({
  page,
  pageSize,
  total,
  hrefFor,
  label = "results",
}: {
  page: number;
  pageSize: number;
  total: number;
  hrefFor: (page: number) => string;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const shown = new Set<number>([1, pages, page - 1, page, page + 1]);
  const numbers = [...shown].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: (number | "gap")[] = [];
  for (const [index, n] of numbers.entries()) {
    const previous = numbers[index - 1];
    if (previous !== undefined && n - previous > 1) items.push("gap");
    items.push(n);
  }
  return (
    <nav className="govuk-pagination" aria-label={`Pages of ${label}`}>
      {page > 1 ? (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={hrefFor(page - 1)} rel="prev">
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--prev"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
            </svg>
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      ) : null}
      <ul className="govuk-pagination__list">
        {items.map((item, index) =>
          item === "gap" ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: gaps have no identity of their own.
            <li key={`gap-${index}`} className="govuk-pagination__item govuk-pagination__item--ellipses">
              &ctdot;
            </li>
          ) : (
            <li
              key={item}
              className={`govuk-pagination__item${item === page ? " govuk-pagination__item--current" : ""}`}
            >
              <Link
                className="govuk-link govuk-pagination__link"
                to={hrefFor(item)}
                aria-label={`Page ${item}`}
                aria-current={item === page ? "page" : undefined}
              >
                {item}
              </Link>
            </li>
          ),
        )}
      </ul>
      {page < pages ? (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={hrefFor(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
            <svg
              className="govuk-pagination__icon govuk-pagination__icon--next"
              xmlns="http://www.w3.org/2000/svg"
              height="13"
              width="15"
              aria-hidden="true"
              focusable="false"
              viewBox="0 0 15 13"
            >
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
            </svg>
          </Link>
        </div>
      ) : null}
    </nav>
  );
}

/** GOV.UK success notification banner; takes focus so it is announced. */
export function SuccessBanner({ title = "Success", children }: { title?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      className="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby={id}
      tabIndex={-1}
      ref={ref}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

/** An important-information notification banner (not focused). */
export function InfoBanner({ title = "Important", children }: { title?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="govuk-notification-banner" aria-labelledby={id}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </section>
  );
}

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

/**
 * Confirmation step for irreversible or significant actions: names the record, offers the
 * action as a warning button and a cancel link. Focus moves to its heading when shown.
 */
export function ConfirmPanel({
  heading,
  children,
  confirmText,
  onConfirm,
  onCancel,
  busy,
  warning = true,
}: {
  heading: string;
  children?: ReactNode;
  confirmText: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  warning?: boolean;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section className="rocu-confirm" aria-labelledby={id}>
      <h2 className="govuk-heading-m" id={id} ref={ref} tabIndex={-1}>
        {heading}
      </h2>
      {children}
      <div className="govuk-button-group">
        <button
          type="button"
          className={`govuk-button${warning ? " govuk-button--warning" : ""}`}
          onClick={onConfirm}
          disabled={busy}
          aria-disabled={busy}
        >
          {confirmText}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="govuk-body rocu-loading" aria-live="polite">
      {what}…
    </p>
  );
}

/** A form whose choices are still loading: its heading, then the failure or "Loading…". */
export function FormLoading({
  heading,
  error,
  retry,
  what,
}: {
  heading: ReactNode;
  error: unknown;
  retry: () => void;
  what: string;
}) {
  return (
    <>
      {heading}
      {error ? <LoadError error={error} retry={retry} /> : <Loading what={what} />}
    </>
  );
}

/** A failed load: the problem's detail and a way to try again. */
export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="govuk-error-summary" role="alert">
      <h2 className="govuk-error-summary__title">Sorry, this could not be loaded</h2>
      <div className="govuk-error-summary__body">
        <p>{messageOf(error)}</p>
        {retry ? (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={retry}>
            Try again
          </button>
        ) : null}
      </div>
    </div>
  );
}

export function SummaryList({ rows }: { rows: { key: string; value: ReactNode }[] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((row) => (
        <div className="govuk-summary-list__row" key={row.key}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Wide tables scroll sideways on narrow screens. The scrolling region is focusable and named
 * so keyboard users can scroll it too.
 */
export function TableWrapper({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <section className="rocu-table-wrapper" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/** A form's submit button, disabled while it is sent, and the way back without saving. */
export function SubmitOrCancel({ text, busy, cancelTo }: { text: string; busy: boolean; cancelTo: string }) {
  return (
    <div className="govuk-button-group">
      <button type="submit" className="govuk-button" disabled={busy}>
        {text}
      </button>
      <Link className="govuk-link" to={cancelTo}>
        Cancel
      </Link>
    </div>
  );
}
