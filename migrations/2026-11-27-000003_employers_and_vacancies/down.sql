DROP TABLE vacancy_status_changes;
DROP TABLE walk_in_sessions;
DROP TABLE vacancy_units;
DROP TABLE vacancies;
ALTER TABLE users DROP CONSTRAINT users_employer_id_fkey;
DROP TABLE employers;
