-- Organised crime groups, their 4P management plans, and versioned threat/risk/harm scoring.

-- Short codes for references such as WM-OCG-0042.
ALTER TABLE regions ADD COLUMN code text UNIQUE;
UPDATE regions SET code = CASE id
  WHEN 'north-west' THEN 'NW' WHEN 'north-east' THEN 'NE' WHEN 'yorkshire-and-the-humber' THEN 'YH'
  WHEN 'west-midlands' THEN 'WM' WHEN 'east-midlands' THEN 'EM' WHEN 'eastern' THEN 'EA'
  WHEN 'south-east' THEN 'SE' WHEN 'south-west' THEN 'SW' WHEN 'wales' THEN 'WA' WHEN 'london' THEN 'LN' END;
ALTER TABLE regions ALTER COLUMN code SET NOT NULL;

-- Crime types are reference data that admins may extend, not an enum in code.
CREATE TABLE crime_types (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
  name text NOT NULL UNIQUE,
  sort_order integer NOT NULL DEFAULT 100,
  built_in boolean NOT NULL DEFAULT false
);
INSERT INTO crime_types (code, name, sort_order, built_in) VALUES
  ('drugs-supply', 'Drugs supply', 10, true),
  ('county-lines', 'County lines', 20, true),
  ('firearms', 'Firearms', 30, true),
  ('violent-crime', 'Violent crime', 40, true),
  ('cyber-dependent', 'Cyber-dependent crime', 50, true),
  ('fraud', 'Fraud and economic crime', 60, true),
  ('money-laundering', 'Money laundering', 70, true),
  ('modern-slavery', 'Modern slavery and human trafficking', 80, true),
  ('csea', 'Child sexual exploitation and abuse', 90, true),
  ('immigration-crime', 'Organised immigration crime', 100, true),
  ('acquisitive-crime', 'Organised acquisitive crime', 110, true),
  ('other', 'Other', 999, true);

-- The next OCG number per region; numbers are never reused, even for archived groups.
CREATE TABLE ocg_reference_counters (
  region_id text PRIMARY KEY REFERENCES regions (id),
  last_number integer NOT NULL
);

CREATE TABLE ocgs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  name text NOT NULL,
  aliases text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dormant', 'archived')),
  archive_reason text,
  -- The lead force owns the record; region_id follows from it (see docs/decisions/002).
  force_id text NOT NULL REFERENCES forces (id),
  region_id text NOT NULL REFERENCES regions (id),
  lro_user_id uuid REFERENCES users (id),
  level text NOT NULL CHECK (level IN ('local', 'force-theme', 'force-dedicated', 'regional', 'national')),
  primary_crime_type text NOT NULL REFERENCES crime_types (code),
  secondary_crime_types text[] NOT NULL DEFAULT '{}',
  -- Other forces the group affects: their users see the group too.
  forces_affected text[] NOT NULL DEFAULT '{}',
  areas_affected text NOT NULL DEFAULT '',
  estimated_size integer CHECK (estimated_size IS NULL OR estimated_size >= 0),
  classification text NOT NULL DEFAULT 'OFFICIAL-SENSITIVE' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'archived') = (archive_reason IS NOT NULL))
);
CREATE INDEX ocgs_force_idx ON ocgs (force_id);
CREATE INDEX ocgs_region_idx ON ocgs (region_id);
CREATE INDEX ocgs_forces_affected_idx ON ocgs USING gin (forces_affected);

-- The 4P management plan: actions under Pursue, Prevent, Protect and Prepare.
CREATE TABLE ocg_plan_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ocg_id uuid NOT NULL REFERENCES ocgs (id),
  force_id text NOT NULL REFERENCES forces (id),
  strand text NOT NULL CHECK (strand IN ('pursue', 'prevent', 'protect', 'prepare')),
  description text NOT NULL,
  owner text NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in-progress', 'done', 'cancelled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ocg_plan_actions_ocg_idx ON ocg_plan_actions (ocg_id);

-- A MoRiLE-style scoring model: scales, weights, formula parameters and band thresholds as data.
CREATE TABLE scoring_models (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version integer NOT NULL UNIQUE CHECK (version > 0),
  name text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'active', 'retired')),
  definition jsonb NOT NULL,
  notes text NOT NULL DEFAULT '',
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Exactly one model is in force at a time.
CREATE UNIQUE INDEX scoring_models_one_active ON scoring_models ((status)) WHERE status = 'active';

CREATE TABLE ocg_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ocg_id uuid NOT NULL REFERENCES ocgs (id),
  model_id uuid NOT NULL REFERENCES scoring_models (id),
  force_id text NOT NULL REFERENCES forces (id),
  region_id text NOT NULL REFERENCES regions (id),
  classification text NOT NULL CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  assessor_id uuid NOT NULL REFERENCES users (id),
  assessed_on date NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  -- { "<dimension key>": { "value": <scale value>, "rationale": "…" } }
  ratings jsonb NOT NULL,
  score numeric(6, 2) NOT NULL,
  band text NOT NULL,
  finalised_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'final') = (finalised_at IS NOT NULL))
);
CREATE INDEX ocg_assessments_ocg_idx ON ocg_assessments (ocg_id, finalised_at DESC);

-- A finalised assessment is never edited: a re-assessment is a new row.
CREATE FUNCTION ocg_assessments_refuse_final_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'final' THEN
    RAISE EXCEPTION 'assessment % is final and cannot be changed', OLD.id;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER ocg_assessments_final_is_final BEFORE UPDATE OR DELETE ON ocg_assessments
  FOR EACH ROW EXECUTE FUNCTION ocg_assessments_refuse_final_change();
