-- The synthetic city of `jembatan bench` (docs/benchmarks.md, Search): job seekers with Zipf-distributed SKKNI-style
-- units, training and certificates (some expired), work experience and profiles, and the vacancies the benchmark
-- queries rank candidates for. Run by `jembatan bench` in one transaction on a migrated database holding the
-- reference data; its parameters are session settings set just before:
--   jembatan.bench_seekers    number of seekers (100000, 1000000)
--   jembatan.bench_vacancies  number of vacancies (the queries; 1000)
--   jembatan.bench_seed       seed of random() in [-1, 1]
--   jembatan.bench_officer    the officer recorded as verifier and author
-- Reproducible: ids are derived from row numbers (md5), every other choice from the seeded random(); parallel
-- query is off so random() is drawn in one order.
--
-- Distributions (a model of a city's register, not data):
-- - 2,000 units; a seeker's units are drawn with P(rank r) ~ 1/r (Zipf, s = 1) by inverting the continuous CDF:
--   r = floor(2001 ^ u). A seeker holds 1 to 13 units, about 6 on average.
-- - Evidence: 50 % declared, 30 % trained at the bench BLK, 20 % on a certificate; a quarter of certificates expired.
-- - 88 % active (1 in 20 of them with an expired card), 7 % placed (40 % open to work), 5 % removed; 92 % consent to
--   be shown to employers; 20 % hold a B1 licence; 40 % have one or two jobs in their history.
-- - Vacancies: half selective (2 to 4 required units from the Zipf tail, 0 to 2 optional), half broad (1 to 3
--   required units from the 50 most common, 1 to 3 optional from the 200 most common); 20 % ask a minimum
--   education, 10 % a certified required unit, 10 % a trained one, 5 % a driving licence.

SET LOCAL max_parallel_workers_per_gather = 0;
SELECT setseed(current_setting('jembatan.bench_seed')::float8);

CREATE TEMP TABLE bench_refs ON COMMIT DROP AS
SELECT current_setting('jembatan.bench_officer')::uuid AS officer,
       current_setting('jembatan.bench_seekers')::int AS seekers,
       current_setting('jembatan.bench_vacancies')::int AS vacancies,
       (now() AT TIME ZONE 'Asia/Makassar')::date AS today,
       (SELECT array_agg(code ORDER BY code) FROM occupations) AS kbji,
       (SELECT array_agg(code ORDER BY code) FROM regions WHERE code LIKE '64.71.__') AS regions,
       ARRAY['sd', 'smp', 'sma', 'sma', 'smk', 'smk', 'smk', 'd3', 's1', 's1'] AS educations,
       ARRAY['las', 'listrik', 'operator', 'alat', 'berat', 'mekanik', 'otomotif', 'perawatan', 'mesin', 'gudang',
             'logistik', 'komputer', 'jaringan', 'akuntansi', 'administrasi', 'kasir', 'penjualan', 'pelayanan',
             'perhotelan', 'boga', 'busana', 'kecantikan', 'pendingin', 'konstruksi', 'bangunan', 'kayu', 'pipa',
             'instalasi', 'tambang', 'minyak', 'gas', 'kimia', 'keselamatan', 'forklift', 'crane', 'excavator',
             'truk', 'pengemudi', 'desain', 'grafis', 'pemrograman', 'web', 'data', 'perkantoran', 'inggris',
             'pelabuhan', 'kapal', 'fabrikasi', 'baja', 'cat', 'keramik', 'elektronika', 'panel', 'surya',
             'hidraulik', 'pneumatik', 'bubut', 'frais', 'cnc', 'teknik'] AS words;

-- Units, ranked 1 (most held) to 2,000 ---------------------------------------------------------------------------
INSERT INTO competency_units (code, title, title_en)
SELECT chr(65 + r % 21) || '.' || (900000 + r / 1000) || '.' || lpad((r % 1000)::text, 3, '0') || '.01',
       initcap(b.words[1 + r % 60] || ' ' || b.words[1 + (r * 7) % 60]) || ' ' || r,
       'Bench unit ' || r
FROM generate_series(1, 2000) AS r, bench_refs b;

CREATE TEMP TABLE bench_units ON COMMIT DROP AS
SELECT r AS rank, chr(65 + r % 21) || '.' || (900000 + r / 1000) || '.' || lpad((r % 1000)::text, 3, '0') || '.01' AS code
FROM generate_series(1, 2000) AS r;
CREATE UNIQUE INDEX ON bench_units (rank);

INSERT INTO training_providers (id, name, kind, region_code)
SELECT md5('bench-blk')::uuid, 'UPTD BLK Bench', 'uptd_blk', b.regions[1] FROM bench_refs b;

-- Employers -----------------------------------------------------------------------------------------------------
INSERT INTO employers (id, name, legal_form, nib, kbli_code, address, region_code, contact_person_name, contact_phone,
                       verification_status, verified_at, verified_by)
SELECT md5('bench-employer-' || e)::uuid, 'PT Bench ' || e, 'pt', '88' || lpad(e::text, 11, '0'),
       (SELECT code FROM industries ORDER BY code OFFSET e % (SELECT count(*) FROM industries) LIMIT 1),
       'Jl. Bench ' || e, b.regions[1 + e % array_length(b.regions, 1)], 'Kontak', '+6281200000000',
       'verified', now(), b.officer
FROM generate_series(1, 50) AS e, bench_refs b;

-- Seekers -------------------------------------------------------------------------------------------------------
CREATE TEMP TABLE g_seekers ON COMMIT DROP AS
SELECT i, md5('bench-seeker-' || i)::uuid AS id, random() AS fate, random() AS consent, random() AS open,
       (1970 + floor(random() * 36))::int AS birth_year,
       b.today - (30 + floor(random() * 700))::int AS registered_on,
       CASE WHEN random() < 0.9 THEN b.today - floor(random() * 365)::int END AS active_on
FROM generate_series(1, (SELECT seekers FROM bench_refs)) AS i, bench_refs b;

INSERT INTO seekers (id, registration_number, nik_hash, nik_ciphertext, nik_masked, full_name, birth_date, birth_year,
                     sex, address, domicile_region_code, education_level, education_major, has_disability,
                     consent_visible_to_employers, consent_recorded_at, registered_on, valid_until, last_reported_on,
                     next_report_due_on, status, removed_reason, open_to_work, driving_licences, profile_summary,
                     last_active_at)
SELECT s.id, 'BENCH-' || s.i, sha256(('bench-nik-' || s.i)::bytea), sha256(('bench-cipher-' || s.i)::bytea),
       '6471********' || lpad((s.i % 10000)::text, 4, '0'), 'Pencari Kerja ' || s.i,
       make_date(s.birth_year, 1 + s.i % 12, 1 + s.i % 28), s.birth_year,
       CASE WHEN s.i % 2 = 0 THEN 'P' ELSE 'L' END, 'Jl. Bench ' || s.i,
       b.regions[1 + s.i % array_length(b.regions, 1)], b.educations[1 + floor(random() * 10)::int],
       b.words[1 + floor(random() * 60)::int], random() < 0.02,
       s.consent < 0.92, s.registered_on::timestamp AT TIME ZONE 'Asia/Makassar', s.registered_on,
       CASE WHEN s.fate < 0.044 THEN b.today - 1 ELSE s.registered_on + 730 END,
       s.registered_on, s.registered_on + 182,
       CASE WHEN s.fate < 0.88 THEN 'active' WHEN s.fate < 0.95 THEN 'placed' ELSE 'removed' END,
       CASE WHEN s.fate >= 0.95 THEN 'tidak lagi mencari kerja' END,
       s.fate < 0.88 OR s.open < 0.4,
       CASE WHEN random() < 0.2 THEN ARRAY['B1'] ELSE '{}'::text[] END,
       (SELECT string_agg(b.words[1 + floor(random() * 60)::int + 0 * w.n], ' ') FROM generate_series(1, 3 + s.i % 6) AS w(n)),
       s.active_on::timestamp AT TIME ZONE 'Asia/Makassar' + interval '10 hours'
FROM g_seekers s, bench_refs b;

-- Units held: Zipf ranks, one row per (seeker, unit) with its evidence.
CREATE TEMP TABLE g_held ON COMMIT DROP AS
SELECT DISTINCT ON (h.seeker_i, h.rank) h.seeker_i, h.seeker_id, h.rank, h.evidence
FROM (
    SELECT s.i AS seeker_i, s.id AS seeker_id,
           LEAST(2000, GREATEST(1, floor(power(2001.0, random()))::int)) AS rank,
           CASE WHEN random() < 0.5 THEN 'declared' WHEN random() < 0.6 THEN 'trained' ELSE 'certified' END AS evidence
    FROM g_seekers s
    CROSS JOIN LATERAL generate_series(1, 1 + floor(power(random(), 1.5) * 13)::int + 0 * s.i) AS k
) h
ORDER BY h.seeker_i, h.rank, h.evidence;

-- One certificate per seeker holding certified units; a quarter issued over three years ago (expired).
CREATE TEMP TABLE g_certificates ON COMMIT DROP AS
SELECT seeker_i, seeker_id, md5('bench-certificate-' || seeker_i)::uuid AS id,
       CASE WHEN random() < 0.25 THEN b.today - 1100 - floor(random() * 300)::int
            ELSE b.today - floor(random() * 1000)::int END AS issued_on
FROM (SELECT DISTINCT seeker_i, seeker_id FROM g_held WHERE evidence = 'certified') c, bench_refs b;

INSERT INTO certificates (id, seeker_id, certificate_number, scheme, issuer, issued_on, valid_until, recorded_by,
                          verified_at, verified_by)
SELECT c.id, c.seeker_id, 'BENCH-' || c.seeker_i, 'Skema Bench', 'LSP Bench', c.issued_on, c.issued_on + 1095,
       b.officer, now(), b.officer
FROM g_certificates c, bench_refs b;

INSERT INTO certificate_units (certificate_id, unit_code)
SELECT md5('bench-certificate-' || h.seeker_i)::uuid, u.code
FROM g_held h JOIN bench_units u USING (rank)
WHERE h.evidence = 'certified';

INSERT INTO seeker_competencies (seeker_id, unit_code, evidence_level, certificate_id, training_provider_id,
                                 recorded_by)
SELECT h.seeker_id, u.code, h.evidence,
       CASE WHEN h.evidence = 'certified' THEN md5('bench-certificate-' || h.seeker_i)::uuid END,
       CASE WHEN h.evidence = 'trained' THEN md5('bench-blk')::uuid END,
       b.officer
FROM g_held h JOIN bench_units u USING (rank), bench_refs b;

-- Work history: 40 % of seekers, one or two jobs.
INSERT INTO work_experiences (seeker_id, employer_name, job_title, kbji_code, started_on, ended_on)
SELECT s.id, 'CV Bench', initcap(b.words[1 + floor(random() * 60)::int]),
       b.kbji[1 + floor(random() * array_length(b.kbji, 1))::int],
       b.today - 400 - floor(random() * 2500)::int - j * 100,
       CASE WHEN random() < 0.7 THEN b.today - 30 - floor(random() * 360)::int - j * 100 END
FROM g_seekers s
CROSS JOIN bench_refs b
CROSS JOIN LATERAL generate_series(1, CASE WHEN s.i % 5 < 2 THEN 1 + s.i % 2 ELSE 0 END) AS j;

-- Vacancies (the queries) --------------------------------------------------------------------------------------
CREATE TEMP TABLE g_vacancies ON COMMIT DROP AS
SELECT v, md5('bench-vacancy-' || v)::uuid AS id, v % 2 = 0 AS selective, random() AS shape,
       md5('bench-employer-' || (1 + v % 50))::uuid AS employer_id
FROM generate_series(1, (SELECT vacancies FROM bench_refs)) AS v;

INSERT INTO vacancies (id, employer_id, title, description, kbji_code, headcount, valid_from, valid_until,
                       min_education, employment_type, wage_min_rupiah, wage_period, region_code, driving_licences,
                       status, reported_at, verified_at, verified_by, published_at, created_by)
SELECT g.id, g.employer_id,
       initcap(b.words[1 + floor(random() * 60)::int] || ' ' || b.words[1 + floor(random() * 60)::int]),
       (SELECT string_agg(b.words[1 + floor(random() * 60)::int + 0 * w.n], ' ') FROM generate_series(1, 6 + g.v % 5) AS w(n)),
       b.kbji[1 + floor(random() * array_length(b.kbji, 1))::int], 1 + g.v % 5, b.today - 10, b.today + 50,
       CASE WHEN g.shape < 0.2 THEN (ARRAY['sma', 'smk', 'd3'])[1 + g.v % 3] END,
       'pkwt', 4200000, 'bulanan', b.regions[1 + g.v % array_length(b.regions, 1)],
       CASE WHEN g.shape > 0.95 THEN ARRAY['B1'] ELSE '{}'::text[] END,
       'open', now(), now(), b.officer, now(), b.officer
FROM g_vacancies g, bench_refs b;

INSERT INTO vacancy_units (vacancy_id, unit_code, requirement, min_evidence_level)
SELECT DISTINCT ON (p.id, p.rank) p.id, u.code, p.requirement,
       CASE WHEN p.requirement = 'required' AND p.k = 1 AND p.shape BETWEEN 0.2 AND 0.3 THEN 'certified'
            WHEN p.requirement = 'required' AND p.k = 1 AND p.shape BETWEEN 0.3 AND 0.4 THEN 'trained' END
FROM (
    SELECT g.id, g.shape, k, 'required' AS requirement,
           CASE WHEN g.selective THEN 200 + floor(random() * 1800)::int ELSE 1 + floor(random() * 50)::int END AS rank
    FROM g_vacancies g
    CROSS JOIN LATERAL generate_series(1, CASE WHEN g.selective THEN 2 + g.v % 3 ELSE 1 + g.v % 3 END) AS k
    UNION ALL
    SELECT g.id, g.shape, 0, 'optional',
           CASE WHEN g.selective THEN 200 + floor(random() * 1800)::int ELSE 1 + floor(random() * 200)::int END
    FROM g_vacancies g
    CROSS JOIN LATERAL generate_series(1, CASE WHEN g.selective THEN g.v % 3 ELSE 1 + (g.v / 2) % 3 END) AS k
) p
JOIN bench_units u USING (rank)
ORDER BY p.id, p.rank, p.requirement DESC, p.k;
