-- The search indexer reads the outbox about once a second from its watermark on (`txid >= watermark`); without
-- this index every read would scan the whole table. created_at serves the pruning of old rows.
CREATE INDEX search_outbox_txid_idx ON search_outbox (txid);
CREATE INDEX search_outbox_created_at_idx ON search_outbox (created_at);
