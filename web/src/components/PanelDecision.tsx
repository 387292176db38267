import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { AgendaItem, Decision, Grade } from "../api.ts";
import { GRADE_HINTS, GRADE_LABELS, GRADES } from "./disruption.tsx";
import {
  FormErrorSummary,
  type FormErrors,
  firstChoiceId,
  formErrorsFrom,
  noErrors,
  Radios,
  Textarea,
} from "./govuk.tsx";

/** The decisions that ask for more than a key press: a grade and a reason, or a reason. */
export type FormDecision = "regraded" | "rejected" | "returned";

/** The panel screen's keys, as the page lists them. */
export const SHORTCUTS: readonly { keys: readonly string[]; does: string }[] = [
  { keys: ["j", "n"], does: "Next claim on the agenda" },
  { keys: ["k", "p"], does: "Previous claim" },
  { keys: ["a"], does: "Accept the claim at its claimed grade" },
  { keys: ["r"], does: "Regrade: choose the grade the panel gives and say why" },
  { keys: ["x"], does: "Reject, saying why" },
  { keys: ["t"], does: "Return it to the claimant for more information" },
  { keys: ["?"], does: "Show or hide this list" },
  { keys: ["Esc"], does: "Cancel the decision being made" },
  { keys: ["Ctrl+Enter"], does: "In the reason box: record the decision" },
];

/** A key as the screen shows it beside a button; hidden from assistive technology, which reads aria-keyshortcuts. */
export function KeyHint({ children }: { children: string }) {
  return (
    <span className="rocu-kbd" aria-hidden="true">
      {children}
    </span>
  );
}

const FORM_WORDS: Record<
  FormDecision,
  { button: string; key: string; submit: (reference: string) => string }
> = {
  regraded: { button: "Regrade", key: "r", submit: (reference) => `Regrade ${reference}` },
  rejected: { button: "Reject", key: "x", submit: (reference) => `Reject ${reference}` },
  returned: {
    button: "Return for more information",
    key: "t",
    submit: (reference) => `Return ${reference} for more information`,
  },
};

/** The four decisions as buttons, each with its key. */
export function DecisionButtons({
  item,
  busy,
  keys,
  onAccept,
  onOpen,
}: {
  item: AgendaItem;
  busy: boolean;
  /** Whether the keyboard shortcuts are on, and so shown beside the buttons. */
  keys: boolean;
  onAccept: () => void;
  onOpen: (decision: FormDecision) => void;
}) {
  return (
    <div className="govuk-button-group rocu-decide" data-testid="decision-buttons">
      <button
        type="button"
        className="govuk-button"
        onClick={onAccept}
        disabled={busy}
        aria-keyshortcuts={keys ? "a" : undefined}
        data-decision="accepted"
      >
        Accept as {item.claimedGrade}
        <span className="govuk-visually-hidden"> {item.reference}</span>
        {keys ? <KeyHint>a</KeyHint> : null}
      </button>
      {(Object.keys(FORM_WORDS) as FormDecision[]).map((decision) => (
        <button
          key={decision}
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => onOpen(decision)}
          disabled={busy}
          aria-keyshortcuts={keys ? FORM_WORDS[decision].key : undefined}
          data-decision={decision}
        >
          {FORM_WORDS[decision].button}
          <span className="govuk-visually-hidden"> {item.reference}</span>
          {keys ? <KeyHint>{FORM_WORDS[decision].key}</KeyHint> : null}
        </button>
      ))}
    </div>
  );
}

const REASON_HINTS: Record<FormDecision, string> = {
  regraded: "Why the panel gives this grade; the claimant sees it",
  rejected: "Why the panel rejects the claim; the claimant sees it",
  returned: "What the claimant must add or explain before the claim is heard again",
};

/**
 * Regrading, rejecting or returning a claim: focused on its first field when it opens, submitted
 * with Enter (a real form), Ctrl+Enter from the reason, cancelled with Escape.
 */
export function DecisionForm({
  item,
  decision,
  onCancel,
  onSubmit,
}: {
  item: AgendaItem;
  decision: FormDecision;
  onCancel: () => void;
  onSubmit: (body: Decision) => Promise<void>;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [grade, setGrade] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const grades = GRADES.filter((value) => value !== item.claimedGrade);
  const gradeId = firstChoiceId("decision-grade", grades);
  const words = FORM_WORDS[decision];

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("input, textarea")?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (decision === "regraded" && grade === "") fields[gradeId] = "Choose the grade the panel gives";
    if (reason.trim() === "") {
      fields["decision-reason"] =
        decision === "returned" ? "Say what more information is needed" : "Give the panel’s reason";
    }
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return;
    }
    setBusy(true);
    try {
      await onSubmit({
        decision,
        ...(decision === "regraded" ? { grade: grade as Grade } : {}),
        reason: reason.trim(),
      });
    } catch (error) {
      setErrors(formErrorsFrom(error, { grade: gradeId, reason: "decision-reason" }));
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  }

  return (
    <section className="rocu-panel rocu-decision-form" aria-labelledby="decision-form-heading">
      <h3 className="govuk-heading-s" id="decision-form-heading">
        {words.submit(item.reference)}
      </h3>
      <form
        ref={formRef}
        onSubmit={submit}
        onKeyDown={onKeyDown}
        noValidate
        aria-labelledby="decision-form-heading"
      >
        {/* Inside the form, so Escape and Ctrl+Enter work from the summary too. */}
        <FormErrorSummary errors={errors} />
        {decision === "regraded" ? (
          <Radios
            idPrefix="decision-grade"
            legend="Grade the panel gives"
            hint={`Claimed as ${item.claimedGrade}`}
            options={grades.map((value) => ({ value, label: GRADE_LABELS[value], hint: GRADE_HINTS[value] }))}
            value={grade}
            onChange={setGrade}
            error={errors.fields[gradeId]}
            small
          />
        ) : null}
        <Textarea
          id="decision-reason"
          label="Reason"
          hint={`${REASON_HINTS[decision]}. Ctrl+Enter records the decision.`}
          value={reason}
          onChange={setReason}
          error={errors.fields["decision-reason"]}
          rows={3}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={busy}>
            {words.submit(item.reference)}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
            Cancel<span className="govuk-visually-hidden"> the decision</span> <KeyHint>Esc</KeyHint>
          </button>
        </div>
      </form>
    </section>
  );
}
