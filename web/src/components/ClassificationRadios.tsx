import { CLEARANCES } from "../api.ts";
import { useSession } from "../session.tsx";
import { Radios } from "./govuk.tsx";

/**
 * The protective marking of a record being written: the levels up to the user's own clearance,
 * since the server refuses a record its writer could not read back.
 */
export function ClassificationRadios({
  value,
  onChange,
  error,
  what = "record",
}: {
  value: string;
  onChange: (classification: string) => void;
  error: string | undefined;
  /** What is being marked, in the hint: "record", "claim". */
  what?: string;
}) {
  const { me } = useSession();
  const clearanceRank = CLEARANCES.indexOf(me?.clearance ?? "OFFICIAL");
  return (
    <Radios
      idPrefix="classification"
      legend="Classification"
      hint={`The protective marking of this ${what}. You can only choose up to your own clearance.`}
      options={CLEARANCES.filter((_, index) => index <= clearanceRank).map((level) => ({
        value: level,
        label: level,
      }))}
      value={value}
      onChange={onChange}
      error={error}
      small
    />
  );
}
