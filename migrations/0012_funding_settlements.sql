-- Settlement payments: what one force paid another to settle its staffing contribution to a
-- formula in a financial year (docs/funding.md, "Staffing contributions"; decision 009). The
-- reconciliation counts them, so a balance paid no longer shows as owed. A payment is a record:
-- never changed; one recorded in error is undone by a payment the other way, naming it.
CREATE TABLE funding_settlements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  formula_id uuid NOT NULL REFERENCES funding_formulas (id),
  financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2099),
  from_organisation_id text NOT NULL REFERENCES organisations (id),
  to_organisation_id text NOT NULL REFERENCES organisations (id),
  amount_pence bigint NOT NULL CHECK (amount_pence > 0 AND amount_pence <= 9007199254740991),
  paid_on date NOT NULL,
  reference text NOT NULL CHECK (length(trim(reference)) > 0),
  note text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (from_organisation_id <> to_organisation_id)
);
CREATE INDEX funding_settlements_formula_idx ON funding_settlements (formula_id, financial_year);
CREATE TRIGGER funding_settlements_fixed BEFORE UPDATE OR DELETE ON funding_settlements
  FOR EACH ROW EXECUTE FUNCTION funding_record_refuse_change();
