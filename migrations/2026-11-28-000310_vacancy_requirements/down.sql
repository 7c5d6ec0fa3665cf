ALTER TABLE vacancies DROP COLUMN requirements;
