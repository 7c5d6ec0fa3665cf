-- Job seekers (pencari kerja, the AK/I card), their competency evidence, certificates, work experience,
-- and the audit log of reads of their personal data.
-- seeker_competencies.enrolment_id / training_provider_id get their foreign keys in the training migration.

CREATE TABLE seekers (
    id                           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id                      uuid REFERENCES users (id) ON DELETE RESTRICT,
    registration_number          text NOT NULL,
    nik_hash                     bytea,
    nik_ciphertext               bytea,
    nik_masked                   text,
    full_name                    text,
    birth_place                  text,
    birth_date                   date,
    birth_year                   smallint NOT NULL,
    sex                          text NOT NULL,
    address                      text,
    domicile_region_code         text NOT NULL REFERENCES regions (code) ON DELETE RESTRICT,
    phone                        text,
    email                        text,
    education_level              text NOT NULL,
    education_major              text,
    education_school             text,
    graduation_year              smallint,
    has_disability               boolean NOT NULL DEFAULT false,
    wants_reserved_openings      boolean NOT NULL DEFAULT false,
    consent_visible_to_employers boolean NOT NULL DEFAULT false,
    consent_receive_alerts       boolean NOT NULL DEFAULT false,
    consent_recorded_at          timestamptz NOT NULL,
    registered_on                date NOT NULL,
    valid_until                  date NOT NULL,
    last_reported_on             date NOT NULL,
    next_report_due_on           date NOT NULL,
    status                       text NOT NULL DEFAULT 'active',
    status_changed_at            timestamptz NOT NULL DEFAULT now(),
    removed_reason               text,
    open_to_work                 boolean NOT NULL DEFAULT true,
    expected_wage_rupiah         bigint,
    preferred_employment_types   text[] NOT NULL DEFAULT '{}',
    driving_licences             text[] NOT NULL DEFAULT '{}',
    profile_summary              text,
    officer_notes                text,
    last_active_at               timestamptz,
    registered_by                uuid REFERENCES users (id) ON DELETE RESTRICT,
    activation_code_hash         bytea,
    activation_code_expires_at   timestamptz,
    erased_at                    timestamptz,
    version                      integer NOT NULL DEFAULT 1,
    created_at                   timestamptz NOT NULL DEFAULT now(),
    updated_at                   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT seekers_user_id_key UNIQUE (user_id),
    CONSTRAINT seekers_registration_number_key UNIQUE (registration_number),
    CONSTRAINT seekers_nik_hash_key UNIQUE (nik_hash),
    CONSTRAINT seekers_registration_number_format_check CHECK (registration_number ~ '^[A-Za-z0-9./-]{1,40}$'),
    CONSTRAINT seekers_nik_hash_length_check CHECK (octet_length(nik_hash) = 32),
    CONSTRAINT seekers_nik_masked_format_check CHECK (nik_masked ~ '^[0-9*]{16}$'),
    CONSTRAINT seekers_nik_columns_together_check CHECK (num_nulls(nik_hash, nik_ciphertext, nik_masked) IN (0, 3)),
    CONSTRAINT seekers_identity_present_check CHECK (
        erased_at IS NOT NULL
        OR (nik_hash IS NOT NULL AND full_name IS NOT NULL AND birth_date IS NOT NULL AND address IS NOT NULL)
    ),
    CONSTRAINT seekers_erased_check CHECK (
        erased_at IS NULL OR num_nonnulls(
            user_id, nik_hash, nik_ciphertext, nik_masked, full_name, birth_place, birth_date, address, phone, email,
            education_school, profile_summary, officer_notes, activation_code_hash
        ) = 0
    ),
    CONSTRAINT seekers_full_name_not_blank_check CHECK (btrim(full_name) <> ''),
    CONSTRAINT seekers_birth_year_check CHECK (
        birth_year BETWEEN 1900 AND 2100
        AND (birth_date IS NULL OR EXTRACT(YEAR FROM birth_date) = birth_year)
    ),
    CONSTRAINT seekers_sex_check CHECK (sex IN ('L', 'P')),
    CONSTRAINT seekers_phone_format_check CHECK (phone ~ '^\+62[0-9]{8,13}$'),
    CONSTRAINT seekers_email_format_check CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    CONSTRAINT seekers_education_level_check CHECK (
        education_level IN ('tidak_sekolah', 'sd', 'smp', 'sma', 'smk', 'd1', 'd2', 'd3', 'd4', 's1', 's2', 's3')
    ),
    CONSTRAINT seekers_graduation_year_check CHECK (graduation_year BETWEEN 1900 AND 2100),
    CONSTRAINT seekers_reserved_openings_check CHECK (NOT wants_reserved_openings OR has_disability),
    CONSTRAINT seekers_validity_check CHECK (valid_until > registered_on),
    CONSTRAINT seekers_report_dates_check CHECK (
        last_reported_on >= registered_on AND next_report_due_on > last_reported_on
    ),
    CONSTRAINT seekers_status_check CHECK (status IN ('active', 'placed', 'removed', 'expired')),
    CONSTRAINT seekers_removed_reason_check CHECK (status <> 'removed' OR removed_reason IS NOT NULL),
    CONSTRAINT seekers_expected_wage_check CHECK (expected_wage_rupiah >= 0),
    CONSTRAINT seekers_preferred_employment_types_check CHECK (
        preferred_employment_types <@ ARRAY['pkwt', 'pkwtt', 'harian', 'magang', 'paruh_waktu']::text[]
    ),
    CONSTRAINT seekers_driving_licences_check CHECK (
        driving_licences <@ ARRAY['A', 'B1', 'B1_umum', 'B2', 'B2_umum', 'C', 'D']::text[]
    ),
    CONSTRAINT seekers_activation_code_check CHECK (
        (activation_code_hash IS NULL) = (activation_code_expires_at IS NULL)
    ),
    CONSTRAINT seekers_version_check CHECK (version >= 1)
);
COMMENT ON TABLE seekers IS 'Pencari kerja: the AK/I card ("kartu kuning"), valid 2 years, re-reported every 6 months, plus the AK/II interview preferences.';
COMMENT ON COLUMN seekers.user_id IS 'Login account; NULL for a counter registration not yet activated, and after erasure.';
COMMENT ON COLUMN seekers.registration_number IS 'AK/I registration number (nomor pendaftaran pencari kerja).';
COMMENT ON COLUMN seekers.nik_hash IS 'HMAC-SHA256 of the NIK with a server key: uniqueness only. The NIK never appears in clear in an indexed column.';
COMMENT ON COLUMN seekers.nik_ciphertext IS 'NIK encrypted by the application, shown only to its owner and officers.';
COMMENT ON COLUMN seekers.nik_masked IS 'Masked NIK (digits and *), what everyone else sees.';
COMMENT ON COLUMN seekers.birth_year IS 'Kept after erasure for age-group statistics.';
COMMENT ON COLUMN seekers.sex IS 'L = laki-laki, P = perempuan. Statistics only; never indexed for ranking.';
COMMENT ON COLUMN seekers.domicile_region_code IS 'Kecamatan of residence (or the city code when unknown); kept after erasure.';
COMMENT ON COLUMN seekers.has_disability IS 'For quota statistics and, when wants_reserved_openings, reserved openings only; never ranked on.';
COMMENT ON COLUMN seekers.next_report_due_on IS 'Wajib lapor: the seeker re-reports every 6 months; an officer lists who is overdue.';
COMMENT ON COLUMN seekers.open_to_work IS 'A placed seeker may stay open to work; eligibility for matching uses status and this flag.';
COMMENT ON COLUMN seekers.officer_notes IS 'Notes from the AK/II interview with the pengantar kerja (placement officer).';
COMMENT ON COLUMN seekers.registered_by IS 'Officer who registered the seeker at the counter; NULL for self-registration.';
COMMENT ON COLUMN seekers.activation_code_hash IS 'Hash of the one-time code handed over at the counter to activate an account.';
COMMENT ON COLUMN seekers.erased_at IS 'Personal data erased on request (UU 27/2022); the row keeps only anonymous statistics.';
CREATE INDEX seekers_status_next_report_due_on_idx ON seekers (status, next_report_due_on);
CREATE INDEX seekers_status_valid_until_idx ON seekers (status, valid_until);
CREATE INDEX seekers_domicile_region_code_idx ON seekers (domicile_region_code);
CREATE INDEX seekers_registered_on_idx ON seekers (registered_on);
CREATE INDEX seekers_full_name_prefix_idx ON seekers (lower(full_name) text_pattern_ops);

CREATE TABLE seeker_preferred_occupations (
    seeker_id uuid NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
    kbji_code text NOT NULL REFERENCES occupations (code) ON DELETE RESTRICT,
    PRIMARY KEY (seeker_id, kbji_code)
);
COMMENT ON TABLE seeker_preferred_occupations IS 'Desired jobs (AK/II), as KBJI occupations.';
CREATE INDEX seeker_preferred_occupations_kbji_code_idx ON seeker_preferred_occupations (kbji_code);

CREATE TABLE seeker_preferred_regions (
    seeker_id   uuid NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
    region_code text NOT NULL REFERENCES regions (code) ON DELETE RESTRICT,
    PRIMARY KEY (seeker_id, region_code)
);
COMMENT ON TABLE seeker_preferred_regions IS 'Kecamatan where the seeker wants to work.';
CREATE INDEX seeker_preferred_regions_region_code_idx ON seeker_preferred_regions (region_code);

CREATE TABLE seeker_status_changes (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seeker_id            uuid NOT NULL REFERENCES seekers (id) ON DELETE RESTRICT,
    from_status          text,
    to_status            text NOT NULL,
    actor_user_id        uuid REFERENCES users (id) ON DELETE RESTRICT,
    reason               text,
    at                   timestamptz NOT NULL DEFAULT now(),
    sex                  text NOT NULL,
    birth_year           smallint NOT NULL,
    education_level      text NOT NULL,
    domicile_region_code text NOT NULL,
    CONSTRAINT seeker_status_changes_from_status_check CHECK (from_status IN ('active', 'placed', 'removed', 'expired')),
    CONSTRAINT seeker_status_changes_to_status_check CHECK (to_status IN ('active', 'placed', 'removed', 'expired')),
    CONSTRAINT seeker_status_changes_moves_check CHECK (from_status IS DISTINCT FROM to_status),
    CONSTRAINT seeker_status_changes_sex_check CHECK (sex IN ('L', 'P')),
    CONSTRAINT seeker_status_changes_education_level_check CHECK (
        education_level IN ('tidak_sekolah', 'sd', 'smp', 'sma', 'smk', 'd1', 'd2', 'd3', 'd4', 's1', 's2', 's3')
    )
);
COMMENT ON TABLE seeker_status_changes IS 'Append-only AK/I status history; the IPK seeker flows are GROUP BYs over it. from_status NULL = registration.';
COMMENT ON COLUMN seeker_status_changes.sex IS 'Snapshot columns (sex .. domicile_region_code) hold the report dimensions at the time of the change, so a closed month re-runs identically.';
COMMENT ON COLUMN seeker_status_changes.actor_user_id IS 'NULL when the system made the change (expiry).';
CREATE INDEX seeker_status_changes_seeker_id_idx ON seeker_status_changes (seeker_id, at);
CREATE INDEX seeker_status_changes_at_idx ON seeker_status_changes (at);

CREATE TABLE certificates (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seeker_id          uuid NOT NULL REFERENCES seekers (id) ON DELETE RESTRICT,
    certificate_number text NOT NULL,
    scheme             text NOT NULL,
    issuer             text NOT NULL,
    issued_on          date NOT NULL,
    valid_until        date,
    status             text NOT NULL DEFAULT 'active',
    revoked_at         timestamptz,
    revoked_reason     text,
    recorded_by        uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    verified_at        timestamptz,
    verified_by        uuid REFERENCES users (id) ON DELETE RESTRICT,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT certificates_issuer_certificate_number_key UNIQUE (issuer, certificate_number),
    -- Lets seeker_competencies check that certified evidence points at the seeker's own certificate.
    CONSTRAINT certificates_id_seeker_id_key UNIQUE (id, seeker_id),
    CONSTRAINT certificates_certificate_number_not_blank_check CHECK (btrim(certificate_number) <> ''),
    CONSTRAINT certificates_scheme_not_blank_check CHECK (btrim(scheme) <> ''),
    CONSTRAINT certificates_issuer_not_blank_check CHECK (btrim(issuer) <> ''),
    CONSTRAINT certificates_validity_check CHECK (valid_until >= issued_on),
    CONSTRAINT certificates_status_check CHECK (status IN ('active', 'revoked')),
    CONSTRAINT certificates_revoked_check CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
    CONSTRAINT certificates_verified_check CHECK ((verified_at IS NULL) = (verified_by IS NULL))
);
COMMENT ON TABLE certificates IS 'Competency certificates (sertifikat kompetensi) issued by a BNSP-licensed LSP after assessment.';
COMMENT ON COLUMN certificates.scheme IS 'Skema sertifikasi, e.g. Operator Excavator.';
COMMENT ON COLUMN certificates.issuer IS 'The LSP (lembaga sertifikasi profesi) that issued it.';
COMMENT ON COLUMN certificates.valid_until IS 'Typically issued_on + 3 years; NULL = no expiry. Expired is derived from this date, not stored.';
CREATE INDEX certificates_seeker_id_idx ON certificates (seeker_id);

CREATE TABLE certificate_units (
    certificate_id uuid NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
    unit_code      text NOT NULL REFERENCES competency_units (code) ON DELETE RESTRICT,
    PRIMARY KEY (certificate_id, unit_code)
);
COMMENT ON TABLE certificate_units IS 'SKKNI units listed on a certificate.';
CREATE INDEX certificate_units_unit_code_idx ON certificate_units (unit_code);

CREATE TABLE seeker_competencies (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seeker_id            uuid NOT NULL REFERENCES seekers (id) ON DELETE RESTRICT,
    unit_code            text NOT NULL REFERENCES competency_units (code) ON DELETE RESTRICT,
    evidence_level       text NOT NULL,
    certificate_id       uuid,
    enrolment_id         uuid,
    training_provider_id uuid,
    recorded_by          uuid REFERENCES users (id) ON DELETE RESTRICT,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT seeker_competencies_evidence_level_check CHECK (evidence_level IN ('declared', 'trained', 'certified')),
    -- declared: no source; trained: a training provider (and the enrolment when it came from a cohort);
    -- certified: a certificate of the same seeker that lists the unit.
    CONSTRAINT seeker_competencies_evidence_source_check CHECK (
        CASE evidence_level
            WHEN 'declared' THEN num_nonnulls(certificate_id, enrolment_id, training_provider_id) = 0
            WHEN 'trained' THEN certificate_id IS NULL AND training_provider_id IS NOT NULL
            WHEN 'certified' THEN certificate_id IS NOT NULL AND enrolment_id IS NULL AND training_provider_id IS NULL
        END
    ),
    CONSTRAINT seeker_competencies_certificate_seeker_fkey FOREIGN KEY (certificate_id, seeker_id)
        REFERENCES certificates (id, seeker_id) ON DELETE CASCADE,
    CONSTRAINT seeker_competencies_certificate_unit_fkey FOREIGN KEY (certificate_id, unit_code)
        REFERENCES certificate_units (certificate_id, unit_code) ON DELETE CASCADE
);
COMMENT ON TABLE seeker_competencies IS 'One row per piece of evidence that a seeker holds an SKKNI unit: declared < trained (BLK) < certified (LSP).';
COMMENT ON COLUMN seeker_competencies.recorded_by IS 'User who wrote the evidence; NULL when written by cohort graduation.';
CREATE INDEX seeker_competencies_unit_code_idx ON seeker_competencies (unit_code, evidence_level);
CREATE INDEX seeker_competencies_seeker_id_idx ON seeker_competencies (seeker_id);
CREATE UNIQUE INDEX seeker_competencies_declared_key ON seeker_competencies (seeker_id, unit_code)
    WHERE evidence_level = 'declared';
CREATE UNIQUE INDEX seeker_competencies_certificate_unit_key ON seeker_competencies (certificate_id, unit_code)
    WHERE certificate_id IS NOT NULL;
CREATE UNIQUE INDEX seeker_competencies_enrolment_unit_key ON seeker_competencies (enrolment_id, unit_code)
    WHERE enrolment_id IS NOT NULL;

CREATE TABLE work_experiences (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seeker_id     uuid NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
    employer_name text NOT NULL,
    job_title     text NOT NULL,
    kbji_code     text NOT NULL REFERENCES occupations (code) ON DELETE RESTRICT,
    started_on    date NOT NULL,
    ended_on      date,
    description   text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT work_experiences_dates_check CHECK (ended_on >= started_on),
    CONSTRAINT work_experiences_job_title_not_blank_check CHECK (btrim(job_title) <> '')
);
COMMENT ON TABLE work_experiences IS 'Work history; months per KBJI group feed the ranking. ended_on NULL = current job.';
CREATE INDEX work_experiences_seeker_id_idx ON work_experiences (seeker_id);

CREATE TABLE audit_log (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seeker_id     uuid NOT NULL REFERENCES seekers (id) ON DELETE RESTRICT,
    actor_user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    actor_role    text NOT NULL,
    action        text NOT NULL,
    resource      text NOT NULL,
    purpose       text NOT NULL,
    request_id    text,
    at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT audit_log_actor_role_check CHECK (actor_role IN ('seeker', 'employer', 'blk', 'officer', 'admin')),
    CONSTRAINT audit_log_action_check CHECK (action IN ('read', 'export', 'update', 'erase'))
);
COMMENT ON TABLE audit_log IS 'Every access to a seeker''s personal data by someone other than the seeker (UU 27/2022): who, what, when, why. Append-only.';
COMMENT ON COLUMN audit_log.resource IS 'What was accessed, e.g. seeker_profile, nik, application, data_export.';
COMMENT ON COLUMN audit_log.purpose IS 'Why, e.g. the application or vacancy in whose context the data was read.';
CREATE INDEX audit_log_seeker_id_at_idx ON audit_log (seeker_id, at);
CREATE INDEX audit_log_actor_user_id_at_idx ON audit_log (actor_user_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);
