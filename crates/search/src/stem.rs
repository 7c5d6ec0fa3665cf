//! A rule-based Indonesian stemmer for search, after Tala's Porter-style stemmer (2003) with the recoding rules of
//! Nazief and Adriani, and a small list of known roots of the job domain to choose between recodings.
//!
//! It removes, in this order: the possessive `-nya` (and, when that leads to a known root, the particles `-lah`,
//! `-kah`, `-tah`, `-pun` and the possessives `-ku`, `-mu`); up to two derivational prefixes (`meN-`, `peN-`,
//! `di-`, `ter-`, `ke-` ... `-an`, `ber-`, `per-`, `pe-`, with the nasal recoding `menulis` → `tulis`,
//! `memasang` → `pasang`, `menyapu` → `sapu`, and `menge-`/`penge-` before one-syllable roots: `mengelas`,
//! `pengelasan` → `las`); then one derivational suffix (`-kan`, `-an`, `-i`, never `-i` after `s` so that loanwords
//! such as `operasi` and `instalasi` stay whole). Tala's forbidden prefix–suffix pairs (`ke-…-kan`, `ke-…-i`,
//! `ber-…-i`, `di-…-an`, `me-…-an`, `te-…-an`) are respected, and nothing is cut to below two syllables.
//!
//! Without a full dictionary some words are over- or under-stemmed (`karyawan` → `karyaw`). That is harmless for
//! search because indexing and querying use the same function; the root list fixes the cases that would merge
//! unrelated words or split related ones in the job domain.

/// Stems one folded, lowercase word. Words with digits or other characters, and words under four letters, are
/// returned unchanged.
pub fn stem(word: &str) -> String {
    if word.len() < 4 || !word.bytes().all(|byte| byte.is_ascii_lowercase()) || is_root(word) {
        return word.to_string();
    }
    let mut candidates: Vec<&str> = Vec::with_capacity(6);
    let without_nya = strip_if(word, "nya", 2);
    if let Some(stripped) = without_nya {
        candidates.push(stripped);
    }
    candidates.push(word);
    for (suffix, min_syllables) in [
        ("lah", 2),
        ("kah", 2),
        ("tah", 2),
        ("pun", 2),
        ("ku", 2),
        ("mu", 2),
    ] {
        if let Some(stripped) = strip_if(word, suffix, min_syllables) {
            candidates.push(stripped);
        }
    }
    // The first candidate (`-nya` removed when possible) is the default; the others only win with a known root.
    let default = derive(candidates[0]);
    if is_root(&default) {
        return default;
    }
    for candidate in &candidates[1..] {
        let derived = derive(candidate);
        if is_root(&derived) {
            return derived;
        }
    }
    default
}

/// Kinds of derivational prefix, for the forbidden prefix–suffix pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prefix {
    /// me-, meN-, pe-, peN-, per-
    MeOrPe,
    /// menge-, penge- before a one-syllable root.
    Menge,
    Di,
    Ter,
    /// ke- (only as the confix ke-…-an)
    Ke,
    Ber,
}

/// Removes prefixes (choosing recodings by the root list) and then one suffix.
fn derive(word: &str) -> String {
    if is_root(word) {
        return word.to_string();
    }
    let mut current = word.to_string();
    let mut first_prefix: Option<Prefix> = None;
    for _ in 0..2 {
        let options = prefix_options(&current);
        if options.is_empty() {
            break;
        }
        if let Some(root) = options
            .iter()
            .find_map(|(rest, prefix)| known_form(rest, first_prefix.unwrap_or(*prefix)))
        {
            return root;
        }
        let Some((rest, prefix)) = options
            .into_iter()
            .find(|(rest, prefix)| acceptable(rest, *prefix))
        else {
            break;
        };
        first_prefix.get_or_insert(prefix);
        current = rest;
    }
    strip_suffix(&current, first_prefix)
}

/// `rest` itself or with one suffix removed, when that is a known root.
fn known_form(rest: &str, prefix: Prefix) -> Option<String> {
    if is_root(rest) {
        return Some(rest.to_string());
    }
    suffix_options_keeping(rest, Some(prefix), 1)
        .into_iter()
        .find(|candidate| is_root(candidate))
        .map(str::to_string)
}

/// Whether removing a prefix may leave `rest`: at least two syllables, or one after `menge-`/`penge-`.
fn acceptable(rest: &str, prefix: Prefix) -> bool {
    match prefix {
        Prefix::Menge => {
            let core = suffix_options(rest, Some(prefix))
                .into_iter()
                .next()
                .unwrap_or(rest);
            syllables(core) == 1
        }
        Prefix::Ke => rest.ends_with("an") && syllables(&rest[..rest.len() - 2]) >= 2,
        _ => syllables(rest) >= 2,
    }
}

/// The ways a prefix can be removed from `word`, most likely first; empty when it has none.
fn prefix_options(word: &str) -> Vec<(String, Prefix)> {
    let bytes = word.as_bytes();
    let at = |index: usize| bytes.get(index).copied().unwrap_or(b'-');
    let rest = |from: usize| word[from.min(word.len())..].to_string();
    let recode = |letter: char, from: usize| format!("{letter}{}", &word[from.min(word.len())..]);
    let mut options = Vec::new();

    for (nasal, kind) in [("me", Prefix::MeOrPe), ("pe", Prefix::MeOrPe)] {
        if !word.starts_with(nasal) {
            continue;
        }
        // menge-/penge- + one-syllable root: mengelas, pengelasan, mengecat.
        if word[2..].starts_with("nge") && !is_vowel(at(5)) {
            options.push((rest(5), Prefix::Menge));
        }
        if word[2..].starts_with("ny") && is_vowel(at(4)) {
            options.push((recode('s', 4), kind));
        } else if word[2..].starts_with("ng") {
            if is_vowel(at(4)) {
                options.push((rest(4), kind));
                options.push((recode('k', 4), kind));
            } else if matches!(at(4), b'g' | b'h' | b'k') {
                options.push((rest(4), kind));
            }
        } else if word[2..].starts_with('m') {
            if matches!(at(3), b'b' | b'f' | b'p' | b'v') {
                options.push((rest(3), kind));
            } else if is_vowel(at(3)) {
                options.push((recode('p', 3), kind));
                options.push((recode('m', 3), kind));
            }
        } else if word[2..].starts_with('n') {
            if matches!(at(3), b'c' | b'd' | b'j' | b's' | b't' | b'z') {
                options.push((rest(3), kind));
            } else if is_vowel(at(3)) {
                options.push((recode('t', 3), kind));
                options.push((recode('n', 3), kind));
            }
        } else if matches!(at(2), b'l' | b'r' | b'w' | b'y') {
            // melayani, merakit; pelatihan, perawat (pe- + rawat) before per- + awat.
            options.push((rest(2), kind));
            if nasal == "pe" && at(2) == b'r' {
                options.push((rest(3), kind));
            }
        } else if nasal == "pe" && !is_vowel(at(2)) {
            // pekerja, petugas, pedagang.
            options.push((rest(2), kind));
        }
    }
    if word.starts_with("ber") {
        options.push((rest(3), Prefix::Ber));
        if is_vowel(at(3)) {
            options.push((rest(2), Prefix::Ber));
        }
    } else if word.starts_with("bel") && word[3..].starts_with("ajar") {
        options.push((rest(3), Prefix::Ber));
    } else if word.starts_with("be") && word[2..].starts_with("kerja") {
        options.push((rest(2), Prefix::Ber));
    }
    if word.starts_with("di") {
        options.push((rest(2), Prefix::Di));
    }
    if word.starts_with("ter") {
        options.push((rest(3), Prefix::Ter));
    }
    if word.starts_with("ke") {
        options.push((rest(2), Prefix::Ke));
    }
    options
}

/// `word` with one derivational suffix removed, in order of preference (`-kan`, `-an`, `-i`), as allowed after
/// `prefix` and keeping at least two syllables (one after `menge-`).
fn suffix_options(word: &str, prefix: Option<Prefix>) -> Vec<&str> {
    let min_syllables = if prefix == Some(Prefix::Menge) { 1 } else { 2 };
    suffix_options_keeping(word, prefix, min_syllables)
}

/// As [`suffix_options`], keeping at least `min_syllables` (1 when the result is checked against the roots).
fn suffix_options_keeping(word: &str, prefix: Option<Prefix>, min_syllables: usize) -> Vec<&str> {
    let mut options = Vec::new();
    let allowed = |suffix: &str| {
        !matches!(
            (prefix, suffix),
            (Some(Prefix::Ke), "kan" | "i")
                | (Some(Prefix::Ber), "i")
                | (Some(Prefix::Di), "an")
                | (Some(Prefix::Ter), "an")
        )
    };
    for suffix in ["kan", "an", "i"] {
        if !allowed(suffix) {
            continue;
        }
        let Some(stripped) = word.strip_suffix(suffix) else {
            continue;
        };
        if suffix == "i" && stripped.ends_with('s') {
            continue;
        }
        if syllables(stripped) >= min_syllables {
            options.push(stripped);
        }
    }
    options
}

/// Removes the preferred suffix, if any.
fn strip_suffix(word: &str, prefix: Option<Prefix>) -> String {
    suffix_options(word, prefix)
        .into_iter()
        .next()
        .unwrap_or(word)
        .to_string()
}

/// `word` without `suffix` when at least `min_syllables` remain.
fn strip_if<'a>(word: &'a str, suffix: &str, min_syllables: usize) -> Option<&'a str> {
    word.strip_suffix(suffix)
        .filter(|stripped| syllables(stripped) >= min_syllables)
}

fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Number of vowel groups: a good enough syllable count for Indonesian spelling.
fn syllables(word: &str) -> usize {
    let mut count = 0;
    let mut previous_vowel = false;
    for byte in word.bytes() {
        let vowel = is_vowel(byte);
        if vowel && !previous_vowel {
            count += 1;
        }
        previous_vowel = vowel;
    }
    count
}

fn is_root(word: &str) -> bool {
    ROOTS.binary_search(&word).is_ok()
}

/// Known roots (and whole words that must not be cut) of the job domain, sorted. A word in this list is never
/// stemmed further, and a recoding that leads to one of them is preferred.
const ROOTS: &[&str] = &[
    "administrasi",
    "ajar",
    "alam",
    "ambil",
    "analisis",
    "angkat",
    "angkut",
    "antar",
    "atur",
    "awas",
    "bagi",
    "baik",
    "bangun",
    "bantu",
    "bawa",
    "bayar",
    "beban",
    "bekal",
    "bengkel",
    "bentuk",
    "berat",
    "beri",
    "bersih",
    "besi",
    "betul",
    "bidang",
    "bor",
    "buat",
    "buka",
    "bulan",
    "cat",
    "cetak",
    "cuci",
    "dagang",
    "data",
    "desain",
    "didik",
    "digital",
    "dinas",
    "disiplin",
    "dokumen",
    "edukasi",
    "elektronik",
    "erti",
    "evaluasi",
    "gaji",
    "gali",
    "gambar",
    "ganti",
    "gerak",
    "guna",
    "hadir",
    "hitung",
    "hubung",
    "identifikasi",
    "informasi",
    "ingat",
    "instalasi",
    "isi",
    "jadi",
    "jahit",
    "jalan",
    "jaring",
    "jual",
    "kantor",
    "kelas",
    "kelola",
    "kembang",
    "kemudi",
    "kenal",
    "kendali",
    "kendara",
    "kendaraan",
    "kerja",
    "kira",
    "kirim",
    "komunikasi",
    "konstruksi",
    "kontrol",
    "koordinasi",
    "kualifikasi",
    "kuasa",
    "kumpul",
    "kunci",
    "las",
    "latih",
    "layan",
    "lindung",
    "listrik",
    "lulus",
    "makan",
    "manfaat",
    "masak",
    "masalah",
    "mesin",
    "minum",
    "muat",
    "nikah",
    "nilai",
    "olah",
    "operasi",
    "pahat",
    "pakai",
    "pantau",
    "pasang",
    "pasar",
    "pelihara",
    "peluang",
    "pengaruh",
    "perlu",
    "pesan",
    "pikir",
    "pimpin",
    "pindah",
    "pipa",
    "potong",
    "produksi",
    "program",
    "proses",
    "rakit",
    "rancang",
    "rawat",
    "rekam",
    "sadar",
    "sambung",
    "sehat",
    "sekolah",
    "selamat",
    "selesai",
    "serta",
    "sertifikasi",
    "sertifikat",
    "siap",
    "sikap",
    "simpan",
    "susun",
    "tahu",
    "tanam",
    "tangan",
    "tata",
    "teknik",
    "teliti",
    "terampil",
    "terima",
    "terminal",
    "tertib",
    "tugas",
    "tukang",
    "tulis",
    "tunjuk",
    "uji",
    "ukur",
    "ulang",
    "urus",
    "usaha",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(pairs: &[(&str, &str)]) {
        for (word, expected) in pairs {
            assert_eq!(stem(word), *expected, "stem of {word}");
        }
    }

    #[test]
    fn the_root_list_is_sorted_so_binary_search_finds_every_entry() {
        assert!(ROOTS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn men_and_pen_prefixes_are_removed_with_their_recoding() {
        check(&[
            ("menulis", "tulis"),
            ("memasang", "pasang"),
            ("pemasangan", "pasang"),
            ("menyusun", "susun"),
            ("penyusunan", "susun"),
            ("mengambil", "ambil"),
            ("mengirim", "kirim"),
            ("menggambar", "gambar"),
            ("menjahit", "jahit"),
            ("penjahit", "jahit"),
            ("merakit", "rakit"),
            ("memasak", "masak"),
            ("mengelola", "kelola"),
            ("pengelolaan", "kelola"),
        ]);
    }

    #[test]
    fn menge_and_penge_before_a_one_syllable_root_leave_the_root() {
        check(&[
            ("mengelas", "las"),
            ("pengelasan", "las"),
            ("mengecat", "cat"),
            ("pengeboran", "bor"),
        ]);
    }

    #[test]
    fn di_ter_ber_per_ke_an_and_suffixes_are_removed() {
        check(&[
            ("dipasang", "pasang"),
            ("terlatih", "latih"),
            ("pelatihan", "latih"),
            ("bersertifikat", "sertifikat"),
            ("bekerja", "kerja"),
            ("pekerjaan", "kerja"),
            ("perbaikan", "baik"),
            ("memperbaiki", "baik"),
            ("keselamatan", "selamat"),
            ("kelistrikan", "listrik"),
            ("perawat", "rawat"),
            ("perawatan", "rawat"),
            ("mengoperasikan", "operasi"),
            ("pengukuran", "ukur"),
        ]);
    }

    #[test]
    fn possessive_nya_is_removed_but_loanwords_and_short_words_stay() {
        check(&[
            ("pengalamannya", "alam"),
            ("operasi", "operasi"),
            ("instalasi", "instalasi"),
            ("bulan", "bulan"),
            ("sekolah", "sekolah"),
            ("las", "las"),
            ("k3", "k3"),
            ("smaw", "smaw"),
            ("welding", "welding"),
        ]);
    }
}
