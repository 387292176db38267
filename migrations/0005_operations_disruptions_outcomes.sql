-- The rest of the Pursue side: operations against OCGs, disruption claims with their monthly
-- moderation panels, and the outcomes ledger. Also the keys that make CSV imports idempotent.

-- Numbered references other than OCGs' (e.g. WM-DIS-0007), per series and region, never reused.
CREATE TABLE reference_counters (
  series text NOT NULL,
  region_id text NOT NULL REFERENCES regions (id),
  last_number integer NOT NULL,
  PRIMARY KEY (series, region_id)
);

-- A CSV import stores each row's key (a hash of the row), so importing the same file twice
-- changes nothing.
ALTER TABLE ocgs ADD COLUMN import_key text UNIQUE;

CREATE TABLE operations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code_name text NOT NULL CHECK (length(trim(code_name)) > 0),
  -- Who leads it: a force, a ROCU or a national body such as the NCA.
  lead_organisation_id text NOT NULL REFERENCES organisations (id),
  -- The force the operation belongs to for access (for a force-led operation, that force; for a
  -- ROCU or NCA-led one, the force hosting it); region_id follows from it.
  force_id text NOT NULL REFERENCES forces (id),
  region_id text NOT NULL REFERENCES regions (id),
  level text NOT NULL CHECK (level IN ('local', 'force-theme', 'force-dedicated', 'regional', 'national')),
  sio_user_id uuid REFERENCES users (id),
  started_on date,
  ended_on date,
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'active', 'suspended', 'closed')),
  result_summary text,
  -- Lead forces of the target OCGs: their users see the operation too.
  forces_involved text[] NOT NULL DEFAULT '{}',
  classification text NOT NULL DEFAULT 'OFFICIAL-SENSITIVE' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'closed') = (result_summary IS NOT NULL)),
  CHECK (ended_on IS NULL OR started_on IS NULL OR ended_on >= started_on)
);
-- Code names are unique whatever their case: two Operation Nightjars would be a briefing hazard.
CREATE UNIQUE INDEX operations_code_name_key ON operations (lower(code_name));
CREATE INDEX operations_force_idx ON operations (force_id);
CREATE INDEX operations_region_idx ON operations (region_id);

CREATE TABLE operation_targets (
  operation_id uuid NOT NULL REFERENCES operations (id),
  ocg_id uuid NOT NULL REFERENCES ocgs (id),
  PRIMARY KEY (operation_id, ocg_id)
);
CREATE INDEX operation_targets_ocg_idx ON operation_targets (ocg_id);

-- A monthly performance moderation panel, chaired by the ROCU with forces and partners.
CREATE TABLE moderation_panels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  region_id text NOT NULL REFERENCES regions (id),
  -- The month whose claims it moderates, as its first day.
  period_month date NOT NULL CHECK (extract(day FROM period_month) = 1),
  held_on date NOT NULL,
  chair_user_id uuid NOT NULL REFERENCES users (id),
  -- Forces and partner agencies present, as written in the minutes.
  attendees text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at timestamptz,
  closed_by uuid REFERENCES users (id),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_id, period_month),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);

CREATE TABLE disruptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  ocg_id uuid NOT NULL REFERENCES ocgs (id),
  operation_id uuid REFERENCES operations (id),
  disrupted_on date NOT NULL,
  claimed_grade text NOT NULL CHECK (claimed_grade IN ('major', 'moderate', 'minor')),
  strand text NOT NULL CHECK (strand IN ('pursue', 'prevent', 'protect', 'prepare')),
  crime_type text NOT NULL REFERENCES crime_types (code),
  narrative text NOT NULL,
  -- The unit that claims it: nobody from this organisation may moderate the claim.
  claiming_organisation_id text NOT NULL REFERENCES organisations (id),
  claimant_user_id uuid NOT NULL REFERENCES users (id),
  -- References to evidence records held elsewhere (e.g. case or exhibit numbers).
  evidence_references text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'listed', 'accepted', 'regraded', 'rejected', 'returned')),
  panel_id uuid REFERENCES moderation_panels (id),
  -- The grade that counts: set only when a panel accepted or regraded the claim.
  moderated_grade text CHECK (moderated_grade IN ('major', 'moderate', 'minor')),
  decision_reason text,
  -- Owned like its OCG: the OCG's lead force and region.
  force_id text NOT NULL REFERENCES forces (id),
  region_id text NOT NULL REFERENCES regions (id),
  classification text NOT NULL DEFAULT 'OFFICIAL-SENSITIVE' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  import_key text UNIQUE,
  submitted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status IN ('accepted', 'regraded')) = (moderated_grade IS NOT NULL)),
  CHECK (status NOT IN ('listed', 'accepted', 'regraded', 'rejected') OR panel_id IS NOT NULL)
);
CREATE INDEX disruptions_ocg_idx ON disruptions (ocg_id);
CREATE INDEX disruptions_region_status_idx ON disruptions (region_id, status);
CREATE INDEX disruptions_panel_idx ON disruptions (panel_id);

-- Each panel's decision on each claim it heard (a returned claim may come to a later panel).
CREATE TABLE disruption_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  disruption_id uuid NOT NULL REFERENCES disruptions (id),
  panel_id uuid NOT NULL REFERENCES moderation_panels (id),
  decision text NOT NULL CHECK (decision IN ('accepted', 'regraded', 'rejected', 'returned')),
  grade text CHECK (grade IN ('major', 'moderate', 'minor')),
  reason text,
  decided_by uuid NOT NULL REFERENCES users (id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (disruption_id, panel_id),
  CHECK ((decision IN ('accepted', 'regraded')) = (grade IS NOT NULL)),
  CHECK (decision = 'accepted' OR length(trim(coalesce(reason, ''))) > 0)
);

-- A closed panel is locked: its decisions and the claims it decided stay as they were.
CREATE FUNCTION moderation_panels_refuse_closed_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'closed' THEN
    RAISE EXCEPTION 'moderation panel % is closed and cannot be changed', OLD.id;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER moderation_panels_closed_is_locked BEFORE UPDATE OR DELETE ON moderation_panels
  FOR EACH ROW EXECUTE FUNCTION moderation_panels_refuse_closed_change();

CREATE FUNCTION disruption_decisions_refuse_closed_panel() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  panel uuid := CASE WHEN TG_OP = 'INSERT' THEN NEW.panel_id ELSE OLD.panel_id END;
BEGIN
  IF (SELECT status FROM moderation_panels WHERE id = panel) = 'closed' THEN
    RAISE EXCEPTION 'moderation panel % is closed: its decisions cannot be changed', panel;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER disruption_decisions_closed_panel_locked BEFORE INSERT OR UPDATE OR DELETE ON disruption_decisions
  FOR EACH ROW EXECUTE FUNCTION disruption_decisions_refuse_closed_panel();

-- The outcomes ledger: one row per arrest/charge count, conviction (one per person), seizure,
-- order or safeguarding count.
CREATE TABLE outcomes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL
    CHECK (kind IN ('arrest', 'charge', 'conviction', 'seizure', 'confiscation-order', 'restraint-order', 'safeguarding')),
  ocg_id uuid NOT NULL REFERENCES ocgs (id),
  operation_id uuid NOT NULL REFERENCES operations (id),
  disruption_id uuid REFERENCES disruptions (id),
  occurred_on date NOT NULL,
  -- People (arrests, charges, safeguarding; 1 for a conviction), the seized amount in the
  -- commodity's unit (kg, count or £), or the order's amount in £.
  quantity numeric(14, 3) NOT NULL CHECK (quantity > 0),
  commodity text CHECK (commodity IN ('cocaine', 'heroin', 'cannabis', 'other-drugs', 'firearms', 'ammunition', 'cash')),
  offence text,
  sentence_months integer CHECK (sentence_months >= 0),
  court text,
  safeguarded_group text CHECK (safeguarded_group IN ('children', 'adults')),
  notes text NOT NULL DEFAULT '',
  -- The force credited with the outcome; region_id follows from it.
  force_id text NOT NULL REFERENCES forces (id),
  region_id text NOT NULL REFERENCES regions (id),
  classification text NOT NULL DEFAULT 'OFFICIAL-SENSITIVE' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  import_key text UNIQUE,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'seizure') = (commodity IS NOT NULL)),
  CHECK ((kind = 'conviction') = (offence IS NOT NULL AND sentence_months IS NOT NULL)),
  CHECK (kind <> 'conviction' OR quantity = 1),
  CHECK ((kind IN ('confiscation-order', 'restraint-order')) = (court IS NOT NULL)),
  CHECK ((kind = 'safeguarding') = (safeguarded_group IS NOT NULL)),
  CHECK (kind NOT IN ('arrest', 'charge', 'safeguarding') OR quantity = trunc(quantity)),
  CHECK (commodity IS NULL OR commodity NOT IN ('firearms', 'ammunition') OR quantity = trunc(quantity))
);
CREATE INDEX outcomes_ocg_idx ON outcomes (ocg_id);
CREATE INDEX outcomes_operation_idx ON outcomes (operation_id);
CREATE INDEX outcomes_period_idx ON outcomes (occurred_on);

-- A claim decided at a closed panel stays decided (a returned one goes back to its claimant).
CREATE FUNCTION disruptions_refuse_decided_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('accepted', 'regraded', 'rejected')
     AND (SELECT status FROM moderation_panels WHERE id = OLD.panel_id) = 'closed' THEN
    RAISE EXCEPTION 'disruption % was decided at a closed panel and cannot be changed', OLD.id;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER disruptions_decided_is_locked BEFORE UPDATE OR DELETE ON disruptions
  FOR EACH ROW EXECUTE FUNCTION disruptions_refuse_decided_change();
