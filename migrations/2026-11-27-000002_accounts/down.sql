DROP TABLE idempotency_keys;
DROP TABLE login_attempts;
DROP TABLE auth_tokens;
DROP TABLE users;
