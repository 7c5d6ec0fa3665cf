-- Reference data: code tables whose code is the primary key. Rows come from the application
-- (`jembatan seed`, CSV import, officer edits), never from migrations.

CREATE TABLE regions (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    kind        text NOT NULL,
    parent_code text REFERENCES regions (code) ON DELETE RESTRICT,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT regions_code_format_check CHECK (code ~ '^[0-9]{2}\.[0-9]{2}(\.[0-9]{2})?$'),
    CONSTRAINT regions_kind_check CHECK (kind IN ('kota', 'kecamatan')),
    CONSTRAINT regions_parent_check CHECK ((kind = 'kota') = (parent_code IS NULL)),
    CONSTRAINT regions_name_not_blank_check CHECK (btrim(name) <> '')
);
COMMENT ON TABLE regions IS 'Kemendagri regions: the city (kota, e.g. 64.71 Balikpapan) and its kecamatan (districts, e.g. 64.71.01).';
COMMENT ON COLUMN regions.code IS 'Kemendagri code with dots: 2-digit province, 2-digit city, optional 2-digit kecamatan.';

CREATE TABLE vocations (
    code       text PRIMARY KEY,
    name       text NOT NULL,
    name_en    text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT vocations_code_format_check CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
    CONSTRAINT vocations_name_not_blank_check CHECK (btrim(name) <> '')
);
COMMENT ON TABLE vocations IS 'Kejuruan: the vocational fields BLK training is organised by (las, listrik, alat_berat, ...).';
COMMENT ON COLUMN vocations.code IS 'Stable lowercase slug, e.g. las (welding), alat_berat (heavy equipment).';

CREATE TABLE competency_units (
    code          text PRIMARY KEY,
    title         text NOT NULL,
    title_en      text,
    vocation_code text REFERENCES vocations (code) ON DELETE RESTRICT,
    synonyms      text[] NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT competency_units_code_format_check CHECK (code ~ '^[A-U]\.[0-9]{6}\.[0-9]{3}\.[0-9]{2}$'),
    CONSTRAINT competency_units_title_not_blank_check CHECK (btrim(title) <> ''),
    CONSTRAINT competency_units_synonyms_no_nulls_check CHECK (array_position(synonyms, NULL) IS NULL)
);
COMMENT ON TABLE competency_units IS 'SKKNI unit kompetensi (national competency standard units), the vocabulary of matching.';
COMMENT ON COLUMN competency_units.code IS 'KBLI category letter . 6-digit KBLI-based area . 3-digit serial . 2-digit version, e.g. J.620100.005.02.';
COMMENT ON COLUMN competency_units.title IS 'Official title in Bahasa Indonesia.';
COMMENT ON COLUMN competency_units.synonyms IS 'Extra search words for this unit (e.g. welder, las listrik).';
CREATE INDEX competency_units_vocation_code_idx ON competency_units (vocation_code);
-- Search-as-you-type by code prefix and by title prefix (about 2,000 rows: no trigram extension needed).
CREATE INDEX competency_units_code_prefix_idx ON competency_units (code text_pattern_ops);
CREATE INDEX competency_units_title_prefix_idx ON competency_units (lower(title) text_pattern_ops);

CREATE TABLE occupations (
    code       text PRIMARY KEY,
    title      text NOT NULL,
    title_en   text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT occupations_code_format_check CHECK (code ~ '^[0-9]{4}\.[0-9]{2}$'),
    CONSTRAINT occupations_title_not_blank_check CHECK (btrim(title) <> '')
);
COMMENT ON TABLE occupations IS 'KBJI 2014 jabatan (occupations): ISCO-08 unit group plus a 2-digit jabatan, e.g. 7212.01.';
COMMENT ON COLUMN occupations.code IS 'First digit = major group (IPK breakdown), first four = ISCO-08 unit group.';
CREATE INDEX occupations_code_prefix_idx ON occupations (code text_pattern_ops);
CREATE INDEX occupations_title_prefix_idx ON occupations (lower(title) text_pattern_ops);

CREATE TABLE industries (
    code       text PRIMARY KEY,
    category   text NOT NULL,
    title      text NOT NULL,
    title_en   text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT industries_code_format_check CHECK (code ~ '^[0-9]{5}$'),
    CONSTRAINT industries_category_check CHECK (category ~ '^[A-U]$'),
    CONSTRAINT industries_title_not_blank_check CHECK (btrim(title) <> '')
);
COMMENT ON TABLE industries IS 'KBLI 2020 industry classification, 5-digit codes.';
COMMENT ON COLUMN industries.category IS 'KBLI category letter A-U (B mining, C manufacturing, F construction, ...); not derivable from the digits alone.';
CREATE INDEX industries_category_idx ON industries (category);
CREATE INDEX industries_title_prefix_idx ON industries (lower(title) text_pattern_ops);

CREATE TABLE search_synonyms (
    term       text PRIMARY KEY,
    canonical  text NOT NULL REFERENCES search_synonyms (term) ON DELETE RESTRICT,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT search_synonyms_term_normalised_check CHECK (term = lower(btrim(term)) AND term <> ''),
    CONSTRAINT search_synonyms_canonical_normalised_check CHECK (canonical = lower(btrim(canonical)))
);
COMMENT ON TABLE search_synonyms IS 'Officer-editable synonym groups for the search analyzer: every term pointing to the same canonical term is one group (las, pengelasan, welding, welder -> las).';
COMMENT ON COLUMN search_synonyms.canonical IS 'Head term of the group; the head row points to itself.';
CREATE INDEX search_synonyms_canonical_idx ON search_synonyms (canonical);
