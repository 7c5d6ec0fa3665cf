DROP INDEX search_outbox_created_at_idx;
DROP INDEX search_outbox_txid_idx;
