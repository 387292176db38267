-- Staffing posts: forces contribute to their ROCU mostly as staff (DOMAIN.md, Funding). A post is
-- provided and paid by a force, for the cost-sharing formula it contributes to, from the force's
-- own contribution (no stream) or from a funding stream. Money is integer pence; the full-time
-- equivalent is in basis points (1 FTE = 10000, 0.5 = 5000). Dates are inclusive: a post ending
-- on 31 March 2019 is in post that day.
CREATE TABLE funding_posts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  role_title text NOT NULL CHECK (length(trim(role_title)) > 0),
  -- The force that provides and pays the post; access follows its force and region.
  organisation_id text NOT NULL REFERENCES organisations (id),
  force_id text REFERENCES forces (id),
  region_id text REFERENCES regions (id),
  formula_id uuid NOT NULL REFERENCES funding_formulas (id),
  -- NULL: paid from the force's contribution, so it counts towards the force's formula share.
  funding_stream_id uuid REFERENCES funding_streams (id),
  fte_bp integer NOT NULL CHECK (fte_bp > 0 AND fte_bp <= 10000),
  annual_cost_pence bigint NOT NULL CHECK (annual_cost_pence >= 0 AND annual_cost_pence <= 9007199254740991),
  starts_on date NOT NULL,
  ends_on date CHECK (ends_on >= starts_on),
  notes text NOT NULL DEFAULT '',
  classification text NOT NULL DEFAULT 'OFFICIAL' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_posts_formula_idx ON funding_posts (formula_id, starts_on);
CREATE INDEX funding_posts_organisation_idx ON funding_posts (organisation_id);
CREATE INDEX funding_posts_stream_idx ON funding_posts (funding_stream_id);
CREATE INDEX funding_posts_force_idx ON funding_posts (force_id);
CREATE INDEX funding_posts_region_idx ON funding_posts (region_id);
