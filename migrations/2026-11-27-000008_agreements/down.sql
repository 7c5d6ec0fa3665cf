DROP TABLE agreement_commitments;
DROP TABLE agreement_parties;
DROP TABLE agreements;
