-- Agreements with industry (nota kesepahaman): parties and commitments. Fulfilment is computed from
-- apprenticeships and placements, never stored.

CREATE TABLE agreements (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agreement_number text,
    title            text NOT NULL,
    description      text,
    signed_on        date,
    valid_from       date,
    valid_until      date,
    status           text NOT NULL DEFAULT 'draft',
    status_reason    text,
    created_by       uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT agreements_agreement_number_key UNIQUE (agreement_number),
    CONSTRAINT agreements_title_not_blank_check CHECK (btrim(title) <> ''),
    CONSTRAINT agreements_status_check CHECK (status IN ('draft', 'active', 'ended', 'terminated')),
    CONSTRAINT agreements_signed_check CHECK (
        status = 'draft' OR (signed_on IS NOT NULL AND valid_from IS NOT NULL AND valid_until IS NOT NULL)
    ),
    CONSTRAINT agreements_term_check CHECK (valid_until >= valid_from),
    CONSTRAINT agreements_terminated_reason_check CHECK (status <> 'terminated' OR status_reason IS NOT NULL),
    CONSTRAINT agreements_version_check CHECK (version >= 1)
);
COMMENT ON TABLE agreements IS 'Nota kesepahaman (MoU) between the labour office and one or more employers.';
COMMENT ON COLUMN agreements.agreement_number IS 'Nomor nota kesepahaman; may be unknown while draft.';
COMMENT ON COLUMN agreements.status_reason IS 'Why the agreement was terminated early.';
CREATE INDEX agreements_status_idx ON agreements (status, valid_until);

CREATE TABLE agreement_parties (
    agreement_id   uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    employer_id    uuid NOT NULL REFERENCES employers (id) ON DELETE RESTRICT,
    signatory_name text,
    PRIMARY KEY (agreement_id, employer_id)
);
COMMENT ON TABLE agreement_parties IS 'Employers that signed an agreement (the labour office is always the other party).';
CREATE INDEX agreement_parties_employer_id_idx ON agreement_parties (employer_id);

CREATE TABLE agreement_commitments (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agreement_id    uuid NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    employer_id     uuid,
    kind            text NOT NULL,
    period_start    date NOT NULL,
    period_end      date NOT NULL,
    target_quantity integer NOT NULL,
    description     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    -- NO ACTION (checked at statement end), so deleting a draft agreement cascades to parties and
    -- commitments together, while removing a party that still has commitments is refused.
    CONSTRAINT agreement_commitments_party_fkey FOREIGN KEY (agreement_id, employer_id)
        REFERENCES agreement_parties (agreement_id, employer_id) ON DELETE NO ACTION,
    CONSTRAINT agreement_commitments_kind_check CHECK (
        kind IN ('apprenticeship_seats', 'placements', 'training_support')
    ),
    CONSTRAINT agreement_commitments_period_check CHECK (period_end >= period_start),
    CONSTRAINT agreement_commitments_target_quantity_check CHECK (target_quantity > 0)
);
COMMENT ON TABLE agreement_commitments IS 'What a party committed to for a period: apprenticeship seats, placements (people hired) or training support (people trained).';
COMMENT ON COLUMN agreement_commitments.employer_id IS 'The committing party; NULL = all parties of the agreement jointly.';
CREATE INDEX agreement_commitments_agreement_id_idx ON agreement_commitments (agreement_id);
