-- Plumbing: outboxes written in the same transaction as the change they announce, and report closures.

CREATE TABLE notification_outbox (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient_user_id   uuid REFERENCES users (id) ON DELETE CASCADE,
    recipient_seeker_id uuid REFERENCES seekers (id) ON DELETE CASCADE,
    channel             text NOT NULL,
    kind                text NOT NULL,
    payload             jsonb NOT NULL,
    dedupe_key          text NOT NULL,
    status              text NOT NULL DEFAULT 'pending',
    attempts            integer NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz NOT NULL DEFAULT now(),
    sent_at             timestamptz,
    last_error          text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notification_outbox_dedupe_key_key UNIQUE (dedupe_key),
    CONSTRAINT notification_outbox_recipient_check CHECK (num_nonnulls(recipient_user_id, recipient_seeker_id) = 1),
    CONSTRAINT notification_outbox_channel_check CHECK (channel IN ('email', 'sms')),
    CONSTRAINT notification_outbox_kind_check CHECK (
        kind IN ('application_stage_changed', 'vacancy_match', 'followup_due', 'rereport_due')
    ),
    CONSTRAINT notification_outbox_payload_object_check CHECK (jsonb_typeof(payload) = 'object'),
    CONSTRAINT notification_outbox_status_check CHECK (status IN ('pending', 'sent', 'failed')),
    CONSTRAINT notification_outbox_sent_check CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
    CONSTRAINT notification_outbox_attempts_check CHECK (attempts >= 0)
);
COMMENT ON TABLE notification_outbox IS 'Notifications to deliver, written in the same transaction as the event; a worker sends them with retries and backoff.';
COMMENT ON COLUMN notification_outbox.recipient_seeker_id IS 'For a seeker without a login account (counter registration); the address is looked up at send time, never copied here.';
COMMENT ON COLUMN notification_outbox.payload IS 'Template data; no NIK and no contact details.';
COMMENT ON COLUMN notification_outbox.dedupe_key IS 'Deterministic key of the event (e.g. followup_due:<followup id>) so a restart or retry never sends twice.';
COMMENT ON COLUMN notification_outbox.status IS 'failed = gave up after the last attempt; pending rows are retried at next_attempt_at.';
CREATE INDEX notification_outbox_pending_idx ON notification_outbox (next_attempt_at) WHERE status = 'pending';

CREATE TABLE search_outbox (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_kind text NOT NULL,
    entity_id   uuid NOT NULL,
    txid        xid8 NOT NULL DEFAULT pg_current_xact_id(),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT search_outbox_entity_kind_check CHECK (entity_kind IN ('seeker', 'vacancy'))
);
COMMENT ON TABLE search_outbox IS 'Seekers and vacancies whose search documents must be rebuilt; written in the same transaction as the change.';
COMMENT ON COLUMN search_outbox.txid IS 'Writing transaction id. Ids are assigned before commit, so the indexer only advances its watermark past rows whose txid is below the oldest running transaction (pg_snapshot_xmin(pg_current_snapshot())) and never skips a row that committed late.';

CREATE TABLE report_closures (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    month       date NOT NULL,
    region_code text REFERENCES regions (code) ON DELETE RESTRICT,
    closed_by   uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    closed_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT report_closures_month_region_code_key UNIQUE NULLS NOT DISTINCT (month, region_code),
    CONSTRAINT report_closures_month_check CHECK (EXTRACT(DAY FROM month) = 1)
);
COMMENT ON TABLE report_closures IS 'IPK months closed by an officer, for one kecamatan or (region_code NULL) the whole city.';
COMMENT ON COLUMN report_closures.month IS 'First day of the closed month.';
