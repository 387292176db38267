import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { FormErrorSummary, type FormErrors, formErrorsFrom, noErrors, TextInput } from "./govuk.tsx";

const FIELD_IDS = { currentPassword: "current-password", newPassword: "new-password" };

export const PASSWORD_HINT =
  "Use at least 12 characters. Do not use a common password or one you use elsewhere.";

/** Current, new and confirm; reports success through onChanged. */
export function ChangePasswordForm({
  onChanged,
  submitText = "Change password",
  headingLevel,
}: {
  onChanged: () => void | Promise<void>;
  submitText?: string;
  headingLevel?: "h2";
}) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (current === "") fields["current-password"] = "Enter your current password";
    if (next === "") fields["new-password"] = "Enter a new password";
    else if (next.length < 12) fields["new-password"] = "Your new password must be at least 12 characters";
    if (next !== "" && confirm !== next) fields["confirm-password"] = "The passwords do not match";
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return;
    }
    setBusy(true);
    try {
      await api.changeMyPassword(current, next);
      setErrors(noErrors);
      setCurrent("");
      setNext("");
      setConfirm("");
      await onChanged();
    } catch (error) {
      setErrors(formErrorsFrom(error, FIELD_IDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={headingLevel ? undefined : "Change password"}>
      <FormErrorSummary errors={errors} />
      <TextInput
        id="current-password"
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={setCurrent}
        error={errors.fields["current-password"]}
      />
      <TextInput
        id="new-password"
        label="New password"
        hint={PASSWORD_HINT}
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={setNext}
        error={errors.fields["new-password"]}
      />
      <TextInput
        id="confirm-password"
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={setConfirm}
        error={errors.fields["confirm-password"]}
      />
      <button type="submit" className="govuk-button" disabled={busy}>
        {submitText}
      </button>
    </form>
  );
}
