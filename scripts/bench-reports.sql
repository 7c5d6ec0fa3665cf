-- Scales a demo database up to a city the size of Balikpapan for the report benchmarks (docs/benchmarks.md):
-- +98,000 seekers (100,000 with the demo's 2,000), +19,850 vacancies (20,000), +29,740 placements (30,002),
-- with their status histories, competencies, applications and graduates, dated January 2024 to November 2026.
-- Run once on a database loaded with `jembatan seed --demo` (it needs the demo officer and the reference tables):
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f scripts/bench-reports.sql
-- Random but reproducible (setseed); rows are coherent enough for the reports (a placement falls inside its
-- vacancy's time on the register and after its seeker's registration), not a model of the labour market.

SELECT setseed(0.2024);

BEGIN;

CREATE TEMP TABLE bench_refs AS
SELECT (SELECT id FROM users WHERE email = 'officer1@demo.jembatan.id') AS officer,
       (SELECT array_agg(code ORDER BY code) FROM occupations) AS kbji,
       (SELECT array_agg(code ORDER BY code) FROM industries) AS kbli,
       (SELECT array_agg(code ORDER BY code) FROM competency_units) AS units,
       ARRAY['64.71.01', '64.71.02', '64.71.03', '64.71.04', '64.71.05', '64.71.06'] AS regions,
       ARRAY['sd', 'smp', 'sma', 'sma', 'smk', 'smk', 'smk', 'd3', 's1', 's1'] AS educations;

-- Employers ---------------------------------------------------------------------------------------------------
CREATE TEMP TABLE g_employers AS
SELECT i, gen_random_uuid() AS id, r.kbli[1 + (i * 7) % array_length(r.kbli, 1)] AS kbli
FROM generate_series(1, 500) AS i, bench_refs r;

INSERT INTO employers (id, name, legal_form, nib, kbli_code, address, region_code, contact_person_name, contact_phone,
                       verification_status, verified_at, verified_by, created_at, updated_at)
SELECT e.id, 'PT Bench ' || e.i, 'pt', '77' || lpad(e.i::text, 11, '0'), e.kbli, 'Jl. Bench ' || e.i,
       r.regions[1 + e.i % 6], 'Kontak', '+6281200000000',
       CASE WHEN e.i % 10 = 0 THEN 'pending' ELSE 'verified' END,
       CASE WHEN e.i % 10 = 0 THEN NULL ELSE timestamptz '2024-01-02 09:00+08' END,
       CASE WHEN e.i % 10 = 0 THEN NULL ELSE r.officer END,
       timestamptz '2024-01-01 09:00+08', timestamptz '2024-01-02 09:00+08'
FROM g_employers e, bench_refs r;

-- Vacancies ---------------------------------------------------------------------------------------------------
CREATE TEMP TABLE g_vacancies AS
SELECT v.*,
       CASE WHEN v.final_at > timestamptz '2026-11-27 12:00+08' THEN NULL ELSE v.final_status END AS status_final,
       LEAST(v.final_at, timestamptz '2026-11-27 12:00+08') AS window_end
FROM (
    SELECT w.*,
           CASE WHEN w.fate < 0.4 THEN 'filled' WHEN w.fate < 0.8 THEN 'expired' ELSE 'closed' END AS final_status,
           CASE WHEN w.fate < 0.4 THEN w.verified_at + (w.fate / 0.4) * interval '50 days'
                WHEN w.fate < 0.8 THEN (w.valid_until + 1)::timestamp AT TIME ZONE 'Asia/Makassar' + interval '10 minutes'
                ELSE w.verified_at + ((w.fate - 0.8) / 0.2) * interval '40 days' END AS final_at
    FROM (
        SELECT u.*, u.reported_at + interval '1 day' AS verified_at,
               ((u.reported_at + interval '1 day') AT TIME ZONE 'Asia/Makassar')::date + 60 AS valid_until
        FROM (
            SELECT i, gen_random_uuid() AS id,
                   (SELECT id FROM g_employers WHERE g_employers.i = 1 + (s.i * 13) % 500) AS employer_id,
                   (SELECT kbli FROM g_employers WHERE g_employers.i = 1 + (s.i * 13) % 500) AS kbli,
                   1 + floor(random() ^ 2 * 10)::int AS headcount,
                   CASE WHEN random() < 0.05 THEN 'L' WHEN random() < 0.03 THEN 'P' END AS sex_requirement,
                   (ARRAY[NULL, 'sma', 'smk', 'd3', 's1'])[1 + floor(random() * 5)::int] AS min_education,
                   floor(random() * 100000)::int AS kbji_pick,
                   floor(random() * 6)::int AS region_pick,
                   timestamptz '2025-01-01 09:00+08'
                       + random() * (timestamptz '2026-11-20 09:00+08' - timestamptz '2025-01-01 09:00+08') AS reported_at,
                   random() AS fate
            FROM generate_series(1, 19850) AS s(i)
        ) u
    ) w
) v;

INSERT INTO vacancies (id, employer_id, title, description, kbji_code, headcount, filled_count, valid_from, valid_until,
                       min_education, employment_type, wage_min_rupiah, wage_period, region_code, sex_requirement,
                       status, reported_at, verified_at, verified_by, published_at, filled_at, closed_at,
                       closed_reason, expired_at, created_by, created_at, updated_at)
SELECT v.id, v.employer_id, 'Lowongan bench ' || v.i, 'Uraian', r.kbji[1 + v.kbji_pick % array_length(r.kbji, 1)],
       v.headcount, CASE WHEN v.status_final = 'filled' THEN v.headcount ELSE 0 END,
       (v.reported_at AT TIME ZONE 'Asia/Makassar')::date, v.valid_until, v.min_education, 'pkwt', 4000000,
       'bulanan', r.regions[1 + v.region_pick], v.sex_requirement, COALESCE(v.status_final, 'open'), v.reported_at,
       v.verified_at, r.officer, v.verified_at + interval '2 hours',
       CASE WHEN v.status_final = 'filled' THEN v.final_at END,
       CASE WHEN v.status_final = 'closed' THEN v.final_at END,
       CASE WHEN v.status_final = 'closed' THEN 'ditutup pemberi kerja' END,
       CASE WHEN v.status_final = 'expired' THEN v.final_at END,
       r.officer, v.reported_at - interval '1 day', v.window_end
FROM g_vacancies v, bench_refs r;

INSERT INTO vacancy_status_changes (vacancy_id, from_status, to_status, actor_user_id, at, headcount, filled_count,
                                    sex_requirement, min_education, kbji_code, kbli_code, region_code)
SELECT v.id, c.from_status, c.to_status, CASE WHEN c.to_status = 'expired' THEN NULL ELSE r.officer END, c.at,
       v.headcount, CASE WHEN c.to_status = 'filled' THEN v.headcount ELSE 0 END, v.sex_requirement, v.min_education,
       r.kbji[1 + v.kbji_pick % array_length(r.kbji, 1)], v.kbli, r.regions[1 + v.region_pick]
FROM g_vacancies v
CROSS JOIN bench_refs r
CROSS JOIN LATERAL (
    VALUES (NULL, 'draft', v.reported_at - interval '1 day'),
           ('draft', 'reported', v.reported_at),
           ('reported', 'verified', v.verified_at),
           ('verified', 'open', v.verified_at + interval '2 hours'),
           ('open', v.status_final, v.final_at)
) AS c(from_status, to_status, at)
WHERE c.to_status IS NOT NULL;

INSERT INTO vacancy_units (vacancy_id, unit_code, requirement)
SELECT DISTINCT v.id, r.units[1 + (v.i * k) % array_length(r.units, 1)], 'required'
FROM g_vacancies v, bench_refs r, generate_series(1, 2) AS k;

-- Placements (decided before the seekers, whose registration precedes their placement) -----------------------
CREATE TEMP TABLE g_placements AS
SELECT k, gen_random_uuid() AS id,
       v.id AS vacancy_id, v.employer_id, v.kbli,
       CASE WHEN v.id IS NOT NULL THEN v.verified_at + random() * (v.window_end - v.verified_at)
            ELSE timestamptz '2024-03-01 09:00+08'
                 + random() * (timestamptz '2026-11-25 09:00+08' - timestamptz '2024-03-01 09:00+08') END AS recorded_at
FROM generate_series(1, 29740) AS k
LEFT JOIN g_vacancies v ON v.i = k AND k <= 19850 AND v.verified_at < v.window_end;

-- Seekers -----------------------------------------------------------------------------------------------------
CREATE TEMP TABLE g_seekers AS
SELECT s.i, gen_random_uuid() AS id,
       CASE WHEN random() < 0.48 THEN 'P' ELSE 'L' END AS sex,
       (1966 + floor(random() * 40))::int AS birth_year,
       floor(random() * 10)::int AS education_pick,
       floor(random() * 6)::int AS region_pick,
       random() < 0.02 AS has_disability,
       COALESCE(p.recorded_at - (5 + random() * 200) * interval '1 day',
                timestamptz '2024-01-01 08:00+08'
                    + random() * (timestamptz '2026-11-25 08:00+08' - timestamptz '2024-01-01 08:00+08')) AS registered_at,
       p.recorded_at AS placed_at,
       random() AS fate
FROM generate_series(1, 98000) AS s(i)
LEFT JOIN g_placements p ON p.k = s.i;

INSERT INTO seekers (id, registration_number, birth_year, sex, domicile_region_code, education_level, has_disability,
                     consent_recorded_at, registered_on, valid_until, last_reported_on, next_report_due_on, status,
                     removed_reason, erased_at, created_at, updated_at)
SELECT s.id, 'BENCH-' || s.i, s.birth_year, s.sex, r.regions[1 + s.region_pick], r.educations[1 + s.education_pick],
       s.has_disability, s.registered_at, (s.registered_at AT TIME ZONE 'Asia/Makassar')::date,
       ((s.registered_at AT TIME ZONE 'Asia/Makassar')::date + interval '24 months')::date,
       (s.registered_at AT TIME ZONE 'Asia/Makassar')::date,
       ((s.registered_at AT TIME ZONE 'Asia/Makassar')::date + interval '6 months')::date,
       CASE WHEN s.placed_at IS NOT NULL THEN 'placed'
            WHEN s.fate < 0.15 AND s.registered_at + interval '60 days' < now() THEN 'removed'
            ELSE 'active' END,
       CASE WHEN s.placed_at IS NULL AND s.fate < 0.15 AND s.registered_at + interval '60 days' < now()
            THEN 'tidak lagi mencari kerja' END,
       now(), s.registered_at, s.registered_at
FROM g_seekers s, bench_refs r;

INSERT INTO seeker_status_changes (seeker_id, from_status, to_status, actor_user_id, at, sex, birth_year,
                                   education_level, domicile_region_code)
SELECT s.id, c.from_status, c.to_status, r.officer, c.at, s.sex, s.birth_year, r.educations[1 + s.education_pick],
       r.regions[1 + s.region_pick]
FROM g_seekers s
CROSS JOIN bench_refs r
CROSS JOIN LATERAL (
    VALUES (NULL, 'active', s.registered_at),
           ('active', CASE WHEN s.placed_at IS NOT NULL THEN 'placed'
                           WHEN s.fate < 0.15 AND s.registered_at + interval '60 days' < now() THEN 'removed' END,
                      COALESCE(s.placed_at, s.registered_at + interval '60 days'))
) AS c(from_status, to_status, at)
WHERE c.to_status IS NOT NULL;

INSERT INTO placements (id, seeker_id, vacancy_id, employer_id, employer_name, kbji_code, kbli_code, start_date,
                        employment_type, wage_rupiah, wage_period, channel, evidence, recorded_by, report_month,
                        created_at, updated_at)
SELECT p.id, s.id, p.vacancy_id, p.employer_id, COALESCE('PT Bench ' || e.i, 'CV Di Luar Sistem'),
       r.kbji[1 + p.k % array_length(r.kbji, 1)], p.kbli, (p.recorded_at AT TIME ZONE 'Asia/Makassar')::date + 1,
       'pkwt', 4200000, 'bulanan', 'counter', 'SK-BENCH-' || p.k, r.officer,
       date_trunc('month', (p.recorded_at AT TIME ZONE 'Asia/Makassar')::date + 1)::date, p.recorded_at, p.recorded_at
FROM g_placements p
JOIN g_seekers s ON s.i = p.k
LEFT JOIN g_employers e ON e.id = p.employer_id
CROSS JOIN bench_refs r;

INSERT INTO placement_followups (placement_id, offset_months, due_on, outcome, recorded_by, recorded_at, left_on)
SELECT d.id, d.m, d.due_on, d.outcome,
       CASE WHEN d.outcome IS NOT NULL THEN r.officer END,
       CASE WHEN d.outcome IS NOT NULL THEN d.due_on + 3 END,
       CASE WHEN d.outcome = 'left' THEN d.due_on - 10 END
FROM (
    SELECT p.id, f.m, (p.start_date + f.m * interval '1 month')::date AS due_on,
           CASE WHEN p.start_date + f.m * interval '1 month' < now() - interval '3 days' THEN
                CASE WHEN random() < 0.8 THEN 'still_employed' ELSE 'left' END END AS outcome
    FROM placements p, (VALUES (3), (6), (12)) AS f(m)
    WHERE p.evidence LIKE 'SK-BENCH-%'
) d, bench_refs r;

-- Competencies: two declared units for half of the seekers --------------------------------------------------------
INSERT INTO seeker_competencies (seeker_id, unit_code, evidence_level, created_at)
SELECT DISTINCT s.id, r.units[1 + (s.i * k * 31) % array_length(r.units, 1)], 'declared', s.registered_at
FROM g_seekers s, bench_refs r, generate_series(1, 2) AS k
WHERE s.i % 2 = 0;

-- Applications: three per vacancy, moving through the pipeline ----------------------------------------------------
CREATE TEMP TABLE g_applications AS
SELECT gen_random_uuid() AS id, v.id AS vacancy_id, s.id AS seeker_id, v.verified_at + interval '3 days' AS applied_at,
       floor(random() * 6)::int AS reached, random() < 0.7 AS rejected_at_end
FROM g_vacancies v
CROSS JOIN generate_series(1, 3) AS k
JOIN g_seekers s ON s.i = 29741 + ((v.i * 3 + k) % 68000)
WHERE v.verified_at + interval '3 days' < now();

INSERT INTO applications (id, vacancy_id, seeker_id, origin, stage, applied_at, rejection_reason, created_at, updated_at)
SELECT a.id, a.vacancy_id, a.seeker_id, 'applied',
       CASE WHEN a.reached = 5 THEN 'hired' WHEN a.rejected_at_end THEN 'rejected'
            ELSE (ARRAY['applied', 'applied', 'screening', 'interview', 'offer'])[1 + a.reached] END,
       a.applied_at,
       CASE WHEN a.reached < 5 AND a.rejected_at_end THEN 'competency_mismatch' END,
       a.applied_at, a.applied_at
FROM g_applications a
ON CONFLICT DO NOTHING;

INSERT INTO application_stage_changes (application_id, from_stage, to_stage, at)
SELECT a.id, c.from_stage, c.to_stage, a.applied_at + c.n * interval '2 days'
FROM g_applications a
JOIN applications stored ON stored.id = a.id
CROSS JOIN LATERAL (
    SELECT n, (ARRAY[NULL, 'applied', 'screening', 'interview', 'offer'])[n] AS from_stage,
           (ARRAY['applied', 'screening', 'interview', 'offer', 'hired'])[n] AS to_stage
    FROM generate_series(1, GREATEST(a.reached, 1)) AS n
) c
UNION ALL
SELECT a.id, (ARRAY['applied', 'applied', 'screening', 'interview', 'offer'])[1 + a.reached], 'rejected',
       a.applied_at + 20 * interval '1 day'
FROM g_applications a
JOIN applications stored ON stored.id = a.id
WHERE a.reached < 5 AND a.rejected_at_end;

-- Training: 100 cohorts of 60 graduates -------------------------------------------------------------------------
CREATE TEMP TABLE g_cohorts AS
SELECT c, gen_random_uuid() AS id, p.id AS programme_id,
       date '2024-01-08' + (c * 9) AS starts_on
FROM generate_series(1, 100) AS c
JOIN LATERAL (SELECT id FROM training_programmes ORDER BY id OFFSET (c % 8) LIMIT 1) p ON true;

INSERT INTO cohorts (id, programme_id, name, starts_on, ends_on, registration_opens_on, registration_closes_on, quota,
                     accepted_count, status)
SELECT id, programme_id, 'Angkatan bench ' || c, starts_on, starts_on + 60, starts_on - 30, starts_on - 1, 60, 60,
       'completed'
FROM g_cohorts;

INSERT INTO enrolments (cohort_id, seeker_id, status, graduated_on)
SELECT c.id, s.id, CASE WHEN random() < 0.9 THEN 'graduated_competent' ELSE 'graduated_not_competent' END,
       c.starts_on + 61
FROM g_cohorts c
JOIN g_seekers s ON s.i BETWEEN (c.c - 1) * 60 + 1 AND c.c * 60
WHERE c.starts_on + 61 < current_date;

COMMIT;

ANALYZE;
