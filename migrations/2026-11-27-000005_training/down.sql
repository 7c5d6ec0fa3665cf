ALTER TABLE seeker_competencies
    DROP CONSTRAINT seeker_competencies_enrolment_seeker_fkey,
    DROP CONSTRAINT seeker_competencies_training_provider_id_fkey;
DROP TABLE enrolment_status_changes;
DROP TABLE enrolments;
DROP TABLE cohorts;
DROP TABLE programme_units;
DROP TABLE training_programmes;
ALTER TABLE users DROP CONSTRAINT users_training_provider_id_fkey;
DROP TABLE training_providers;
