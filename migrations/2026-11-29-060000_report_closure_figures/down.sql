ALTER TABLE report_closures DROP COLUMN figures;
