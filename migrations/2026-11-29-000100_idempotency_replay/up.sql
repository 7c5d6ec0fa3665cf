-- Idempotency-Key replays also return the headers a client acts on (Location, ETag, Content-Type).
ALTER TABLE idempotency_keys
    ADD COLUMN response_headers jsonb,
    ADD CONSTRAINT idempotency_keys_response_headers_object_check CHECK (
        response_headers IS NULL OR jsonb_typeof(response_headers) = 'object'
    );
COMMENT ON COLUMN idempotency_keys.response_headers IS 'Location, ETag and Content-Type of the stored response, replayed with it.';
