-- Officers edit training providers with If-Match like every other mutable record: give the table its version.
ALTER TABLE training_providers
    ADD COLUMN version integer NOT NULL DEFAULT 1,
    ADD CONSTRAINT training_providers_version_check CHECK (version >= 1);
