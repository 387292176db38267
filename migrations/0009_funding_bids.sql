-- Funding bids, PCC decisions and budget pots (decision 007).

-- Bids come from Community Safety Partnerships and are decided by Offices of the Police and
-- Crime Commissioner: both are organisations of one force area, so they carry its force and
-- region as forces do, and scope works for their users unchanged.
ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check;
ALTER TABLE organisations DROP CONSTRAINT organisations_check;
ALTER TABLE organisations DROP CONSTRAINT organisations_check1;
ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check
  CHECK (kind IN ('force', 'rocu', 'national', 'opcc', 'csp'));
ALTER TABLE organisations ADD CONSTRAINT organisations_force_area_check
  CHECK ((kind IN ('force', 'opcc', 'csp')) = (force_id IS NOT NULL));
ALTER TABLE organisations ADD CONSTRAINT organisations_national_check
  CHECK ((kind = 'national') = (region_id IS NULL));
-- One commissioner's office per force area: a single-area bid is decided by it.
CREATE UNIQUE INDEX organisations_one_opcc_per_force ON organisations (force_id) WHERE kind = 'opcc';

-- The offices the source documents name (DOMAIN.md): the two commissioners of the Alliance, who
-- set aside money for rural, business and cyber crime projects, and London's MOPAC, whose decision
-- PCD 510 is the worked example. Other offices are added by administrators as they are needed.
INSERT INTO organisations (id, name, kind, force_id, region_id) VALUES
  ('mopac', 'Mayor''s Office for Policing and Crime (MOPAC)', 'opcc', 'metropolitan', 'london'),
  ('opcc-west-mercia', 'Office of the Police and Crime Commissioner for West Mercia', 'opcc', 'west-mercia', 'west-midlands'),
  ('opcc-warwickshire', 'Office of the Police and Crime Commissioner for Warwickshire', 'opcc', 'warwickshire', 'west-midlands');

CREATE TABLE funding_bids (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(trim(title)) > 0),
  purpose text NOT NULL CHECK (length(trim(purpose)) > 0),
  -- The applicant (a CSP, force or unit); access follows its force and region, and the force
  -- areas the bid covers read it too.
  applicant_organisation_id text NOT NULL REFERENCES organisations (id),
  force_id text REFERENCES forces (id),
  region_id text REFERENCES regions (id),
  strand text NOT NULL CHECK (strand IN ('pursue', 'prevent', 'protect', 'prepare')),
  crime_area text NOT NULL CHECK (crime_area IN ('rural', 'business', 'cyber', 'fraud', 'drugs',
    'exploitation', 'violence', 'other')),
  force_areas text[] NOT NULL CHECK (cardinality(force_areas) > 0),
  -- The formula that split it across several force areas (null when one area pays it all).
  formula_id uuid REFERENCES funding_formulas (id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'under-board-review',
    'recommended', 'more-information-requested', 'not-recommended', 'approved', 'approved-with-conditions',
    'declined', 'funded', 'closed')),
  classification text NOT NULL DEFAULT 'OFFICIAL' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_bids_applicant_idx ON funding_bids (applicant_organisation_id);
CREATE INDEX funding_bids_force_idx ON funding_bids (force_id);
CREATE INDEX funding_bids_region_idx ON funding_bids (region_id);

CREATE TABLE funding_bid_costs (
  bid_id uuid NOT NULL REFERENCES funding_bids (id),
  financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2099),
  category text NOT NULL CHECK (category IN ('staff', 'overtime', 'hardware', 'software', 'accommodation',
    'licensing', 'vehicles', 'equipment', 'training', 'travel', 'communications', 'other')),
  amount_pence bigint NOT NULL CHECK (amount_pence > 0 AND amount_pence <= 9007199254740991),
  PRIMARY KEY (bid_id, financial_year, category)
);

-- What each commissioner's office is asked to pay, per financial year: set when the bid is
-- submitted (the whole cost for one area, or the formula's split for several).
CREATE TABLE funding_bid_shares (
  bid_id uuid NOT NULL REFERENCES funding_bids (id),
  decision_maker_organisation_id text NOT NULL REFERENCES organisations (id),
  financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2099),
  amount_pence bigint NOT NULL CHECK (amount_pence >= 0 AND amount_pence <= 9007199254740991),
  PRIMARY KEY (bid_id, decision_maker_organisation_id, financial_year)
);

-- Who moved the bid, when and why: one row a step, never changed.
CREATE TABLE funding_bid_events (
  id bigserial PRIMARY KEY,
  bid_id uuid NOT NULL REFERENCES funding_bids (id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  reason text NOT NULL DEFAULT '',
  actor_id uuid NOT NULL,
  actor_name text NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX funding_bid_events_bid_idx ON funding_bid_events (bid_id, id);

-- A budget pot: money set aside per financial year by its contributors for kinds of project.
CREATE TABLE funding_pots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  -- Crime areas it pays for; empty means any.
  crime_areas text[] NOT NULL DEFAULT '{}',
  -- Access follows the first contributor's force and region; the other contributors' forces read it.
  force_id text REFERENCES forces (id),
  region_id text REFERENCES regions (id),
  contributor_forces text[] NOT NULL DEFAULT '{}',
  decision_reference text NOT NULL DEFAULT '',
  notes text NOT NULL DEFAULT '',
  classification text NOT NULL DEFAULT 'OFFICIAL' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX funding_pots_name_key ON funding_pots (lower(name));

CREATE TABLE funding_pot_contributors (
  pot_id uuid NOT NULL REFERENCES funding_pots (id),
  position integer NOT NULL CHECK (position >= 1),
  organisation_id text NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (pot_id, position),
  UNIQUE (pot_id, organisation_id)
);

CREATE TABLE funding_pot_amounts (
  pot_id uuid NOT NULL REFERENCES funding_pots (id),
  financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2099),
  amount_pence bigint NOT NULL CHECK (amount_pence >= 0 AND amount_pence <= 9007199254740991),
  PRIMARY KEY (pot_id, financial_year)
);

-- A commissioner's formal decision on their share of a bid. A record: never changed.
CREATE TABLE funding_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL CHECK (length(trim(reference)) > 0),
  bid_id uuid NOT NULL REFERENCES funding_bids (id),
  decision_maker_organisation_id text NOT NULL REFERENCES organisations (id),
  force_id text REFERENCES forces (id),
  region_id text REFERENCES regions (id),
  decided_on date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('approved', 'approved-with-conditions', 'declined')),
  conditions text NOT NULL DEFAULT '',
  published_summary text NOT NULL CHECK (length(trim(published_summary)) > 0),
  -- The pot the approval draws on, if any.
  pot_id uuid REFERENCES funding_pots (id),
  classification text NOT NULL DEFAULT 'OFFICIAL' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  recorded_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (bid_id, decision_maker_organisation_id),
  CHECK ((outcome = 'approved-with-conditions') = (length(trim(conditions)) > 0)),
  CHECK (outcome <> 'declined' OR pot_id IS NULL)
);
CREATE UNIQUE INDEX funding_decisions_reference_key ON funding_decisions (lower(reference));
CREATE INDEX funding_decisions_pot_idx ON funding_decisions (pot_id);

-- The money a decision gives, per financial year, optionally from a funding stream (PCD 510 gave
-- a Home Office grant over two years and a Police Transformation Fund bid).
CREATE TABLE funding_decision_amounts (
  decision_id uuid NOT NULL REFERENCES funding_decisions (id),
  position integer NOT NULL CHECK (position >= 1),
  financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2099),
  amount_pence bigint NOT NULL CHECK (amount_pence > 0 AND amount_pence <= 9007199254740991),
  funding_stream_id uuid REFERENCES funding_streams (id),
  PRIMARY KEY (decision_id, position)
);

CREATE FUNCTION funding_record_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is a record: % is not allowed', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER funding_decisions_fixed BEFORE UPDATE OR DELETE ON funding_decisions
  FOR EACH ROW EXECUTE FUNCTION funding_record_refuse_change();
CREATE TRIGGER funding_decision_amounts_fixed BEFORE UPDATE OR DELETE ON funding_decision_amounts
  FOR EACH ROW EXECUTE FUNCTION funding_record_refuse_change();
CREATE TRIGGER funding_bid_events_fixed BEFORE UPDATE OR DELETE ON funding_bid_events
  FOR EACH ROW EXECUTE FUNCTION funding_record_refuse_change();
