DROP TABLE report_closures;
DROP TABLE search_outbox;
DROP TABLE notification_outbox;
