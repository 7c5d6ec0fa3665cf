-- Hiring: applications and their pipeline history, placements (penempatan) and their follow-ups.

CREATE TABLE applications (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    vacancy_id       uuid NOT NULL REFERENCES vacancies (id) ON DELETE RESTRICT,
    seeker_id        uuid NOT NULL REFERENCES seekers (id) ON DELETE RESTRICT,
    origin           text NOT NULL,
    stage            text NOT NULL,
    stage_changed_at timestamptz NOT NULL DEFAULT now(),
    invited_by       uuid REFERENCES users (id) ON DELETE RESTRICT,
    applied_at       timestamptz,
    cover_note       text,
    rejection_reason text,
    rejection_note   text,
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT applications_vacancy_id_seeker_id_key UNIQUE (vacancy_id, seeker_id),
    -- Lets placements check that they belong to this application's vacancy and seeker.
    CONSTRAINT applications_id_vacancy_id_seeker_id_key UNIQUE (id, vacancy_id, seeker_id),
    CONSTRAINT applications_origin_check CHECK (origin IN ('applied', 'invited')),
    CONSTRAINT applications_stage_check CHECK (
        stage IN ('invited', 'applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')
    ),
    CONSTRAINT applications_invited_stage_check CHECK (stage <> 'invited' OR origin = 'invited'),
    CONSTRAINT applications_invited_by_check CHECK ((origin = 'invited') = (invited_by IS NOT NULL)),
    CONSTRAINT applications_applied_at_check CHECK (
        applied_at IS NOT NULL OR (origin = 'invited' AND stage IN ('invited', 'rejected', 'withdrawn'))
    ),
    CONSTRAINT applications_rejection_reason_check CHECK (
        rejection_reason IN ('competency_mismatch', 'education_mismatch', 'experience_insufficient', 'failed_test',
                             'failed_interview', 'position_filled', 'no_show', 'offer_declined', 'other')
    ),
    CONSTRAINT applications_rejected_check CHECK ((stage = 'rejected') = (rejection_reason IS NOT NULL)),
    CONSTRAINT applications_rejection_note_check CHECK (rejection_reason IS DISTINCT FROM 'other' OR rejection_note IS NOT NULL),
    CONSTRAINT applications_version_check CHECK (version >= 1)
);
COMMENT ON TABLE applications IS 'A seeker''s application to a vacancy (or an employer''s invitation), moving through the hiring pipeline.';
COMMENT ON COLUMN applications.applied_at IS 'When the seeker applied (or accepted an invitation); NULL only for an invitation never taken up.';
COMMENT ON COLUMN applications.rejection_note IS 'Free text, required when rejection_reason = other.';
CREATE INDEX applications_seeker_id_idx ON applications (seeker_id, created_at DESC);
CREATE INDEX applications_vacancy_id_stage_idx ON applications (vacancy_id, stage);

CREATE TABLE application_stage_changes (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES applications (id) ON DELETE RESTRICT,
    from_stage     text,
    to_stage       text NOT NULL,
    actor_user_id  uuid REFERENCES users (id) ON DELETE RESTRICT,
    reason         text,
    at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT application_stage_changes_from_stage_check CHECK (
        from_stage IN ('invited', 'applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')
    ),
    CONSTRAINT application_stage_changes_to_stage_check CHECK (
        to_stage IN ('invited', 'applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')
    ),
    CONSTRAINT application_stage_changes_moves_check CHECK (from_stage IS DISTINCT FROM to_stage)
);
COMMENT ON TABLE application_stage_changes IS 'Append-only pipeline history the seeker sees; selection-rate (fairness) reports are GROUP BYs over it. from_stage NULL = created.';
CREATE INDEX application_stage_changes_application_id_idx ON application_stage_changes (application_id, at);
CREATE INDEX application_stage_changes_at_idx ON application_stage_changes (at);

CREATE TABLE placements (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seeker_id         uuid NOT NULL REFERENCES seekers (id) ON DELETE RESTRICT,
    vacancy_id        uuid REFERENCES vacancies (id) ON DELETE RESTRICT,
    application_id    uuid REFERENCES applications (id) ON DELETE RESTRICT,
    apprenticeship_id uuid REFERENCES apprenticeships (id) ON DELETE RESTRICT,
    employer_id       uuid REFERENCES employers (id) ON DELETE RESTRICT,
    employer_name     text NOT NULL,
    kbji_code         text NOT NULL REFERENCES occupations (code) ON DELETE RESTRICT,
    kbli_code         text REFERENCES industries (code) ON DELETE RESTRICT,
    start_date        date NOT NULL,
    employment_type   text NOT NULL,
    wage_rupiah       bigint,
    wage_period       text,
    channel           text NOT NULL,
    evidence          text,
    recorded_by       uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    report_month      date NOT NULL,
    version           integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT placements_application_id_key UNIQUE (application_id),
    CONSTRAINT placements_apprenticeship_id_key UNIQUE (apprenticeship_id),
    CONSTRAINT placements_vacancy_employer_fkey FOREIGN KEY (vacancy_id, employer_id)
        REFERENCES vacancies (id, employer_id) ON DELETE RESTRICT,
    CONSTRAINT placements_application_fkey FOREIGN KEY (application_id, vacancy_id, seeker_id)
        REFERENCES applications (id, vacancy_id, seeker_id) ON DELETE RESTRICT,
    CONSTRAINT placements_apprenticeship_seeker_fkey FOREIGN KEY (apprenticeship_id, seeker_id)
        REFERENCES apprenticeships (id, seeker_id) ON DELETE RESTRICT,
    CONSTRAINT placements_employer_name_not_blank_check CHECK (btrim(employer_name) <> ''),
    CONSTRAINT placements_vacancy_needs_employer_check CHECK (vacancy_id IS NULL OR employer_id IS NOT NULL),
    CONSTRAINT placements_application_needs_vacancy_check CHECK (application_id IS NULL OR vacancy_id IS NOT NULL),
    CONSTRAINT placements_employment_type_check CHECK (
        employment_type IN ('pkwt', 'pkwtt', 'harian', 'magang', 'paruh_waktu')
    ),
    CONSTRAINT placements_wage_check CHECK (wage_rupiah >= 0 AND (wage_rupiah IS NULL) = (wage_period IS NULL)),
    CONSTRAINT placements_wage_period_check CHECK (wage_period IN ('bulanan', 'harian', 'per_jam')),
    CONSTRAINT placements_channel_check CHECK (
        channel IN ('jembatan', 'job_fair', 'blk_referral', 'direct', 'apprenticeship_hire', 'counter')
    ),
    CONSTRAINT placements_jembatan_channel_check CHECK ((channel = 'jembatan') = (application_id IS NOT NULL)),
    CONSTRAINT placements_apprenticeship_channel_check CHECK (
        (channel = 'apprenticeship_hire') = (apprenticeship_id IS NOT NULL)
    ),
    CONSTRAINT placements_evidence_check CHECK (
        application_id IS NOT NULL OR apprenticeship_id IS NOT NULL OR evidence IS NOT NULL
    ),
    CONSTRAINT placements_report_month_check CHECK (EXTRACT(DAY FROM report_month) = 1),
    CONSTRAINT placements_version_check CHECK (version >= 1)
);
COMMENT ON TABLE placements IS 'Penempatan: a seeker started work. From a hire here, an apprenticeship hire, or recorded by an officer with evidence.';
COMMENT ON COLUMN placements.vacancy_id IS 'NULL for placements that happened outside the system.';
COMMENT ON COLUMN placements.employer_id IS 'NULL when the employer is not registered here; employer_name is always kept.';
COMMENT ON COLUMN placements.kbli_code IS 'Industry of the employer at placement time (IPK industry breakdown).';
COMMENT ON COLUMN placements.channel IS 'jembatan = hired through an application here; counter = recorded at the labour office counter.';
COMMENT ON COLUMN placements.evidence IS 'What proves the placement (e.g. employment letter number); required unless it came from an application or apprenticeship here.';
COMMENT ON COLUMN placements.report_month IS 'First day of the IPK month the placement is counted in.';
CREATE INDEX placements_report_month_idx ON placements (report_month);
CREATE INDEX placements_start_date_idx ON placements (start_date);
CREATE INDEX placements_seeker_id_idx ON placements (seeker_id, start_date);
CREATE INDEX placements_employer_id_idx ON placements (employer_id, start_date) WHERE employer_id IS NOT NULL;
CREATE INDEX placements_vacancy_id_idx ON placements (vacancy_id) WHERE vacancy_id IS NOT NULL;

CREATE TABLE placement_followups (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    placement_id  uuid NOT NULL REFERENCES placements (id) ON DELETE RESTRICT,
    offset_months smallint NOT NULL,
    due_on        date NOT NULL,
    outcome       text,
    left_on       date,
    note          text,
    recorded_by   uuid REFERENCES users (id) ON DELETE RESTRICT,
    recorded_at   timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT placement_followups_placement_id_offset_months_key UNIQUE (placement_id, offset_months),
    CONSTRAINT placement_followups_offset_months_check CHECK (offset_months IN (3, 6, 12)),
    CONSTRAINT placement_followups_outcome_check CHECK (outcome IN ('still_employed', 'left')),
    CONSTRAINT placement_followups_recorded_check CHECK (
        (outcome IS NULL) = (recorded_by IS NULL) AND (outcome IS NULL) = (recorded_at IS NULL)
    ),
    CONSTRAINT placement_followups_left_on_check CHECK ((outcome IS NOT DISTINCT FROM 'left') = (left_on IS NOT NULL))
);
COMMENT ON TABLE placement_followups IS 'Is the person still employed at +3, +6 and +12 months? One row per check, created with the placement; outcome NULL = due.';
CREATE INDEX placement_followups_due_idx ON placement_followups (due_on) WHERE outcome IS NULL;
