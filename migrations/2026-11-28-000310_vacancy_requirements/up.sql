-- The requirements text of a vacancy (persyaratan: education, competencies, experience in words) is legally
-- required content (Perpres 57/2023) and the domain's vacancy draft has it as its own field, apart from the
-- description; the discrimination check reports positions inside each of the two texts separately.

ALTER TABLE vacancies ADD COLUMN requirements text NOT NULL DEFAULT '';
COMMENT ON COLUMN vacancies.requirements IS 'Requirements in words (persyaratan). The application requires 10 to 5,000 characters; the default only covers rows written by other tools.';
