-- Spend monitoring: monthly actual spend against a funding stream, optionally for one approved
-- project (bid) it funds, by cost category. Money is integer pence as elsewhere in funding.
CREATE TABLE funding_spend_lines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  stream_id uuid NOT NULL REFERENCES funding_streams (id),
  bid_id uuid REFERENCES funding_bids (id),
  -- The calendar month as 'YYYY-MM' and the financial year it falls in (2018 = "2018/19"),
  -- kept together so that lists and monitoring filter by year without date arithmetic.
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2099),
  category text NOT NULL CHECK (category IN ('staff', 'overtime', 'hardware', 'software', 'accommodation',
    'licensing', 'vehicles', 'equipment', 'training', 'travel', 'communications', 'other')),
  -- Actuals are never negative: a correction is made by recording the month again.
  amount_pence bigint NOT NULL CHECK (amount_pence >= 0 AND amount_pence <= 9007199254740991),
  note text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (financial_year = substr(month, 1, 4)::integer - CASE WHEN substr(month, 6, 2)::integer < 4 THEN 1 ELSE 0 END)
);
-- One line per stream, project, month and category: recording a month again replaces it. The
-- stream's own spend (no project) is keyed by the nil uuid, as NULLs would never clash.
CREATE UNIQUE INDEX funding_spend_lines_key ON funding_spend_lines
  (stream_id, coalesce(bid_id, '00000000-0000-0000-0000-000000000000'::uuid), month, category);
CREATE INDEX funding_spend_lines_year_idx ON funding_spend_lines (stream_id, financial_year);
CREATE INDEX funding_spend_lines_bid_idx ON funding_spend_lines (bid_id);
