-- Training: providers (BLK), programmes, the SKKNI units they teach, cohorts and enrolments.

CREATE TABLE training_providers (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL,
    kind        text NOT NULL,
    address     text,
    region_code text REFERENCES regions (code) ON DELETE RESTRICT,
    phone       text,
    email       text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT training_providers_name_key UNIQUE (name),
    CONSTRAINT training_providers_name_not_blank_check CHECK (btrim(name) <> ''),
    CONSTRAINT training_providers_kind_check CHECK (kind IN ('uptd_blk', 'bpvp', 'lpk', 'lainnya')),
    CONSTRAINT training_providers_phone_format_check CHECK (phone ~ '^\+62[0-9]{8,13}$'),
    CONSTRAINT training_providers_email_format_check CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$')
);
COMMENT ON TABLE training_providers IS 'Training centres: UPTD BLK (city/provincial Balai Latihan Kerja), BPVP (ministry), LPK (private).';

ALTER TABLE users
    ADD CONSTRAINT users_training_provider_id_fkey FOREIGN KEY (training_provider_id)
        REFERENCES training_providers (id) ON DELETE RESTRICT;

CREATE TABLE training_programmes (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    training_provider_id uuid NOT NULL REFERENCES training_providers (id) ON DELETE RESTRICT,
    name                 text NOT NULL,
    description          text,
    vocation_code        text NOT NULL REFERENCES vocations (code) ON DELETE RESTRICT,
    kbji_code            text REFERENCES occupations (code) ON DELETE RESTRICT,
    duration_hours       integer NOT NULL,
    mode                 text NOT NULL,
    cost_rupiah          bigint NOT NULL DEFAULT 0,
    funding_source       text NOT NULL,
    min_education        text,
    entry_requirements   text,
    archived_at          timestamptz,
    created_by           uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    version              integer NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT training_programmes_name_not_blank_check CHECK (btrim(name) <> ''),
    CONSTRAINT training_programmes_duration_hours_check CHECK (duration_hours > 0),
    CONSTRAINT training_programmes_mode_check CHECK (mode IN ('tatap_muka', 'daring', 'campuran')),
    CONSTRAINT training_programmes_cost_check CHECK (cost_rupiah >= 0),
    CONSTRAINT training_programmes_funding_source_check CHECK (funding_source IN ('apbn', 'apbd', 'swasta', 'mandiri')),
    CONSTRAINT training_programmes_min_education_check CHECK (
        min_education IN ('tidak_sekolah', 'sd', 'smp', 'sma', 'smk', 'd1', 'd2', 'd3', 'd4', 's1', 's2', 's3')
    ),
    CONSTRAINT training_programmes_version_check CHECK (version >= 1)
);
COMMENT ON TABLE training_programmes IS 'Competency-based training programmes (pelatihan berbasis kompetensi) of a provider.';
COMMENT ON COLUMN training_programmes.vocation_code IS 'Kejuruan (vocational field).';
COMMENT ON COLUMN training_programmes.kbji_code IS 'Target occupation, when the programme prepares for one.';
COMMENT ON COLUMN training_programmes.mode IS 'tatap_muka = in person, daring = online, campuran = blended.';
COMMENT ON COLUMN training_programmes.funding_source IS 'apbn = national budget, apbd = regional budget, swasta = company/CSR, mandiri = self-paid.';
COMMENT ON COLUMN training_programmes.entry_requirements IS 'Free-text entry requirements (persyaratan peserta) beyond min_education.';
CREATE INDEX training_programmes_training_provider_id_idx ON training_programmes (training_provider_id);
CREATE INDEX training_programmes_vocation_code_idx ON training_programmes (vocation_code);

CREATE TABLE programme_units (
    programme_id uuid NOT NULL REFERENCES training_programmes (id) ON DELETE CASCADE,
    unit_code    text NOT NULL REFERENCES competency_units (code) ON DELETE RESTRICT,
    PRIMARY KEY (programme_id, unit_code)
);
COMMENT ON TABLE programme_units IS 'SKKNI units a programme teaches; graduating competent records trained evidence for each.';
CREATE INDEX programme_units_unit_code_idx ON programme_units (unit_code);

CREATE TABLE cohorts (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    programme_id           uuid NOT NULL REFERENCES training_programmes (id) ON DELETE RESTRICT,
    name                   text NOT NULL,
    starts_on              date NOT NULL,
    ends_on                date NOT NULL,
    registration_opens_on  date NOT NULL,
    registration_closes_on date NOT NULL,
    quota                  integer NOT NULL,
    accepted_count         integer NOT NULL DEFAULT 0,
    selection_steps        text[] NOT NULL DEFAULT '{}',
    venue                  text,
    status                 text NOT NULL DEFAULT 'planned',
    cancelled_reason       text,
    version                integer NOT NULL DEFAULT 1,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT cohorts_name_not_blank_check CHECK (btrim(name) <> ''),
    CONSTRAINT cohorts_dates_check CHECK (ends_on >= starts_on),
    CONSTRAINT cohorts_registration_window_check CHECK (
        registration_opens_on <= registration_closes_on AND registration_closes_on < starts_on
    ),
    CONSTRAINT cohorts_quota_check CHECK (quota > 0),
    CONSTRAINT cohorts_accepted_count_check CHECK (accepted_count >= 0 AND accepted_count <= quota),
    CONSTRAINT cohorts_selection_steps_check CHECK (
        selection_steps <@ ARRAY['administration', 'written_test', 'interview']::text[]
    ),
    CONSTRAINT cohorts_status_check CHECK (
        status IN ('planned', 'registration_open', 'selection', 'running', 'completed', 'cancelled')
    ),
    CONSTRAINT cohorts_cancelled_reason_check CHECK (status <> 'cancelled' OR cancelled_reason IS NOT NULL),
    CONSTRAINT cohorts_version_check CHECK (version >= 1)
);
COMMENT ON TABLE cohorts IS 'One run (angkatan) of a programme, with its seats (quota) and selection steps.';
COMMENT ON COLUMN cohorts.accepted_count IS 'Enrolments currently accepted, active or graduated; raised with a guarded UPDATE so it never exceeds quota.';
COMMENT ON COLUMN cohorts.selection_steps IS 'Selection steps in order (selection_step enumeration).';
CREATE INDEX cohorts_programme_id_idx ON cohorts (programme_id, starts_on);
-- Gap advice: the nearest upcoming cohort with open registration.
CREATE INDEX cohorts_registration_open_idx ON cohorts (registration_closes_on) WHERE status = 'registration_open';

CREATE TABLE enrolments (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    cohort_id         uuid NOT NULL REFERENCES cohorts (id) ON DELETE RESTRICT,
    seeker_id         uuid NOT NULL REFERENCES seekers (id) ON DELETE RESTRICT,
    status            text NOT NULL DEFAULT 'registered',
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    graduated_on      date,
    version           integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT enrolments_cohort_id_seeker_id_key UNIQUE (cohort_id, seeker_id),
    -- Lets seeker_competencies check that trained evidence points at the seeker's own enrolment.
    CONSTRAINT enrolments_id_seeker_id_key UNIQUE (id, seeker_id),
    CONSTRAINT enrolments_status_check CHECK (
        status IN ('registered', 'passed_administration', 'passed_test', 'accepted', 'active',
                   'graduated_competent', 'graduated_not_competent', 'withdrawn', 'not_selected')
    ),
    CONSTRAINT enrolments_graduated_on_check CHECK (
        (status IN ('graduated_competent', 'graduated_not_competent')) = (graduated_on IS NOT NULL)
    ),
    CONSTRAINT enrolments_version_check CHECK (version >= 1)
);
COMMENT ON TABLE enrolments IS 'A seeker''s place in a cohort, from registration through selection to graduation (kompeten / belum kompeten).';
CREATE INDEX enrolments_seeker_id_idx ON enrolments (seeker_id);
CREATE INDEX enrolments_cohort_id_status_idx ON enrolments (cohort_id, status);
CREATE INDEX enrolments_graduated_on_idx ON enrolments (graduated_on) WHERE graduated_on IS NOT NULL;

CREATE TABLE enrolment_status_changes (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enrolment_id  uuid NOT NULL REFERENCES enrolments (id) ON DELETE RESTRICT,
    from_status   text,
    to_status     text NOT NULL,
    actor_user_id uuid REFERENCES users (id) ON DELETE RESTRICT,
    reason        text,
    at            timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT enrolment_status_changes_from_status_check CHECK (
        from_status IN ('registered', 'passed_administration', 'passed_test', 'accepted', 'active',
                        'graduated_competent', 'graduated_not_competent', 'withdrawn', 'not_selected')
    ),
    CONSTRAINT enrolment_status_changes_to_status_check CHECK (
        to_status IN ('registered', 'passed_administration', 'passed_test', 'accepted', 'active',
                      'graduated_competent', 'graduated_not_competent', 'withdrawn', 'not_selected')
    ),
    CONSTRAINT enrolment_status_changes_moves_check CHECK (from_status IS DISTINCT FROM to_status)
);
COMMENT ON TABLE enrolment_status_changes IS 'Append-only enrolment history (who moved it, when, why). from_status NULL = registration.';
CREATE INDEX enrolment_status_changes_enrolment_id_idx ON enrolment_status_changes (enrolment_id, at);
CREATE INDEX enrolment_status_changes_at_idx ON enrolment_status_changes (at);

ALTER TABLE seeker_competencies
    ADD CONSTRAINT seeker_competencies_training_provider_id_fkey FOREIGN KEY (training_provider_id)
        REFERENCES training_providers (id) ON DELETE RESTRICT,
    ADD CONSTRAINT seeker_competencies_enrolment_seeker_fkey FOREIGN KEY (enrolment_id, seeker_id)
        REFERENCES enrolments (id, seeker_id) ON DELETE RESTRICT;
