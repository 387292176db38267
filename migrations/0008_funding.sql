-- Funding: cost-sharing formulas versioned by financial year, and funding streams with their
-- amounts per financial year and conditions. Money is integer pence (bigint, kept within the
-- integers JavaScript holds exactly); shares are basis points (57% = 5700) totalling 10000.
-- Financial years are stored as the calendar year they start in (2018 = "2018/19").

CREATE TABLE funding_formulas (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  -- What it covers, in words: "West Midlands region", "The Alliance (West Mercia and Warwickshire)".
  scope_description text NOT NULL CHECK (length(trim(scope_description)) > 0),
  -- Who keeps it (a ROCU for a regional formula, a force for an alliance's); access follows
  -- the owner's force and region, denormalised here as on users.
  owner_organisation_id text NOT NULL REFERENCES organisations (id),
  force_id text REFERENCES forces (id),
  region_id text REFERENCES regions (id),
  -- Forces that pay a part, directly or through a nested formula: their users read it too.
  party_forces text[] NOT NULL DEFAULT '{}',
  classification text NOT NULL DEFAULT 'OFFICIAL' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX funding_formulas_name_key ON funding_formulas (lower(name));
CREATE INDEX funding_formulas_force_idx ON funding_formulas (force_id);
CREATE INDEX funding_formulas_region_idx ON funding_formulas (region_id);

-- A formula's shares as decided for a financial year; it applies from that year until a later
-- version replaces it. A decision is a record: versions and their parts are never changed.
CREATE TABLE funding_formula_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  formula_id uuid NOT NULL REFERENCES funding_formulas (id),
  financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2099),
  -- The decision that set it, e.g. "ROCU Executive Board 2018-03".
  decision_reference text NOT NULL CHECK (length(trim(decision_reference)) > 0),
  notes text NOT NULL DEFAULT '',
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (formula_id, financial_year)
);

-- Each part goes to a party (any organisation) or to a nested formula, which splits it further.
CREATE TABLE funding_formula_parts (
  version_id uuid NOT NULL REFERENCES funding_formula_versions (id),
  position integer NOT NULL CHECK (position >= 1),
  party_organisation_id text REFERENCES organisations (id),
  nested_formula_id uuid REFERENCES funding_formulas (id),
  share_bp integer NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000),
  PRIMARY KEY (version_id, position),
  CHECK ((party_organisation_id IS NULL) <> (nested_formula_id IS NULL))
);
CREATE INDEX funding_formula_parts_nested_idx ON funding_formula_parts (nested_formula_id);

-- Checked at commit, once a version and all its parts are written: the shares total exactly
-- 100%, and no formula contains itself through its nested formulas.
CREATE FUNCTION funding_formula_version_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  checked_version uuid;
  own_formula uuid;
  total bigint;
BEGIN
  IF TG_TABLE_NAME = 'funding_formula_versions' THEN
    checked_version := NEW.id;
  ELSE
    checked_version := NEW.version_id;
  END IF;
  SELECT coalesce(sum(share_bp), 0) INTO total FROM funding_formula_parts WHERE version_id = checked_version;
  IF total <> 10000 THEN
    RAISE EXCEPTION 'funding formula version %: shares total % basis points, not 10000', checked_version, total
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT formula_id INTO own_formula FROM funding_formula_versions WHERE id = checked_version;
  IF EXISTS (
    WITH RECURSIVE reachable (formula_id) AS (
      SELECT nested_formula_id FROM funding_formula_parts
        WHERE version_id = checked_version AND nested_formula_id IS NOT NULL
      UNION
      SELECT parts.nested_formula_id
        FROM reachable
        JOIN funding_formula_versions versions ON versions.formula_id = reachable.formula_id
        JOIN funding_formula_parts parts ON parts.version_id = versions.id
        WHERE parts.nested_formula_id IS NOT NULL
    )
    SELECT 1 FROM reachable WHERE formula_id = own_formula
  ) THEN
    RAISE EXCEPTION 'funding formula % would contain itself', own_formula USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER funding_formula_versions_total_and_cycles AFTER INSERT ON funding_formula_versions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION funding_formula_version_check();
CREATE CONSTRAINT TRIGGER funding_formula_parts_total_and_cycles AFTER INSERT ON funding_formula_parts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION funding_formula_version_check();

CREATE FUNCTION funding_formula_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is a decided record: % is not allowed (add a version for a later year)', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER funding_formula_versions_fixed BEFORE UPDATE OR DELETE ON funding_formula_versions
  FOR EACH ROW EXECUTE FUNCTION funding_formula_refuse_change();
CREATE TRIGGER funding_formula_parts_fixed BEFORE UPDATE OR DELETE ON funding_formula_parts
  FOR EACH ROW EXECUTE FUNCTION funding_formula_refuse_change();

CREATE TABLE funding_streams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  source text NOT NULL CHECK (source IN ('home-office-rocu-grant', 'home-office-specific-grant',
    'police-transformation-fund', 'national-cyber-security-programme', 'force-contributions', 'pcc-fund', 'other')),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  -- Who receives the money; access follows its force and region, as for formulas.
  recipient_organisation_id text NOT NULL REFERENCES organisations (id),
  force_id text REFERENCES forces (id),
  region_id text REFERENCES regions (id),
  -- The decision that granted it, e.g. "PCD 510" ('' when not recorded).
  decision_reference text NOT NULL DEFAULT '',
  -- Cost categories the money may pay for; empty means any.
  allowed_categories text[] NOT NULL DEFAULT '{}' CHECK (allowed_categories <@ ARRAY['staff', 'overtime',
    'hardware', 'software', 'accommodation', 'licensing', 'vehicles', 'equipment', 'training', 'travel',
    'communications', 'other']),
  -- Match funding: the stream pays this share of the costs in this category that meet the condition
  -- (e.g. 50% of staff costs of posts dedicated to cyber-dependent crime). All three or none.
  match_share_bp integer CHECK (match_share_bp > 0 AND match_share_bp <= 10000),
  match_category text CHECK (match_category IN ('staff', 'overtime', 'hardware', 'software', 'accommodation',
    'licensing', 'vehicles', 'equipment', 'training', 'travel', 'communications', 'other')),
  match_condition text CHECK (length(trim(match_condition)) > 0),
  -- Unspent money is lost at 31 March unless the funder says otherwise.
  carries_over boolean NOT NULL DEFAULT false,
  notes text NOT NULL DEFAULT '',
  -- Most funding is OFFICIAL; a grant for a covert capability may be marked higher.
  classification text NOT NULL DEFAULT 'OFFICIAL' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((match_share_bp IS NULL) = (match_category IS NULL) AND (match_share_bp IS NULL) = (match_condition IS NULL))
);
CREATE UNIQUE INDEX funding_streams_name_key ON funding_streams (recipient_organisation_id, lower(name));
CREATE INDEX funding_streams_force_idx ON funding_streams (force_id);
CREATE INDEX funding_streams_region_idx ON funding_streams (region_id);

CREATE TABLE funding_stream_amounts (
  stream_id uuid NOT NULL REFERENCES funding_streams (id),
  financial_year integer NOT NULL CHECK (financial_year BETWEEN 2000 AND 2099),
  amount_pence bigint NOT NULL CHECK (amount_pence >= 0 AND amount_pence <= 9007199254740991),
  PRIMARY KEY (stream_id, financial_year)
);
CREATE INDEX funding_stream_amounts_year_idx ON funding_stream_amounts (financial_year);
