DROP TABLE apprenticeship_progress_reports;
DROP TABLE apprenticeships;
DROP TABLE apprenticeship_programme_units;
DROP TABLE apprenticeship_programmes;
