//! The fixed vocabulary of the labour-office reports: the IPK age groups, the fairness age bands, the KBJI major
//! groups and KBLI categories with their names, and the thresholds the reports judge against (the city's 90%
//! absorption target, the four-fifths rule). The figures themselves are SQL aggregates in the API crate; this
//! module only says how a group is named and when a number is flagged, so the rules are tested without a database.

/// A report group: its stable code (a column value in every export) and its labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportGroup {
    /// Stable code, e.g. `20_29`, `7`, `F`.
    pub code: &'static str,
    /// Label in Bahasa Indonesia.
    pub label_id: &'static str,
    /// Label in English.
    pub label_en: &'static str,
}

const fn group(code: &'static str, label_id: &'static str, label_en: &'static str) -> ReportGroup {
    ReportGroup {
        code,
        label_id,
        label_en,
    }
}

/// An age group: its report group and the highest age in it (`None` = no upper limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeGroup {
    pub group: ReportGroup,
    pub max_age: Option<i32>,
}

const fn ages(
    code: &'static str,
    label_id: &'static str,
    label_en: &'static str,
    max_age: Option<i32>,
) -> AgeGroup {
    AgeGroup {
        group: group(code, label_id, label_en),
        max_age,
    }
}

/// Age groups of the monthly IPK tables (to confirm against the Kemnaker IPK form in force), youngest first. The
/// age is the calendar year of the registration minus the birth year, the only age the anonymised statistics keep;
/// ages under 15 (which cannot register) fall in the first group.
pub const IPK_AGE_GROUPS: &[AgeGroup] = &[
    ages("15_19", "15-19 tahun", "15-19 years", Some(19)),
    ages("20_29", "20-29 tahun", "20-29 years", Some(29)),
    ages("30_44", "30-44 tahun", "30-44 years", Some(44)),
    ages("45_54", "45-54 tahun", "45-54 years", Some(54)),
    ages("55_plus", "55 tahun ke atas", "55 years and over", None),
];

/// Age bands of the pipeline fairness report (age at application: year applied minus birth year), youngest first.
pub const FAIRNESS_AGE_BANDS: &[AgeGroup] = &[
    ages("18_24", "18-24 tahun", "18-24 years", Some(24)),
    ages("25_34", "25-34 tahun", "25-34 years", Some(34)),
    ages("35_44", "35-44 tahun", "35-44 years", Some(44)),
    ages("45_plus", "45 tahun ke atas", "45 years and over", None),
];

/// The code of the group of `groups` that `age` falls in (the last group when it is older than every limit).
pub fn age_group_of(groups: &[AgeGroup], age: i32) -> &'static str {
    groups
        .iter()
        .find(|candidate| candidate.max_age.is_none_or(|max| age <= max))
        .or(groups.last())
        .map_or("", |found| found.group.code)
}

/// KBJI 2014 major groups (golongan pokok, the first digit; ISCO-08 major groups).
pub const KBJI_MAJOR_GROUPS: &[ReportGroup] = &[
    group("0", "TNI dan Polri", "Armed forces occupations"),
    group("1", "Manajer", "Managers"),
    group("2", "Profesional", "Professionals"),
    group(
        "3",
        "Teknisi dan asisten profesional",
        "Technicians and associate professionals",
    ),
    group("4", "Tenaga tata usaha", "Clerical support workers"),
    group(
        "5",
        "Tenaga usaha jasa dan tenaga penjualan",
        "Service and sales workers",
    ),
    group(
        "6",
        "Pekerja terampil pertanian, kehutanan dan perikanan",
        "Skilled agricultural, forestry and fishery workers",
    ),
    group(
        "7",
        "Pekerja pengolahan, kerajinan dan YBDI",
        "Craft and related trades workers",
    ),
    group(
        "8",
        "Operator dan perakit mesin",
        "Plant and machine operators and assemblers",
    ),
    group(
        "9",
        "Pekerja kasar, tenaga kebersihan dan YBDI",
        "Elementary occupations",
    ),
];

/// KBLI 2020 categories (kategori A-U).
pub const KBLI_CATEGORIES: &[ReportGroup] = &[
    group(
        "A",
        "Pertanian, kehutanan dan perikanan",
        "Agriculture, forestry and fishing",
    ),
    group("B", "Pertambangan dan penggalian", "Mining and quarrying"),
    group("C", "Industri pengolahan", "Manufacturing"),
    group(
        "D",
        "Pengadaan listrik, gas, uap/air panas dan udara dingin",
        "Electricity, gas, steam and air conditioning supply",
    ),
    group(
        "E",
        "Pengelolaan air, air limbah, daur ulang sampah dan remediasi",
        "Water supply, sewerage, waste management and remediation",
    ),
    group("F", "Konstruksi", "Construction"),
    group(
        "G",
        "Perdagangan besar dan eceran; reparasi mobil dan sepeda motor",
        "Wholesale and retail trade; repair of motor vehicles",
    ),
    group(
        "H",
        "Pengangkutan dan pergudangan",
        "Transportation and storage",
    ),
    group(
        "I",
        "Penyediaan akomodasi dan makan minum",
        "Accommodation and food service activities",
    ),
    group(
        "J",
        "Informasi dan komunikasi",
        "Information and communication",
    ),
    group(
        "K",
        "Aktivitas keuangan dan asuransi",
        "Financial and insurance activities",
    ),
    group("L", "Real estat", "Real estate activities"),
    group(
        "M",
        "Aktivitas profesional, ilmiah dan teknis",
        "Professional, scientific and technical activities",
    ),
    group(
        "N",
        "Aktivitas penyewaan, ketenagakerjaan, agen perjalanan dan penunjang usaha",
        "Administrative and support service activities",
    ),
    group(
        "O",
        "Administrasi pemerintahan, pertahanan dan jaminan sosial wajib",
        "Public administration and defence; compulsory social security",
    ),
    group("P", "Pendidikan", "Education"),
    group(
        "Q",
        "Aktivitas kesehatan manusia dan aktivitas sosial",
        "Human health and social work activities",
    ),
    group(
        "R",
        "Kesenian, hiburan dan rekreasi",
        "Arts, entertainment and recreation",
    ),
    group("S", "Aktivitas jasa lainnya", "Other service activities"),
    group(
        "T",
        "Aktivitas rumah tangga sebagai pemberi kerja",
        "Activities of households as employers",
    ),
    group(
        "U",
        "Aktivitas badan internasional dan ekstra internasional",
        "Activities of extraterritorial organisations",
    ),
];

/// The city's target share of BLK graduates absorbed into work (Balikpapan: 90%).
pub const ABSORPTION_TARGET: f64 = 0.90;

/// The four-fifths rule: a group whose selection rate is below this share of the highest group's rate at the same
/// stage is flagged for an officer to look at (a signal, never a verdict, and never used in ranking).
pub const FOUR_FIFTHS: f64 = 0.8;

/// Days after the last valid day of a vacancy within which the employer must report how it was filled (to
/// confirm against Perpres 57/2023 and its Permenaker): a vacancy that reached this day without being reported
/// filled or withdrawn counts as an overdue fill report.
pub const FILL_REPORT_DUE_DAYS: i64 = 30;

/// `part / whole`, or `None` when `whole` is zero (a rate over nobody is not zero, it is unknown).
pub fn rate(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The impact ratio of a group's selection rate against the highest rate at the same stage, and whether it is
/// below four fifths. `None` when either rate is unknown or the highest rate is zero (nobody was selected).
pub fn impact_ratio(group_rate: Option<f64>, highest_rate: Option<f64>) -> Option<(f64, bool)> {
    let (group_rate, highest_rate) = (group_rate?, highest_rate?);
    if highest_rate <= 0.0 {
        return None;
    }
    let ratio = group_rate / highest_rate;
    // A tolerance for the rounding of the division: 0.6 / 0.75 is exactly four fifths, not 0.7999….
    Some((ratio, ratio < FOUR_FIFTHS - 1e-9))
}

/// How many more graduates must be placed to reach the absorption target (0 when it is met).
pub fn absorption_shortfall(graduates: i64, placed: i64) -> i64 {
    // Whole people: ceil(0.9 × graduates) computed in integers (9 × graduates / 10, rounded up).
    let needed = (graduates * 9 + 9) / 10;
    (needed - placed).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_fall_into_the_ipk_groups_at_their_edges() {
        let ipk = |age| age_group_of(IPK_AGE_GROUPS, age);
        assert_eq!(ipk(12), "15_19");
        assert_eq!(ipk(18), "15_19");
        assert_eq!(ipk(19), "15_19");
        assert_eq!(ipk(20), "20_29");
        assert_eq!(ipk(44), "30_44");
        assert_eq!(ipk(45), "45_54");
        assert_eq!(ipk(55), "55_plus");
        assert_eq!(ipk(90), "55_plus");
    }

    #[test]
    fn fairness_bands_cover_every_age() {
        for age in 15..90 {
            let band = age_group_of(FAIRNESS_AGE_BANDS, age);
            assert!(
                FAIRNESS_AGE_BANDS
                    .iter()
                    .any(|band_group| band_group.group.code == band)
            );
        }
        assert_eq!(age_group_of(FAIRNESS_AGE_BANDS, 24), "18_24");
        assert_eq!(age_group_of(FAIRNESS_AGE_BANDS, 25), "25_34");
    }

    #[test]
    fn there_are_ten_kbji_major_groups_and_twenty_one_kbli_categories() {
        assert_eq!(KBJI_MAJOR_GROUPS.len(), 10);
        assert_eq!(KBLI_CATEGORIES.len(), 21);
        let letters: String = KBLI_CATEGORIES.iter().map(|group| group.code).collect();
        assert_eq!(letters, "ABCDEFGHIJKLMNOPQRSTU");
    }

    #[test]
    fn a_rate_over_nobody_is_unknown_not_zero() {
        assert_eq!(rate(3, 0), None);
        assert_eq!(rate(3, 4), Some(0.75));
    }

    #[test]
    fn a_group_below_four_fifths_of_the_best_rate_is_flagged() {
        let (ratio, flagged) = impact_ratio(Some(0.3), Some(0.5)).expect("both rates known");
        assert!((ratio - 0.6).abs() < 1e-9);
        assert!(flagged);
        let (ratio, flagged) = impact_ratio(Some(0.4), Some(0.5)).expect("both rates known");
        assert!((ratio - 0.8).abs() < 1e-9);
        assert!(!flagged, "exactly four fifths passes");
        let (_, flagged) = impact_ratio(Some(0.6), Some(0.75)).expect("both rates known");
        assert!(!flagged, "0.6 / 0.75 is four fifths even in floating point");
        assert_eq!(impact_ratio(Some(0.0), Some(0.0)), None);
        assert_eq!(impact_ratio(None, Some(0.5)), None);
    }

    #[test]
    fn the_shortfall_counts_whole_people_to_ninety_percent() {
        assert_eq!(absorption_shortfall(10, 9), 0);
        assert_eq!(absorption_shortfall(10, 7), 2);
        assert_eq!(
            absorption_shortfall(11, 9),
            1,
            "90% of 11 is 9.9, so 10 people"
        );
        assert_eq!(absorption_shortfall(0, 0), 0);
        assert_eq!(absorption_shortfall(4, 6), 0);
    }
}
