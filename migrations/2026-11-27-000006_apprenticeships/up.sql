-- Apprenticeships (pemagangan dalam negeri): programmes proposed by a host employer and approved by the
-- city labour office, the apprentices placed in them, and the host's monthly progress reports.
-- A hire by the host is a placement (placements.apprenticeship_id, hiring migration).

CREATE TABLE apprenticeship_programmes (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    host_employer_id       uuid NOT NULL REFERENCES employers (id) ON DELETE RESTRICT,
    title                  text NOT NULL,
    description            text,
    vocation_code          text REFERENCES vocations (code) ON DELETE RESTRICT,
    kbji_code              text REFERENCES occupations (code) ON DELETE RESTRICT,
    region_code            text REFERENCES regions (code) ON DELETE RESTRICT,
    duration_months        smallint NOT NULL,
    seats                  integer NOT NULL,
    monthly_stipend_rupiah bigint NOT NULL,
    mentor_name            text NOT NULL,
    status                 text NOT NULL DEFAULT 'proposed',
    decided_at             timestamptz,
    decided_by             uuid REFERENCES users (id) ON DELETE RESTRICT,
    decision_reason        text,
    created_by             uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    version                integer NOT NULL DEFAULT 1,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT apprenticeship_programmes_title_not_blank_check CHECK (btrim(title) <> ''),
    CONSTRAINT apprenticeship_programmes_duration_months_check CHECK (duration_months BETWEEN 1 AND 12),
    CONSTRAINT apprenticeship_programmes_seats_check CHECK (seats > 0),
    CONSTRAINT apprenticeship_programmes_stipend_check CHECK (monthly_stipend_rupiah >= 0),
    CONSTRAINT apprenticeship_programmes_status_check CHECK (status IN ('proposed', 'approved', 'rejected', 'closed')),
    CONSTRAINT apprenticeship_programmes_decided_check CHECK (
        status NOT IN ('approved', 'rejected') OR (decided_at IS NOT NULL AND decided_by IS NOT NULL)
    ),
    CONSTRAINT apprenticeship_programmes_rejection_reason_check CHECK (status <> 'rejected' OR decision_reason IS NOT NULL),
    CONSTRAINT apprenticeship_programmes_version_check CHECK (version >= 1)
);
COMMENT ON TABLE apprenticeship_programmes IS 'Program pemagangan proposed by a host employer; the city labour office approves programmes run inside the city.';
COMMENT ON COLUMN apprenticeship_programmes.duration_months IS 'At most 12 months (Permenaker 6/2020: pemagangan lasts at most one year).';
COMMENT ON COLUMN apprenticeship_programmes.monthly_stipend_rupiah IS 'Uang saku per month.';
COMMENT ON COLUMN apprenticeship_programmes.mentor_name IS 'Pembimbing pemagangan (workplace mentor).';
CREATE INDEX apprenticeship_programmes_host_employer_id_idx ON apprenticeship_programmes (host_employer_id);
CREATE INDEX apprenticeship_programmes_status_idx ON apprenticeship_programmes (status, created_at);

CREATE TABLE apprenticeship_programme_units (
    programme_id uuid NOT NULL REFERENCES apprenticeship_programmes (id) ON DELETE CASCADE,
    unit_code    text NOT NULL REFERENCES competency_units (code) ON DELETE RESTRICT,
    PRIMARY KEY (programme_id, unit_code)
);
COMMENT ON TABLE apprenticeship_programme_units IS 'SKKNI units the apprenticeship programme trains.';
CREATE INDEX apprenticeship_programme_units_unit_code_idx ON apprenticeship_programme_units (unit_code);

CREATE TABLE apprenticeships (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    programme_id           uuid NOT NULL REFERENCES apprenticeship_programmes (id) ON DELETE RESTRICT,
    seeker_id              uuid NOT NULL REFERENCES seekers (id) ON DELETE RESTRICT,
    agreement_number       text NOT NULL,
    agreement_date         date NOT NULL,
    starts_on              date NOT NULL,
    ends_on                date NOT NULL,
    mentor_name            text NOT NULL,
    monthly_stipend_rupiah bigint NOT NULL,
    status                 text NOT NULL DEFAULT 'active',
    ended_on               date,
    discontinued_reason    text,
    certificate_number     text,
    hired_by_host          boolean,
    recorded_by            uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    version                integer NOT NULL DEFAULT 1,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT apprenticeships_programme_id_agreement_number_key UNIQUE (programme_id, agreement_number),
    -- Lets placements check that an apprenticeship hire is the apprentice's own.
    CONSTRAINT apprenticeships_id_seeker_id_key UNIQUE (id, seeker_id),
    CONSTRAINT apprenticeships_agreement_number_not_blank_check CHECK (btrim(agreement_number) <> ''),
    CONSTRAINT apprenticeships_dates_check CHECK (ends_on >= starts_on AND agreement_date <= starts_on),
    CONSTRAINT apprenticeships_stipend_check CHECK (monthly_stipend_rupiah >= 0),
    CONSTRAINT apprenticeships_status_check CHECK (status IN ('active', 'completed', 'discontinued')),
    CONSTRAINT apprenticeships_ended_check CHECK ((status = 'active') = (ended_on IS NULL)),
    CONSTRAINT apprenticeships_ended_on_check CHECK (ended_on >= starts_on),
    CONSTRAINT apprenticeships_discontinued_reason_check CHECK (status <> 'discontinued' OR discontinued_reason IS NOT NULL),
    CONSTRAINT apprenticeships_certificate_check CHECK (status = 'completed' OR certificate_number IS NULL),
    CONSTRAINT apprenticeships_hired_by_host_check CHECK (status <> 'active' OR hired_by_host IS NULL),
    CONSTRAINT apprenticeships_version_check CHECK (version >= 1)
);
COMMENT ON TABLE apprenticeships IS 'A seeker placed as an apprentice (peserta magang) under a written agreement (perjanjian pemagangan).';
COMMENT ON COLUMN apprenticeships.agreement_number IS 'Number of the perjanjian pemagangan between host and apprentice.';
COMMENT ON COLUMN apprenticeships.certificate_number IS 'Sertifikat pemagangan issued by the host on completion.';
COMMENT ON COLUMN apprenticeships.hired_by_host IS 'Outcome, known once the apprenticeship ended; a hire is also recorded as a placement.';
CREATE INDEX apprenticeships_programme_id_idx ON apprenticeships (programme_id);
CREATE INDEX apprenticeships_seeker_id_idx ON apprenticeships (seeker_id);
CREATE INDEX apprenticeships_starts_on_idx ON apprenticeships (starts_on);
-- A person is an apprentice in one place at a time.
CREATE UNIQUE INDEX apprenticeships_active_seeker_key ON apprenticeships (seeker_id) WHERE status = 'active';

CREATE TABLE apprenticeship_progress_reports (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    apprenticeship_id uuid NOT NULL REFERENCES apprenticeships (id) ON DELETE CASCADE,
    period_month      date NOT NULL,
    attendance_days   smallint,
    summary           text NOT NULL,
    submitted_by      uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    submitted_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT apprenticeship_progress_reports_apprenticeship_month_key UNIQUE (apprenticeship_id, period_month),
    CONSTRAINT apprenticeship_progress_reports_period_month_check CHECK (EXTRACT(DAY FROM period_month) = 1),
    CONSTRAINT apprenticeship_progress_reports_attendance_days_check CHECK (attendance_days BETWEEN 0 AND 31),
    CONSTRAINT apprenticeship_progress_reports_summary_not_blank_check CHECK (btrim(summary) <> '')
);
COMMENT ON TABLE apprenticeship_progress_reports IS 'Monthly progress report (laporan perkembangan) the host submits for an apprentice.';
COMMENT ON COLUMN apprenticeship_progress_reports.period_month IS 'First day of the month reported on.';
