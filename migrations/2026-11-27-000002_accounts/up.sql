-- Accounts: people who log in, their bearer tokens, login rate limiting, idempotent creates.
-- users.employer_id and users.training_provider_id get their foreign keys in the employers and
-- training migrations, where those tables are created.

CREATE TABLE users (
    id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    role                 text NOT NULL,
    email                text,
    password_hash        text,
    full_name            text,
    phone                text,
    employer_id          uuid,
    training_provider_id uuid,
    last_login_at        timestamptz,
    password_changed_at  timestamptz,
    disabled_at          timestamptz,
    erased_at            timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_role_check CHECK (role IN ('seeker', 'employer', 'blk', 'officer', 'admin')),
    CONSTRAINT users_employer_role_check CHECK ((role = 'employer') = (employer_id IS NOT NULL)),
    CONSTRAINT users_blk_role_check CHECK ((role = 'blk') = (training_provider_id IS NOT NULL)),
    CONSTRAINT users_identity_present_check CHECK (
        erased_at IS NOT NULL OR (email IS NOT NULL AND password_hash IS NOT NULL AND full_name IS NOT NULL)
    ),
    CONSTRAINT users_erased_check CHECK (
        erased_at IS NULL OR num_nonnulls(email, password_hash, full_name, phone) = 0
    ),
    CONSTRAINT users_email_format_check CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' AND char_length(email) <= 254),
    CONSTRAINT users_password_hash_argon2id_check CHECK (password_hash LIKE '$argon2id$%'),
    CONSTRAINT users_phone_format_check CHECK (phone ~ '^\+62[0-9]{8,13}$'),
    CONSTRAINT users_full_name_not_blank_check CHECK (btrim(full_name) <> '')
);
COMMENT ON TABLE users IS 'Login accounts. Role blk = staff of one training provider (BLK/BPVP/LPK); employer = staff of one employer.';
COMMENT ON COLUMN users.password_hash IS 'argon2id PHC string; never anything else.';
COMMENT ON COLUMN users.erased_at IS 'Set when the account is erased on request (UU 27/2022); identifying columns are then NULL.';
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE INDEX users_employer_id_idx ON users (employer_id) WHERE employer_id IS NOT NULL;
CREATE INDEX users_training_provider_id_idx ON users (training_provider_id) WHERE training_provider_id IS NOT NULL;

CREATE TABLE auth_tokens (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT auth_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT auth_tokens_token_hash_length_check CHECK (octet_length(token_hash) = 32),
    CONSTRAINT auth_tokens_expiry_check CHECK (expires_at > created_at)
);
COMMENT ON TABLE auth_tokens IS 'Opaque bearer tokens, stored as SHA-256 of the token; the clear token exists only in the client.';
CREATE INDEX auth_tokens_user_id_idx ON auth_tokens (user_id) WHERE revoked_at IS NULL;

CREATE TABLE login_attempts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        uuid REFERENCES users (id) ON DELETE CASCADE,
    client_address text NOT NULL,
    succeeded      boolean NOT NULL,
    attempted_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE login_attempts IS 'For rate limiting per account and per client address; old rows are pruned.';
COMMENT ON COLUMN login_attempts.user_id IS 'NULL when the submitted email matches no account (the email itself is not stored).';
CREATE INDEX login_attempts_user_id_attempted_at_idx ON login_attempts (user_id, attempted_at) WHERE user_id IS NOT NULL;
CREATE INDEX login_attempts_client_address_attempted_at_idx ON login_attempts (client_address, attempted_at);
CREATE INDEX login_attempts_attempted_at_idx ON login_attempts (attempted_at);

CREATE TABLE idempotency_keys (
    user_id             uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key                 text NOT NULL,
    request_fingerprint bytea NOT NULL,
    response_status     smallint,
    response_body       jsonb,
    created_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key),
    CONSTRAINT idempotency_keys_key_length_check CHECK (char_length(key) BETWEEN 1 AND 255),
    CONSTRAINT idempotency_keys_fingerprint_length_check CHECK (octet_length(request_fingerprint) = 32),
    CONSTRAINT idempotency_keys_response_status_check CHECK (response_status BETWEEN 100 AND 599),
    CONSTRAINT idempotency_keys_response_complete_check CHECK (response_status IS NOT NULL OR response_body IS NULL)
);
COMMENT ON TABLE idempotency_keys IS 'Idempotency-Key header of creating requests: a repeat returns the stored response; same key with another body is rejected.';
COMMENT ON COLUMN idempotency_keys.request_fingerprint IS 'SHA-256 over method, path and body of the first request.';
COMMENT ON COLUMN idempotency_keys.response_status IS 'NULL while the first request is still in flight.';
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
