-- The NFIB code list: the crime codes Action Fraud and the National Fraud Intelligence Bureau
-- give every fraud and cyber crime report. Reference data that admins maintain, not an enum in
-- code; each code says whether it is cyber-dependent, cyber-enabled or other (sources and the
-- judgements made are in src/features/reference/data/SOURCES.md).
CREATE TABLE nfib_codes (
  code text PRIMARY KEY CHECK (code ~ '^NFIB[0-9]{1,3}[A-Z]?$'),
  name text NOT NULL,
  category text NOT NULL CHECK (category IN ('cyber-dependent', 'cyber-enabled', 'other')),
  sort_order integer NOT NULL DEFAULT 500,
  built_in boolean NOT NULL DEFAULT false
);
INSERT INTO nfib_codes (code, name, category, sort_order, built_in) VALUES
  ('NFIB5A', 'Cheque, plastic card and online bank accounts (not PSP)', 'other', 50, true),
  ('NFIB50A', 'Computer virus, malware and spyware', 'cyber-dependent', 500, true),
  ('NFIB51A', 'Denial of service attack', 'cyber-dependent', 510, true),
  ('NFIB51B', 'Denial of service attack (extortion)', 'cyber-dependent', 520, true),
  ('NFIB52A', 'Hacking - server', 'cyber-dependent', 530, true),
  ('NFIB52B', 'Hacking - personal', 'cyber-dependent', 540, true),
  ('NFIB52C', 'Hacking - social media and email', 'cyber-dependent', 550, true),
  ('NFIB52D', 'Hacking - PBX / dial through', 'cyber-dependent', 560, true),
  ('NFIB52E', 'Hacking (extortion)', 'cyber-dependent', 570, true),
  ('NFIB90', 'Other fraud not covered elsewhere', 'other', 900, true);
