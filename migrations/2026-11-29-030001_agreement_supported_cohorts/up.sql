-- Training support commitments of an agreement with industry are fulfilled by training cohorts the party
-- supported (instructors, equipment, a workshop): the officer links the cohort, and the people trained in it
-- (enrolments that graduated, competent or not) are counted. The count is never typed in.

CREATE TABLE agreement_supported_cohorts (
    commitment_id uuid NOT NULL REFERENCES agreement_commitments (id) ON DELETE CASCADE,
    cohort_id     uuid NOT NULL REFERENCES cohorts (id) ON DELETE RESTRICT,
    PRIMARY KEY (commitment_id, cohort_id)
);
COMMENT ON TABLE agreement_supported_cohorts IS 'Cohorts a training_support commitment supported; its fulfilment counts their graduates whose cohort ended within the commitment period.';
CREATE INDEX agreement_supported_cohorts_cohort_id_idx ON agreement_supported_cohorts (cohort_id);
