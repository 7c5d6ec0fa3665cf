DROP TABLE placement_followups;
DROP TABLE placements;
DROP TABLE application_stage_changes;
DROP TABLE applications;
