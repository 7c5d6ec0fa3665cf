-- Employers (DUDI) and their vacancies (lowongan), reported under Perpres 57/2023.

CREATE TABLE employers (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name                text NOT NULL,
    legal_form          text NOT NULL,
    nib                 text NOT NULL,
    npwp                text,
    kbli_code           text NOT NULL REFERENCES industries (code) ON DELETE RESTRICT,
    address             text NOT NULL,
    region_code         text REFERENCES regions (code) ON DELETE RESTRICT,
    contact_person_name text NOT NULL,
    contact_phone       text NOT NULL,
    contact_email       text,
    company_size        text,
    website             text,
    verification_status text NOT NULL DEFAULT 'pending',
    verification_note   text,
    verified_at         timestamptz,
    verified_by         uuid REFERENCES users (id) ON DELETE RESTRICT,
    version             integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT employers_nib_key UNIQUE (nib),
    CONSTRAINT employers_name_not_blank_check CHECK (btrim(name) <> ''),
    CONSTRAINT employers_legal_form_check CHECK (
        legal_form IN ('pt', 'cv', 'firma', 'koperasi', 'yayasan', 'bumn', 'bumd', 'perorangan', 'lainnya')
    ),
    CONSTRAINT employers_nib_format_check CHECK (nib ~ '^[0-9]{13}$'),
    CONSTRAINT employers_npwp_format_check CHECK (npwp ~ '^([0-9]{15}|[0-9]{16})$'),
    CONSTRAINT employers_contact_phone_format_check CHECK (contact_phone ~ '^\+62[0-9]{8,13}$'),
    CONSTRAINT employers_contact_email_format_check CHECK (contact_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    CONSTRAINT employers_company_size_check CHECK (company_size IN ('mikro', 'kecil', 'menengah', 'besar')),
    CONSTRAINT employers_verification_status_check CHECK (
        verification_status IN ('pending', 'verified', 'rejected', 'suspended')
    ),
    CONSTRAINT employers_verified_check CHECK (
        verification_status <> 'verified' OR (verified_at IS NOT NULL AND verified_by IS NOT NULL)
    ),
    CONSTRAINT employers_verification_note_check CHECK (
        verification_status NOT IN ('rejected', 'suspended') OR verification_note IS NOT NULL
    ),
    CONSTRAINT employers_version_check CHECK (version >= 1)
);
COMMENT ON TABLE employers IS 'Employers (DUDI, pemberi kerja). Pending until an officer verifies them; only verified employers publish.';
COMMENT ON COLUMN employers.nib IS 'Nomor Induk Berusaha from the OSS licensing system, 13 digits.';
COMMENT ON COLUMN employers.npwp IS 'Tax ID (NPWP): 15 digits (old format) or 16 digits (NIK-based / new format). Not unique: branches may share it.';
COMMENT ON COLUMN employers.kbli_code IS 'Main KBLI 2020 business line; the IPK industry breakdown uses its category.';
COMMENT ON COLUMN employers.region_code IS 'Kecamatan of the address; NULL when the registered address is outside Balikpapan.';
COMMENT ON COLUMN employers.verification_note IS 'Reason given by the officer for rejection or suspension.';
CREATE INDEX employers_verification_status_idx ON employers (verification_status, created_at);
CREATE INDEX employers_kbli_code_idx ON employers (kbli_code);
CREATE INDEX employers_name_prefix_idx ON employers (lower(name) text_pattern_ops);

ALTER TABLE users
    ADD CONSTRAINT users_employer_id_fkey FOREIGN KEY (employer_id) REFERENCES employers (id) ON DELETE RESTRICT;

CREATE TABLE vacancies (
    id                             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    employer_id                    uuid NOT NULL REFERENCES employers (id) ON DELETE RESTRICT,
    title                          text NOT NULL,
    description                    text NOT NULL,
    kbji_code                      text NOT NULL REFERENCES occupations (code) ON DELETE RESTRICT,
    headcount                      integer NOT NULL,
    filled_count                   integer NOT NULL DEFAULT 0,
    valid_from                     date NOT NULL,
    valid_until                    date NOT NULL,
    min_education                  text,
    education_major                text,
    min_experience_months          integer NOT NULL DEFAULT 0,
    employment_type                text NOT NULL,
    wage_min_rupiah                bigint NOT NULL,
    wage_max_rupiah                bigint,
    wage_period                    text NOT NULL,
    region_code                    text REFERENCES regions (code) ON DELETE RESTRICT,
    outside_city_location          text,
    location_detail                text,
    reserved_disability_openings   integer NOT NULL DEFAULT 0,
    driving_licences               text[] NOT NULL DEFAULT '{}',
    accepted_certification_schemes text[] NOT NULL DEFAULT '{}',
    sex_requirement                text,
    how_to_apply                   text,
    discrimination_flags           jsonb NOT NULL DEFAULT '[]',
    flags_justification            text,
    blind_review                   boolean NOT NULL DEFAULT false,
    status                         text NOT NULL DEFAULT 'draft',
    reported_at                    timestamptz,
    verified_at                    timestamptz,
    verified_by                    uuid REFERENCES users (id) ON DELETE RESTRICT,
    published_at                   timestamptz,
    filled_at                      timestamptz,
    closed_at                      timestamptz,
    closed_reason                  text,
    expired_at                     timestamptz,
    created_by                     uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    version                        integer NOT NULL DEFAULT 1,
    created_at                     timestamptz NOT NULL DEFAULT now(),
    updated_at                     timestamptz NOT NULL DEFAULT now(),
    -- Lets placements check that their employer is the vacancy's employer.
    CONSTRAINT vacancies_id_employer_id_key UNIQUE (id, employer_id),
    CONSTRAINT vacancies_title_not_blank_check CHECK (btrim(title) <> ''),
    CONSTRAINT vacancies_headcount_check CHECK (headcount > 0),
    CONSTRAINT vacancies_filled_count_check CHECK (filled_count >= 0 AND filled_count <= headcount),
    CONSTRAINT vacancies_validity_check CHECK (valid_until >= valid_from),
    CONSTRAINT vacancies_min_education_check CHECK (
        min_education IN ('tidak_sekolah', 'sd', 'smp', 'sma', 'smk', 'd1', 'd2', 'd3', 'd4', 's1', 's2', 's3')
    ),
    CONSTRAINT vacancies_min_experience_months_check CHECK (min_experience_months >= 0),
    CONSTRAINT vacancies_employment_type_check CHECK (
        employment_type IN ('pkwt', 'pkwtt', 'harian', 'magang', 'paruh_waktu')
    ),
    CONSTRAINT vacancies_wage_check CHECK (
        wage_min_rupiah >= 0 AND (wage_max_rupiah IS NULL OR wage_max_rupiah >= wage_min_rupiah)
    ),
    CONSTRAINT vacancies_wage_period_check CHECK (wage_period IN ('bulanan', 'harian', 'per_jam')),
    CONSTRAINT vacancies_location_check CHECK (num_nonnulls(region_code, outside_city_location) = 1),
    CONSTRAINT vacancies_reserved_disability_openings_check CHECK (
        reserved_disability_openings >= 0 AND reserved_disability_openings <= headcount
    ),
    CONSTRAINT vacancies_driving_licences_check CHECK (
        driving_licences <@ ARRAY['A', 'B1', 'B1_umum', 'B2', 'B2_umum', 'C', 'D']::text[]
    ),
    CONSTRAINT vacancies_accepted_certification_schemes_no_nulls_check CHECK (
        array_position(accepted_certification_schemes, NULL) IS NULL
    ),
    CONSTRAINT vacancies_sex_requirement_check CHECK (sex_requirement IN ('L', 'P')),
    CONSTRAINT vacancies_discrimination_flags_array_check CHECK (jsonb_typeof(discrimination_flags) = 'array'),
    -- draft -> reported only when every flag is justified (or removed); closed drafts may keep them.
    CONSTRAINT vacancies_flags_justified_check CHECK (
        status IN ('draft', 'closed') OR discrimination_flags = '[]'::jsonb OR flags_justification IS NOT NULL
    ),
    CONSTRAINT vacancies_status_check CHECK (
        status IN ('draft', 'reported', 'verified', 'open', 'filled', 'closed', 'expired')
    ),
    CONSTRAINT vacancies_reported_at_check CHECK (
        status NOT IN ('reported', 'verified', 'open', 'filled', 'expired') OR reported_at IS NOT NULL
    ),
    CONSTRAINT vacancies_verified_check CHECK (
        status NOT IN ('verified', 'open', 'filled', 'expired') OR (verified_at IS NOT NULL AND verified_by IS NOT NULL)
    ),
    CONSTRAINT vacancies_published_at_check CHECK (status NOT IN ('open', 'filled') OR published_at IS NOT NULL),
    CONSTRAINT vacancies_filled_at_check CHECK (status <> 'filled' OR filled_at IS NOT NULL),
    CONSTRAINT vacancies_closed_check CHECK (status <> 'closed' OR (closed_at IS NOT NULL AND closed_reason IS NOT NULL)),
    CONSTRAINT vacancies_expired_at_check CHECK (status <> 'expired' OR expired_at IS NOT NULL),
    CONSTRAINT vacancies_version_check CHECK (version >= 1)
);
COMMENT ON TABLE vacancies IS 'Lowongan kerja. Legally required content (Perpres 57/2023): employer, title, headcount, validity, requirements, wage, location.';
COMMENT ON COLUMN vacancies.kbji_code IS 'KBJI 2014 occupation; its first digit is the IPK occupation group.';
COMMENT ON COLUMN vacancies.filled_count IS 'Hires recorded or reported; incremented with a guarded UPDATE so it never exceeds headcount.';
COMMENT ON COLUMN vacancies.region_code IS 'Kecamatan of the workplace in Balikpapan (or the city code for several places); exactly one of this and outside_city_location.';
COMMENT ON COLUMN vacancies.outside_city_location IS 'Workplace outside Balikpapan (e.g. IKN, Penajam), free text.';
COMMENT ON COLUMN vacancies.reserved_disability_openings IS 'Openings reserved for people with disabilities (penyandang disabilitas).';
COMMENT ON COLUMN vacancies.driving_licences IS 'Required SIM classes (driving_licence enumeration); a listed class is mandatory.';
COMMENT ON COLUMN vacancies.accepted_certification_schemes IS 'BNSP/LSP certification schemes (skema) the employer accepts, free text.';
COMMENT ON COLUMN vacancies.sex_requirement IS 'Only when the job genuinely requires it (raises a flag needing justification); used for the IPK by-sex columns, never for ranking.';
COMMENT ON COLUMN vacancies.discrimination_flags IS 'JSON array of flags found by the discrimination check (age limit, appearance, marital status, unexplained sex requirement).';
COMMENT ON COLUMN vacancies.blind_review IS 'Employer sees candidates without name, photo, age and sex until the interview stage.';
-- Public listing of open vacancies, by filter and sort.
CREATE INDEX vacancies_open_published_at_idx ON vacancies (published_at DESC, id) WHERE status = 'open';
CREATE INDEX vacancies_open_region_code_idx ON vacancies (region_code, published_at DESC) WHERE status = 'open';
CREATE INDEX vacancies_open_employment_type_idx ON vacancies (employment_type, published_at DESC) WHERE status = 'open';
CREATE INDEX vacancies_open_kbji_code_idx ON vacancies (kbji_code text_pattern_ops) WHERE status = 'open';
CREATE INDEX vacancies_open_wage_idx ON vacancies (wage_min_rupiah DESC, id) WHERE status = 'open';
-- Closing soon, and the expiry job (verified or open past valid_until).
CREATE INDEX vacancies_live_valid_until_idx ON vacancies (valid_until) WHERE status IN ('verified', 'open');
-- Officer verification queue and employer dashboards.
CREATE INDEX vacancies_reported_queue_idx ON vacancies (reported_at) WHERE status = 'reported';
CREATE INDEX vacancies_employer_id_idx ON vacancies (employer_id, created_at DESC);
CREATE INDEX vacancies_status_idx ON vacancies (status);

CREATE TABLE vacancy_units (
    vacancy_id         uuid NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    unit_code          text NOT NULL REFERENCES competency_units (code) ON DELETE RESTRICT,
    requirement        text NOT NULL,
    min_evidence_level text,
    PRIMARY KEY (vacancy_id, unit_code),
    CONSTRAINT vacancy_units_requirement_check CHECK (requirement IN ('required', 'optional')),
    CONSTRAINT vacancy_units_min_evidence_level_check CHECK (min_evidence_level IN ('declared', 'trained', 'certified'))
);
COMMENT ON TABLE vacancy_units IS 'SKKNI units a vacancy asks for.';
COMMENT ON COLUMN vacancy_units.min_evidence_level IS 'Optional minimum evidence for this unit, e.g. certified = certificate required (an eligibility filter).';
CREATE INDEX vacancy_units_unit_code_idx ON vacancy_units (unit_code);

CREATE TABLE walk_in_sessions (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    vacancy_id  uuid NOT NULL REFERENCES vacancies (id) ON DELETE CASCADE,
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    venue       text NOT NULL,
    region_code text REFERENCES regions (code) ON DELETE RESTRICT,
    notes       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT walk_in_sessions_time_check CHECK (ends_at > starts_at),
    CONSTRAINT walk_in_sessions_venue_not_blank_check CHECK (btrim(venue) <> '')
);
COMMENT ON TABLE walk_in_sessions IS 'Walk-in interview sessions announced with a vacancy.';
CREATE INDEX walk_in_sessions_vacancy_id_idx ON walk_in_sessions (vacancy_id, starts_at);

CREATE TABLE vacancy_status_changes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vacancy_id      uuid NOT NULL REFERENCES vacancies (id) ON DELETE RESTRICT,
    from_status     text,
    to_status       text NOT NULL,
    actor_user_id   uuid REFERENCES users (id) ON DELETE RESTRICT,
    reason          text,
    at              timestamptz NOT NULL DEFAULT now(),
    headcount       integer NOT NULL,
    filled_count    integer NOT NULL,
    sex_requirement text,
    min_education   text,
    kbji_code       text NOT NULL,
    kbli_code       text NOT NULL,
    region_code     text,
    CONSTRAINT vacancy_status_changes_from_status_check CHECK (
        from_status IN ('draft', 'reported', 'verified', 'open', 'filled', 'closed', 'expired')
    ),
    CONSTRAINT vacancy_status_changes_to_status_check CHECK (
        to_status IN ('draft', 'reported', 'verified', 'open', 'filled', 'closed', 'expired')
    ),
    CONSTRAINT vacancy_status_changes_moves_check CHECK (from_status IS DISTINCT FROM to_status),
    CONSTRAINT vacancy_status_changes_counts_check CHECK (headcount > 0 AND filled_count BETWEEN 0 AND headcount),
    CONSTRAINT vacancy_status_changes_sex_requirement_check CHECK (sex_requirement IN ('L', 'P')),
    CONSTRAINT vacancy_status_changes_min_education_check CHECK (
        min_education IN ('tidak_sekolah', 'sd', 'smp', 'sma', 'smk', 'd1', 'd2', 'd3', 'd4', 's1', 's2', 's3')
    )
);
COMMENT ON TABLE vacancy_status_changes IS 'Append-only lifecycle history; the IPK vacancy flows are GROUP BYs over it. from_status NULL = created.';
COMMENT ON COLUMN vacancy_status_changes.actor_user_id IS 'NULL when the system made the change (expiry).';
COMMENT ON COLUMN vacancy_status_changes.headcount IS 'Snapshot columns (headcount .. region_code) hold the report dimensions at the time of the change, so a closed month re-runs identically after later edits.';
COMMENT ON COLUMN vacancy_status_changes.kbli_code IS 'Snapshot of the employer''s KBLI code at the time of the change.';
CREATE INDEX vacancy_status_changes_vacancy_id_idx ON vacancy_status_changes (vacancy_id, at);
CREATE INDEX vacancy_status_changes_at_idx ON vacancy_status_changes (at);
