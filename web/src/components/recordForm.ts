import { type Dispatch, type FormEvent, type SetStateAction, useEffect, useState } from "react";
import { type FormErrors, formErrorsFrom, hasErrors, noErrors } from "./govuk.tsx";

export interface RecordFormOptions<Values, Body> {
  initial: Values;
  /** Checks in the browser first: field id → message, empty when the values may be sent. */
  check: (values: Values) => Record<string, string>;
  toBody: (values: Values) => Body;
  /** Sends the body; on failure the server's field errors are shown against the form's fields. */
  onSubmit: (body: Body) => Promise<void>;
  /** The form's field ids by the API's field names, for the server's errors. */
  fieldIds: Record<string, string>;
  /** Told whether the form shows errors, so the page can say so in its title. */
  onErrors?: ((shown: boolean) => void) | undefined;
}

export interface RecordForm<Values> {
  values: Values;
  setValues: Dispatch<SetStateAction<Values>>;
  set: (changes: Partial<Values>) => void;
  errors: FormErrors;
  setErrors: Dispatch<SetStateAction<FormErrors>>;
  busy: boolean;
  submit: (event: FormEvent) => Promise<void>;
}

/**
 * The state every record form keeps: the values typed (kept whatever happens), the errors shown
 * (the browser's own checks first, then the server's), and whether a save is under way.
 */
export function useRecordForm<Values, Body>({
  initial,
  check,
  toBody,
  onSubmit,
  fieldIds,
  onErrors,
}: RecordFormOptions<Values, Body>): RecordForm<Values> {
  const [values, setValues] = useState<Values>(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const shown = hasErrors(errors);
  useEffect(() => onErrors?.(shown), [shown, onErrors]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = check(values);
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return;
    }
    setBusy(true);
    try {
      await onSubmit(toBody(values));
      // A form that stays on its page after success (a preview) shows its answer and may be sent again.
      setErrors(noErrors);
    } catch (error) {
      setErrors(formErrorsFrom(error, fieldIds));
    }
    setBusy(false);
  }

  const set = (changes: Partial<Values>) => setValues((current) => ({ ...current, ...changes }));
  return { values, setValues, set, errors, setErrors, busy, submit };
}
