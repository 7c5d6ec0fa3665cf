ALTER TABLE training_providers DROP COLUMN version;
