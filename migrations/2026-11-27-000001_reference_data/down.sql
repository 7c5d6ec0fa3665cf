DROP TABLE search_synonyms;
DROP TABLE industries;
DROP TABLE occupations;
DROP TABLE competency_units;
DROP TABLE vocations;
DROP TABLE regions;
