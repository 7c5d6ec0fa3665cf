-- Closing an IPK month keeps the figures as they were at closing, so a later re-run can show that it gives the same
-- numbers (and an officer sees at once if records of a closed month were changed behind the application's back).
ALTER TABLE report_closures
    ADD COLUMN figures jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD CONSTRAINT report_closures_figures_object_check CHECK (jsonb_typeof(figures) = 'object');
ALTER TABLE report_closures ALTER COLUMN figures DROP DEFAULT;
COMMENT ON COLUMN report_closures.figures IS 'The IPK report rows (seekers and vacancies, every breakdown) computed at closing; a re-run is compared with them.';
