//! Reference records of the code tables (`competency_units`, `occupations`, `industries`,
//! `vocations`): a code with its titles in Indonesian and English.

use serde::{Deserialize, Serialize};

use crate::codes::{CompetencyUnitCode, KbjiCode, KbliCode};

/// An SKKNI competency unit (unit kompetensi).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompetencyUnit {
    /// SKKNI code.
    pub code: CompetencyUnitCode,
    /// Title in Indonesian, e.g. "Mengelas Pelat dengan Proses Las Busur Manual".
    pub title_id: String,
    /// Title in English.
    pub title_en: String,
    /// Vocation (kejuruan) code, e.g. `las`.
    pub vocation: String,
}

/// A KBJI 2014 occupation (jabatan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occupation {
    /// KBJI code.
    pub code: KbjiCode,
    /// Title in Indonesian, e.g. "Juru Las".
    pub title_id: String,
    /// Title in English, e.g. "Welder".
    pub title_en: String,
}

/// A KBLI 2020 industry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Industry {
    /// KBLI code.
    pub code: KbliCode,
    /// Title in Indonesian.
    pub title_id: String,
    /// Title in English.
    pub title_en: String,
}

impl Industry {
    /// The KBLI category letter A–U.
    pub fn category(&self) -> char {
        self.code.category()
    }
}

/// A vocation (kejuruan) that BLK programmes are grouped by: welding, electrical, heavy
/// equipment, automotive, refrigeration, ICT, hospitality, culinary, garment, construction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vocation {
    /// Short code, e.g. `las`, `listrik`, `alat_berat`.
    pub code: String,
    /// Name in Indonesian, e.g. "Teknik Las".
    pub name_id: String,
    /// Name in English, e.g. "Welding".
    pub name_en: String,
}
