-- Cyber crime referrals (Action Fraud / Report Fraud, or reported direct to a force), their
-- triage, victim care with versioned Protect advice, Cyber Choices (Prevent) referrals, and the
-- runs of bulk imports that make them resumable.

-- Triage weights and targets are data (instance_settings key 'triage'); absent means the
-- defaults documented in docs/cyber.md.

CREATE TABLE referral_import_runs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The same file (by content) resumes the same run, so a crash never duplicates or loses rows.
  file_sha256 text NOT NULL,
  file_name text NOT NULL,
  format text NOT NULL CHECK (format IN ('csv', 'jsonl')),
  status text NOT NULL CHECK (status IN ('checking', 'importing', 'completed', 'failed')),
  total_rows integer,
  -- Data rows committed so far, in file order: a resumed run skips exactly these.
  committed_rows integer NOT NULL DEFAULT 0,
  created_count integer NOT NULL DEFAULT 0,
  versioned_count integer NOT NULL DEFAULT 0,
  unchanged_count integer NOT NULL DEFAULT 0,
  errors jsonb NOT NULL DEFAULT '[]',
  started_by uuid NOT NULL REFERENCES users (id),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX referral_import_runs_file_idx ON referral_import_runs (file_sha256, started_by);

CREATE TABLE referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The crime reference Action Fraud gave it (e.g. NFRC181104123456), or the force's own.
  crime_reference text NOT NULL UNIQUE,
  source text NOT NULL CHECK (source IN ('action-fraud', 'report-fraud', 'direct')),
  -- The force area it belongs to; region_id follows from it.
  force_id text NOT NULL REFERENCES forces (id),
  region_id text NOT NULL REFERENCES regions (id),
  reported_on date NOT NULL,
  offence_from date,
  offence_to date,
  nfib_code text NOT NULL REFERENCES nfib_codes (code),
  summary text NOT NULL,
  victim_type text NOT NULL CHECK (victim_type IN ('individual', 'business', 'organisation', 'charity')),
  victim_age_band text NOT NULL CHECK (victim_age_band IN
    ('under-18', '18-24', '25-34', '35-44', '45-54', '55-64', '65-74', '75-plus', 'unknown', 'not-applicable')),
  victim_name text,
  victim_email text,
  victim_phone text,
  contact_preference text NOT NULL CHECK (contact_preference IN ('phone', 'email', 'letter', 'visit', 'none')),
  vulnerability text NOT NULL CHECK (vulnerability IN ('none', 'some', 'high')),
  vulnerability_indicators text[] NOT NULL DEFAULT '{}',
  harm_ongoing boolean NOT NULL,
  loss_pence bigint NOT NULL CHECK (loss_pence >= 0),
  -- Suspect identifiers as reported ([{kind, value}]) and their normalised keys ("wallet:bc1q…")
  -- that link referrals sharing one.
  suspect_identifiers jsonb NOT NULL DEFAULT '[]',
  identifier_keys text[] NOT NULL DEFAULT '{}',
  -- The victim's normalised e-mail or phone: a second referral with the same key is a repeat.
  victim_key text,
  repeat_victim boolean NOT NULL DEFAULT false,
  classification text NOT NULL DEFAULT 'OFFICIAL-SENSITIVE' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  -- Intake: a hash of the reported content; a re-sent referral with another hash is a new version.
  content_hash text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  -- First receipt starts the triage clock; the current version may have come later.
  received_at timestamptz NOT NULL DEFAULT now(),
  version_received_at timestamptz NOT NULL DEFAULT now(),
  import_run_id uuid REFERENCES referral_import_runs (id),
  -- Triage: the score with its reasons, when it is due, and the decision.
  priority_score numeric(5, 2) NOT NULL,
  priority_band text NOT NULL CHECK (priority_band IN ('P1', 'P2', 'P3', 'P4')),
  priority_reasons jsonb NOT NULL,
  triage_due_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'awaiting-triage' CHECK (status IN ('awaiting-triage', 'allocated', 'victim-care-only', 'no-further-action')),
  allocated_unit text CHECK (allocated_unit IN ('ecu', 'fcid', 'ppu', 'rocu-cyber', 'nca')),
  decision_reason text,
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  -- Victim care: a vulnerable victim must be contacted by contact_due_at.
  contact_due_at timestamptz,
  contacted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'allocated') = (allocated_unit IS NOT NULL)),
  CHECK ((status = 'awaiting-triage') = (decided_at IS NULL)),
  CHECK (offence_to IS NULL OR offence_from IS NULL OR offence_to >= offence_from)
);
-- The triage queue: each force's undecided referrals, highest priority and oldest first, in
-- exactly the list's order (id breaks ties: an import receives a whole batch at one moment), so
-- a page is read straight off the index instead of sorting the force's whole queue.
CREATE INDEX referrals_queue_idx ON referrals (force_id, status, priority_score DESC, received_at, id);
CREATE INDEX referrals_region_queue_idx ON referrals (region_id, status, priority_score DESC, received_at, id);
-- National users' queue, across every force.
CREATE INDEX referrals_national_queue_idx ON referrals (status, priority_score DESC, received_at, id);
-- A national queue filtered to one band reads that band's stretch of this index in order.
CREATE INDEX referrals_national_band_idx ON referrals (status, priority_band, priority_score DESC, received_at, id);
CREATE INDEX referrals_reported_idx ON referrals (force_id, reported_on);
CREATE INDEX referrals_identifier_keys_idx ON referrals USING gin (identifier_keys);
CREATE INDEX referrals_victim_key_idx ON referrals (victim_key) WHERE victim_key IS NOT NULL;
CREATE INDEX referrals_contact_due_idx ON referrals (contact_due_at) WHERE contact_due_at IS NOT NULL AND contacted_at IS NULL;

-- Superseded versions: the content a re-sent referral replaced, and what changed.
CREATE TABLE referral_versions (
  referral_id uuid NOT NULL REFERENCES referrals (id),
  version integer NOT NULL,
  content jsonb NOT NULL,
  -- Fields that differ from the version after it: {field: {before, after}}.
  changes jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  superseded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (referral_id, version)
);

-- Every triage decision and reallocation, in order.
CREATE TABLE referral_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL REFERENCES referrals (id),
  kind text NOT NULL CHECK (kind IN ('triage', 'reallocation')),
  outcome text NOT NULL CHECK (outcome IN ('allocated', 'victim-care-only', 'no-further-action')),
  allocated_unit text CHECK (allocated_unit IN ('ecu', 'fcid', 'ppu', 'rocu-cyber', 'nca')),
  reason text NOT NULL CHECK (length(trim(reason)) > 0),
  decided_by uuid NOT NULL REFERENCES users (id),
  decided_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_decisions_referral_idx ON referral_decisions (referral_id, decided_at);

-- The Protect advice library: each piece of advice keeps every version it had, so a contact
-- records exactly the words the victim was given.
CREATE TABLE protect_advice (
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  version integer NOT NULL CHECK (version >= 1),
  title text NOT NULL,
  audience text NOT NULL CHECK (audience IN ('individuals', 'businesses', 'everyone')),
  body text NOT NULL,
  -- The version given from now on; earlier versions stay for the contacts that recorded them.
  current boolean NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (slug, version)
);
CREATE UNIQUE INDEX protect_advice_current_key ON protect_advice (slug) WHERE current;

CREATE TABLE victim_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL REFERENCES referrals (id),
  attempted_at timestamptz NOT NULL,
  channel text NOT NULL CHECK (channel IN ('phone', 'email', 'letter', 'visit', 'text')),
  outcome text NOT NULL CHECK (outcome IN ('contacted', 'no-answer', 'left-message', 'declined', 'wrong-details')),
  notes text,
  follow_up_on date,
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX victim_contacts_referral_idx ON victim_contacts (referral_id, attempted_at);

CREATE TABLE victim_contact_advice (
  contact_id uuid NOT NULL REFERENCES victim_contacts (id),
  advice_slug text NOT NULL,
  advice_version integer NOT NULL,
  PRIMARY KEY (contact_id, advice_slug),
  FOREIGN KEY (advice_slug, advice_version) REFERENCES protect_advice (slug, version)
);

-- Cyber Choices: a person at risk of cyber offending. Minimal personal data; only the Prevent
-- team reads it, and every read is audited.
CREATE TABLE cyber_choices_referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  force_id text NOT NULL REFERENCES forces (id),
  region_id text NOT NULL REFERENCES regions (id),
  referred_on date NOT NULL,
  source text NOT NULL CHECK (source IN ('school', 'parent', 'police', 'other')),
  -- Initials or a pseudonym, never a full name.
  subject_label text NOT NULL CHECK (length(subject_label) BETWEEN 1 AND 40),
  age integer NOT NULL CHECK (age BETWEEN 8 AND 30),
  concerns text NOT NULL,
  safeguarding_checked boolean NOT NULL,
  consent_obtained boolean NOT NULL,
  interventions text[] NOT NULL DEFAULT '{}'
    CHECK (interventions <@ ARRAY['awareness-session', 'mentoring', 'cease-and-desist', 'skills-pathway']::text[]),
  intervention_plan text,
  outcome text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  review_on date NOT NULL,
  classification text NOT NULL DEFAULT 'OFFICIAL-SENSITIVE' CHECK (classification IN ('OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET')),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'closed') = (outcome IS NOT NULL))
);
CREATE INDEX cyber_choices_force_idx ON cyber_choices_referrals (force_id, review_on);

INSERT INTO protect_advice (slug, version, title, audience, body, current) VALUES
  ('passwords-two-step', 1, 'Strong passwords and two-step verification', 'everyone',
   'Use three random words for important accounts, a different password for your e-mail, and turn on two-step verification (2SV) wherever it is offered. Save passwords in your browser or a password manager.', true),
  ('phishing', 1, 'Spotting and reporting phishing', 'everyone',
   'Be wary of messages that ask for personal details or payment, or that create urgency. Forward suspicious e-mails to report@phishing.gov.uk and texts to 7726. If you clicked a link or gave details, change your passwords and tell your bank.', true),
  ('romance-fraud', 1, 'Romance fraud', 'individuals',
   'Never send money or gift cards to someone you have only met online, however long you have talked. Be suspicious of reasons not to meet or video call. Talk to family or friends before sending money.', true),
  ('investment-fraud', 1, 'Investment fraud', 'individuals',
   'Reject unsolicited investment offers. Check the firm on the FCA Register and the FCA Warning List, and only deal with firms by the contact details on the Register. If it sounds too good to be true, it probably is.', true),
  ('ransomware-business', 1, 'Ransomware for businesses', 'businesses',
   'Keep offline backups and test restoring them, patch systems promptly, use two-step verification on remote access, and have an incident plan. Report attacks to Action Fraud; paying a ransom does not guarantee recovery.', true),
  ('cyber-essentials', 1, 'Cyber Essentials for small businesses', 'businesses',
   'Cyber Essentials is a government-backed scheme that protects against the most common attacks: firewalls, secure configuration, user access control, malware protection and security updates. Your regional Cyber Resilience Centre can help you get certified.', true);
