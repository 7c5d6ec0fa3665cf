//! Reference data every installation needs: Balikpapan's regions, the kejuruan (vocations), SKKNI competency units,
//! the KBJI 2014 occupations and KBLI 2020 industries the demo and the BLK programmes use, and search synonyms.
//!
//! Loading inserts what is missing (`ON CONFLICT DO NOTHING`) and never overwrites: officers may edit these rows
//! (titles, synonym groups), and a restart must not undo their edits.

use std::fmt;

use diesel_async::{AsyncPgConnection, RunQueryDsl};

use super::TableCount;
use super::rows::{
    CompetencyUnitRow, IndustryRow, OccupationRow, RegionRow, SearchSynonymRow, VocationRow,
};
use crate::db::schema::{
    competency_units, industries, occupations, regions, search_synonyms, vocations,
};

/// Kota Balikpapan (Kemendagri code) and its six kecamatan: `(code, name)`.
/// Same codes as `jembatan_domain::region::Kecamatan::code`.
pub(super) const CITY: (&str, &str) = ("64.71", "Kota Balikpapan");
pub(super) const KECAMATAN: &[(&str, &str)] = &[
    ("64.71.01", "Balikpapan Timur"),
    ("64.71.02", "Balikpapan Barat"),
    ("64.71.03", "Balikpapan Utara"),
    ("64.71.04", "Balikpapan Tengah"),
    ("64.71.05", "Balikpapan Selatan"),
    ("64.71.06", "Balikpapan Kota"),
];

/// Kejuruan (vocational fields) BLK training is organised by: `(code, name, name_en)`.
pub(super) const VOCATIONS: &[(&str, &str, &str)] = &[
    ("las", "Las (Pengelasan)", "Welding"),
    ("listrik", "Listrik (Kelistrikan)", "Electrical"),
    ("alat_berat", "Alat Berat", "Heavy equipment"),
    ("otomotif", "Otomotif", "Automotive"),
    (
        "refrigerasi",
        "Refrigerasi dan Tata Udara",
        "Refrigeration and air conditioning",
    ),
    (
        "tik",
        "Teknologi Informasi dan Komunikasi",
        "Information and communication technology",
    ),
    ("perhotelan", "Perhotelan", "Hospitality"),
    ("kuliner", "Kuliner (Tata Boga)", "Culinary"),
    ("garmen", "Garmen (Menjahit)", "Garment"),
    ("konstruksi", "Konstruksi Bangunan", "Building construction"),
    (
        "logistik",
        "Logistik dan Pergudangan",
        "Logistics and warehousing",
    ),
];

/// One SKKNI competency unit of the reference list.
pub(super) struct Unit {
    pub code: &'static str,
    pub vocation: &'static str,
    pub title: &'static str,
    pub title_en: &'static str,
    pub synonyms: &'static [&'static str],
}

const fn unit(
    code: &'static str,
    vocation: &'static str,
    title: &'static str,
    title_en: &'static str,
    synonyms: &'static [&'static str],
) -> Unit {
    Unit {
        code,
        vocation,
        title,
        title_en,
        synonyms,
    }
}

/// SKKNI-style competency units for the BLK vocations.
///
/// The codes are illustrative SKKNI-style codes (KBLI letter, 6-digit area, serial, version) chosen to sit in the
/// right KBLI area; only the J.620100 programmer units follow the published SKKNI numbering. Confirm every code and
/// title against the official registry (skkni.kemnaker.go.id) before a report or certificate depends on it.
pub(super) const UNITS: &[Unit] = &[
    // Welding (C.25: fabricated metal products).
    unit(
        "C.251100.001.01",
        "las",
        "Menerapkan Keselamatan dan Kesehatan Kerja (K3) pada Pekerjaan Pengelasan",
        "Apply occupational safety and health in welding work",
        &["k3 las", "welding safety"],
    ),
    unit(
        "C.251100.003.01",
        "las",
        "Membaca Gambar Teknik dan Simbol Las",
        "Read technical drawings and welding symbols",
        &["gambar teknik", "welding symbol", "blueprint"],
    ),
    unit(
        "C.251100.004.01",
        "las",
        "Memotong Logam dengan Gas Oksi-Asetilena",
        "Cut metal with oxy-acetylene gas",
        &["las potong", "gas cutting", "las karbit", "blender potong"],
    ),
    unit(
        "C.251100.005.01",
        "las",
        "Mengelas Pelat dengan Proses SMAW Posisi Bawah Tangan (1G/1F)",
        "Weld plate with SMAW in the flat position (1G/1F)",
        &["smaw", "las listrik", "stick welding", "1g"],
    ),
    unit(
        "C.251100.006.01",
        "las",
        "Mengelas Pelat dengan Proses SMAW Posisi Horizontal (2G/2F)",
        "Weld plate with SMAW in the horizontal position (2G/2F)",
        &["smaw", "las listrik", "2g"],
    ),
    unit(
        "C.251100.007.01",
        "las",
        "Mengelas Pelat dengan Proses SMAW Posisi Vertikal (3G/3F)",
        "Weld plate with SMAW in the vertical position (3G/3F)",
        &["smaw", "las listrik", "3g"],
    ),
    unit(
        "C.251100.008.01",
        "las",
        "Mengelas Pelat dengan Proses SMAW Posisi Atas Kepala (4G/4F)",
        "Weld plate with SMAW in the overhead position (4G/4F)",
        &["smaw", "las listrik", "4g"],
    ),
    unit(
        "C.251100.009.01",
        "las",
        "Mengelas Pipa dengan Proses SMAW Posisi 6G",
        "Weld pipe with SMAW in the 6G position",
        &["pipe welder", "las pipa", "6g"],
    ),
    unit(
        "C.251100.010.01",
        "las",
        "Mengelas dengan Proses GMAW (MIG/MAG)",
        "Weld with gas metal arc welding (MIG/MAG)",
        &["gmaw", "mig", "mag", "las co2"],
    ),
    unit(
        "C.251100.011.01",
        "las",
        "Mengelas Pipa dengan Proses GTAW (TIG)",
        "Weld pipe with gas tungsten arc welding (TIG)",
        &["gtaw", "tig", "las argon"],
    ),
    unit(
        "C.251100.012.01",
        "las",
        "Mengelas dengan Proses FCAW",
        "Weld with flux-cored arc welding (FCAW)",
        &["fcaw", "flux core"],
    ),
    unit(
        "C.251100.013.01",
        "las",
        "Memeriksa Hasil Las secara Visual",
        "Inspect welds visually",
        &["visual inspection", "inspeksi las", "qc las"],
    ),
    // Electrical (F.43: specialised construction; D.35: electricity supply).
    unit(
        "F.432100.001.01",
        "listrik",
        "Menerapkan K3 Kelistrikan",
        "Apply electrical safety",
        &["k3 listrik", "electrical safety", "loto"],
    ),
    unit(
        "F.432100.002.01",
        "listrik",
        "Membaca Gambar dan Diagram Instalasi Listrik",
        "Read electrical installation drawings and diagrams",
        &["wiring diagram", "single line diagram"],
    ),
    unit(
        "F.432100.003.01",
        "listrik",
        "Memasang Instalasi Penerangan Satu Fasa",
        "Install single-phase lighting circuits",
        &["instalasi rumah", "wiring", "instalasi penerangan"],
    ),
    unit(
        "F.432100.004.01",
        "listrik",
        "Memasang Instalasi Tenaga Listrik Tiga Fasa",
        "Install three-phase power circuits",
        &["3 fasa", "three phase", "instalasi tenaga"],
    ),
    unit(
        "F.432100.005.01",
        "listrik",
        "Memasang Panel Hubung Bagi Tegangan Rendah",
        "Install low-voltage distribution panels",
        &["panel listrik", "phb", "mdp", "sdp"],
    ),
    unit(
        "F.432100.006.01",
        "listrik",
        "Mengukur Besaran Listrik dengan Alat Ukur",
        "Measure electrical quantities with test instruments",
        &["multimeter", "megger", "tang ampere"],
    ),
    unit(
        "F.432100.007.01",
        "listrik",
        "Memasang Sistem Pembumian",
        "Install earthing systems",
        &["grounding", "pembumian", "arde"],
    ),
    unit(
        "F.432100.008.01",
        "listrik",
        "Memelihara Instalasi Listrik Bangunan",
        "Maintain building electrical installations",
        &["perawatan listrik", "electrical maintenance"],
    ),
    unit(
        "F.432100.009.01",
        "listrik",
        "Memasang Rangkaian Kendali Motor Listrik",
        "Install electric motor control circuits",
        &["star delta", "kontaktor", "motor control"],
    ),
    unit(
        "D.351100.011.01",
        "listrik",
        "Mengoperasikan Generator Set Diesel",
        "Operate a diesel generator set",
        &["genset", "generator", "operator genset"],
    ),
    unit(
        "D.351100.012.01",
        "listrik",
        "Memelihara Generator Set Diesel",
        "Maintain a diesel generator set",
        &["genset", "perawatan genset"],
    ),
    // Heavy equipment (B.09: mining support; F.42: civil engineering).
    unit(
        "B.090000.001.01",
        "alat_berat",
        "Menerapkan K3 Pengoperasian Alat Berat",
        "Apply safety in heavy equipment operation",
        &["k3 alat berat", "k3 tambang"],
    ),
    unit(
        "B.090000.002.01",
        "alat_berat",
        "Melakukan Pemeriksaan Harian Alat Berat (P2H)",
        "Carry out the daily pre-start inspection of heavy equipment (P2H)",
        &["p2h", "pre start check", "daily check"],
    ),
    unit(
        "B.090000.003.01",
        "alat_berat",
        "Mengoperasikan Excavator",
        "Operate an excavator",
        &["excavator", "ekskavator", "beko", "backhoe"],
    ),
    unit(
        "B.090000.004.01",
        "alat_berat",
        "Mengoperasikan Bulldozer",
        "Operate a bulldozer",
        &["bulldozer", "dozer", "buldoser"],
    ),
    unit(
        "B.090000.005.01",
        "alat_berat",
        "Mengoperasikan Wheel Loader",
        "Operate a wheel loader",
        &["wheel loader", "loader"],
    ),
    unit(
        "B.090000.007.01",
        "alat_berat",
        "Mengoperasikan Dump Truck Tambang",
        "Operate an off-highway mining dump truck",
        &["dump truck", "hd", "haul truck", "off highway truck"],
    ),
    unit(
        "B.090000.008.01",
        "alat_berat",
        "Melakukan Perawatan Berkala Alat Berat",
        "Carry out periodic maintenance of heavy equipment",
        &[
            "mekanik alat berat",
            "service alat berat",
            "preventive maintenance",
        ],
    ),
    unit(
        "B.090000.009.01",
        "alat_berat",
        "Memperbaiki Sistem Hidrolik Alat Berat",
        "Repair heavy equipment hydraulic systems",
        &["hidrolik", "hydraulic"],
    ),
    unit(
        "B.090000.010.01",
        "alat_berat",
        "Memperbaiki Mesin Diesel Alat Berat",
        "Repair heavy equipment diesel engines",
        &["engine diesel", "mesin diesel"],
    ),
    unit(
        "F.429000.011.01",
        "alat_berat",
        "Mengoperasikan Mobile Crane",
        "Operate a mobile crane",
        &["crane", "kren", "mobile crane"],
    ),
    unit(
        "F.429000.012.01",
        "alat_berat",
        "Melakukan Rigging dan Memberi Isyarat Pengangkatan",
        "Carry out rigging and signal lifting operations",
        &["rigger", "rigging", "signalman", "juru ikat"],
    ),
    // Automotive (G.45: repair of motor vehicles).
    unit(
        "G.452000.002.01",
        "otomotif",
        "Melakukan Servis Berkala Kendaraan Ringan",
        "Carry out periodic service of light vehicles",
        &["servis berkala", "service mobil", "ganti oli"],
    ),
    unit(
        "G.452000.003.01",
        "otomotif",
        "Melakukan Tune-Up Motor Bensin",
        "Tune up a petrol engine",
        &["tune up", "engine bensin"],
    ),
    unit(
        "G.452000.004.01",
        "otomotif",
        "Melakukan Tune-Up Motor Diesel",
        "Tune up a diesel engine",
        &["tune up diesel", "engine diesel"],
    ),
    unit(
        "G.452000.005.01",
        "otomotif",
        "Memperbaiki Sistem Rem",
        "Repair brake systems",
        &["rem", "brake"],
    ),
    unit(
        "G.452000.006.01",
        "otomotif",
        "Memperbaiki Sistem Suspensi dan Kemudi",
        "Repair suspension and steering systems",
        &["suspensi", "kaki-kaki", "steering"],
    ),
    unit(
        "G.452000.007.01",
        "otomotif",
        "Memperbaiki Sistem Kelistrikan Kendaraan",
        "Repair vehicle electrical systems",
        &["kelistrikan mobil", "auto electrical"],
    ),
    unit(
        "G.452000.008.01",
        "otomotif",
        "Memelihara Sistem Injeksi Bahan Bakar Elektronik (EFI)",
        "Maintain electronic fuel injection systems",
        &["efi", "injeksi", "scanner"],
    ),
    unit(
        "G.452000.009.01",
        "otomotif",
        "Memperbaiki Transmisi Manual",
        "Repair manual transmissions",
        &["transmisi", "gearbox", "kopling"],
    ),
    unit(
        "G.454000.010.01",
        "otomotif",
        "Melakukan Servis Sepeda Motor",
        "Service motorcycles",
        &["sepeda motor", "mekanik motor"],
    ),
    // Refrigeration and air conditioning (F.43: installation).
    unit(
        "F.432200.001.01",
        "refrigerasi",
        "Menerapkan K3 pada Pekerjaan Refrigerasi dan Tata Udara",
        "Apply safety in refrigeration and air-conditioning work",
        &["k3 ac"],
    ),
    unit(
        "F.432200.002.01",
        "refrigerasi",
        "Memasang AC Split",
        "Install a split air conditioner",
        &["pasang ac", "ac split", "instalasi ac"],
    ),
    unit(
        "F.432200.003.01",
        "refrigerasi",
        "Merawat AC Split",
        "Maintain a split air conditioner",
        &["cuci ac", "service ac", "perawatan ac"],
    ),
    unit(
        "F.432200.004.01",
        "refrigerasi",
        "Memperbaiki Kerusakan AC Split",
        "Repair split air conditioner faults",
        &["perbaikan ac", "troubleshooting ac"],
    ),
    unit(
        "F.432200.005.01",
        "refrigerasi",
        "Mengisi Refrigeran dan Menguji Kebocoran",
        "Charge refrigerant and test for leaks",
        &["freon", "isi freon", "vakum", "refrigerant"],
    ),
    unit(
        "F.432200.006.01",
        "refrigerasi",
        "Merawat Sistem AC Sentral (Chiller)",
        "Maintain central air-conditioning (chiller) systems",
        &["chiller", "ac sentral", "hvac", "ahu"],
    ),
    unit(
        "F.432200.007.01",
        "refrigerasi",
        "Merawat Mesin Pendingin Komersial",
        "Maintain commercial refrigeration units",
        &["cold storage", "showcase", "freezer"],
    ),
    // ICT (J.62: programming; J.61: telecommunication).
    unit(
        "J.620100.004.02",
        "tik",
        "Menggunakan Struktur Data",
        "Use data structures",
        &["struktur data", "data structure"],
    ),
    unit(
        "J.620100.005.02",
        "tik",
        "Mengimplementasikan User Interface",
        "Implement a user interface",
        &["ui", "frontend", "antarmuka"],
    ),
    unit(
        "J.620100.017.02",
        "tik",
        "Mengimplementasikan Pemrograman Terstruktur",
        "Implement structured programming",
        &["pemrograman", "programming", "coding"],
    ),
    unit(
        "J.620100.018.02",
        "tik",
        "Mengimplementasikan Pemrograman Berorientasi Objek",
        "Implement object-oriented programming",
        &["oop", "object oriented"],
    ),
    unit(
        "J.620100.020.02",
        "tik",
        "Menggunakan SQL",
        "Use SQL",
        &["sql", "database", "basis data", "mysql", "postgresql"],
    ),
    unit(
        "J.620100.025.02",
        "tik",
        "Melakukan Debugging",
        "Debug programs",
        &["debugging", "debug"],
    ),
    unit(
        "J.620100.033.02",
        "tik",
        "Melaksanakan Pengujian Unit Program",
        "Carry out unit testing of programs",
        &["unit test", "testing"],
    ),
    unit(
        "J.611000.001.01",
        "tik",
        "Memasang Kabel Jaringan Tembaga dan Serat Optik",
        "Install copper and fibre-optic network cabling",
        &["kabel utp", "fiber optik", "splicing", "crimping"],
    ),
    unit(
        "J.611000.002.01",
        "tik",
        "Mengonfigurasi Router dan Switch",
        "Configure routers and switches",
        &["router", "switch", "mikrotik", "cisco"],
    ),
    unit(
        "J.611000.003.01",
        "tik",
        "Mengonfigurasi Jaringan Nirkabel",
        "Configure wireless networks",
        &["wifi", "wireless", "access point"],
    ),
    unit(
        "J.611000.004.01",
        "tik",
        "Melakukan Troubleshooting Jaringan",
        "Troubleshoot networks",
        &["troubleshooting jaringan"],
    ),
    unit(
        "J.611000.005.01",
        "tik",
        "Menerapkan Keamanan Jaringan Dasar",
        "Apply basic network security",
        &["firewall", "keamanan jaringan", "network security"],
    ),
    unit(
        "J.620900.001.01",
        "tik",
        "Merakit dan Memelihara Komputer",
        "Assemble and maintain personal computers",
        &["rakit pc", "teknisi komputer", "hardware"],
    ),
    unit(
        "J.620900.002.01",
        "tik",
        "Memberikan Layanan Dukungan Teknis kepada Pengguna",
        "Provide technical support to users",
        &["helpdesk", "it support", "service desk"],
    ),
    // Hospitality (I.55: accommodation).
    unit(
        "I.551000.001.01",
        "perhotelan",
        "Berkomunikasi dengan Tamu dalam Bahasa Inggris Dasar",
        "Communicate with guests in basic English",
        &["bahasa inggris", "english"],
    ),
    unit(
        "I.551000.003.01",
        "perhotelan",
        "Melayani Check-in Tamu",
        "Check guests in",
        &["check in", "front office", "resepsionis"],
    ),
    unit(
        "I.551000.004.01",
        "perhotelan",
        "Melayani Check-out dan Pembayaran Tamu",
        "Check guests out and process payments",
        &["check out", "kasir hotel"],
    ),
    unit(
        "I.551000.005.01",
        "perhotelan",
        "Menangani Reservasi Kamar",
        "Handle room reservations",
        &["reservasi", "booking"],
    ),
    unit(
        "I.551000.006.01",
        "perhotelan",
        "Menangani Keluhan Tamu",
        "Handle guest complaints",
        &["keluhan tamu", "complaint handling"],
    ),
    unit(
        "I.551000.007.01",
        "perhotelan",
        "Membersihkan dan Menata Kamar Tamu",
        "Clean and prepare guest rooms",
        &["housekeeping", "room attendant", "tata graha"],
    ),
    unit(
        "I.551000.008.01",
        "perhotelan",
        "Menyediakan Layanan Binatu Tamu",
        "Provide guest laundry service",
        &["laundry", "binatu"],
    ),
    unit(
        "I.551000.009.01",
        "perhotelan",
        "Menyajikan Makanan dan Minuman di Restoran",
        "Serve food and beverages in a restaurant",
        &["waiter", "waitress", "pramusaji", "f&b service"],
    ),
    unit(
        "I.551000.010.01",
        "perhotelan",
        "Membuat dan Menyajikan Minuman Berbasis Kopi",
        "Prepare and serve coffee-based beverages",
        &["barista", "kopi", "espresso"],
    ),
    // Culinary (I.56: food service).
    unit(
        "I.561000.001.01",
        "kuliner",
        "Menerapkan Higiene dan Sanitasi Makanan",
        "Apply food hygiene and sanitation",
        &["higiene", "sanitasi", "food safety", "haccp"],
    ),
    unit(
        "I.561000.002.01",
        "kuliner",
        "Menyiapkan Bahan Makanan (Mise en Place)",
        "Prepare ingredients (mise en place)",
        &["mise en place", "persiapan bahan"],
    ),
    unit(
        "I.561000.003.01",
        "kuliner",
        "Menerapkan Teknik Dasar Memasak",
        "Use basic cooking methods",
        &["memasak", "cooking"],
    ),
    unit(
        "I.561000.004.01",
        "kuliner",
        "Mengolah Hidangan Nusantara",
        "Prepare Indonesian dishes",
        &["masakan indonesia", "masakan nusantara"],
    ),
    unit(
        "I.561000.005.01",
        "kuliner",
        "Mengolah Hidangan Kontinental",
        "Prepare continental dishes",
        &["western food", "masakan barat"],
    ),
    unit(
        "I.561000.006.01",
        "kuliner",
        "Mengolah Roti dan Kue (Pastry and Bakery)",
        "Prepare breads, pastries and cakes",
        &["pastry", "bakery", "roti", "kue"],
    ),
    unit(
        "I.561000.008.01",
        "kuliner",
        "Mengolah Makanan Katering dalam Jumlah Besar",
        "Prepare catering meals in bulk",
        &["katering", "catering", "dapur camp"],
    ),
    // Garment (C.14: wearing apparel).
    unit(
        "C.141000.001.01",
        "garmen",
        "Mengoperasikan Mesin Jahit Industri (High Speed)",
        "Operate an industrial high-speed sewing machine",
        &["mesin jahit", "high speed", "operator jahit"],
    ),
    unit(
        "C.141000.002.01",
        "garmen",
        "Mengukur Badan dan Membuat Pola Dasar",
        "Take body measurements and draft basic patterns",
        &["pola", "pattern making", "ukur badan"],
    ),
    unit(
        "C.141000.003.01",
        "garmen",
        "Memotong Bahan Pakaian",
        "Cut garment fabric",
        &["cutting", "potong kain"],
    ),
    unit(
        "C.141000.004.01",
        "garmen",
        "Menjahit Kemeja",
        "Sew shirts",
        &["kemeja"],
    ),
    unit(
        "C.141000.005.01",
        "garmen",
        "Menjahit Celana Panjang",
        "Sew trousers",
        &["celana"],
    ),
    unit(
        "C.141000.006.01",
        "garmen",
        "Menjahit Pakaian Kerja (Wearpack)",
        "Sew work coveralls (wearpack)",
        &["wearpack", "coverall", "seragam kerja"],
    ),
    // Construction (F.41: buildings; F.43: specialised).
    unit(
        "F.410000.001.01",
        "konstruksi",
        "Menerapkan K3 Konstruksi",
        "Apply construction safety",
        &["k3 konstruksi", "safety konstruksi"],
    ),
    unit(
        "F.410000.002.01",
        "konstruksi",
        "Membaca Gambar Kerja Bangunan",
        "Read construction working drawings",
        &["gambar kerja", "shop drawing"],
    ),
    unit(
        "F.410000.003.01",
        "konstruksi",
        "Memasang Pasangan Bata dan Plesteran",
        "Lay bricks and plaster",
        &["tukang batu", "bata", "plester", "mason"],
    ),
    unit(
        "F.410000.004.01",
        "konstruksi",
        "Membuat dan Memasang Bekisting",
        "Build and install formwork",
        &["bekisting", "formwork", "tukang kayu"],
    ),
    unit(
        "F.410000.005.01",
        "konstruksi",
        "Merakit dan Memasang Pembesian Beton",
        "Fabricate and fix concrete reinforcement",
        &["pembesian", "tukang besi", "besi beton", "rebar"],
    ),
    unit(
        "F.410000.006.01",
        "konstruksi",
        "Melaksanakan Pengecoran Beton",
        "Place and finish concrete",
        &["pengecoran", "cor beton", "concrete"],
    ),
    unit(
        "F.410000.007.01",
        "konstruksi",
        "Memasang Keramik Lantai dan Dinding",
        "Lay floor and wall tiles",
        &["keramik", "tile"],
    ),
    unit(
        "F.410000.008.01",
        "konstruksi",
        "Melakukan Pengukuran dengan Waterpass dan Theodolite",
        "Survey with a level and a theodolite",
        &["surveyor", "juru ukur", "theodolite", "total station"],
    ),
    unit(
        "F.410000.009.01",
        "konstruksi",
        "Memasang Instalasi Pipa Air Bersih dan Sanitasi",
        "Install water supply and sanitary piping",
        &["plumbing", "plumber", "tukang pipa"],
    ),
    unit(
        "F.439000.010.01",
        "konstruksi",
        "Memasang dan Membongkar Perancah",
        "Erect and dismantle scaffolding",
        &["scaffolding", "perancah", "scaffolder"],
    ),
    // Logistics (H.52: warehousing and transport support; H.49: road freight).
    unit(
        "H.521000.001.01",
        "logistik",
        "Mengoperasikan Forklift",
        "Operate a forklift",
        &["forklift", "operator forklift"],
    ),
    unit(
        "H.521000.002.01",
        "logistik",
        "Menerima dan Menyimpan Barang di Gudang",
        "Receive and store goods in a warehouse",
        &["gudang", "warehouse", "checker"],
    ),
    unit(
        "H.521000.003.01",
        "logistik",
        "Mengelola Administrasi Persediaan Gudang",
        "Administer warehouse inventory",
        &["admin gudang", "stock opname", "inventory"],
    ),
    unit(
        "H.522000.004.01",
        "logistik",
        "Melaksanakan Bongkar Muat Barang",
        "Load and unload cargo",
        &["bongkar muat", "stevedoring", "tkbm"],
    ),
    unit(
        "H.522000.005.01",
        "logistik",
        "Menyiapkan Dokumen Pengiriman Barang",
        "Prepare shipping documents",
        &["dokumen ekspedisi", "ekspor impor", "shipping"],
    ),
    unit(
        "H.493000.006.01",
        "logistik",
        "Mengemudikan Kendaraan Angkutan Barang secara Defensif",
        "Drive goods vehicles defensively",
        &["defensive driving", "sopir truk"],
    ),
];

/// KBJI 2014 occupations (ISCO-08 unit group plus a 2-digit jabatan): `(code, title, title_en)`.
/// The 4-digit groups are ISCO-08; the jabatan suffixes are this list's own (confirm against the KBJI 2014 book).
pub(super) const OCCUPATIONS: &[(&str, &str, &str)] = &[
    (
        "2512.01",
        "Pengembang Perangkat Lunak",
        "Software developer",
    ),
    ("2512.02", "Programmer Junior", "Junior programmer"),
    ("2513.01", "Pengembang Web", "Web developer"),
    ("3112.01", "Juru Ukur Konstruksi", "Construction surveyor"),
    (
        "3257.01",
        "Petugas Keselamatan dan Kesehatan Kerja (K3)",
        "Occupational safety and health officer",
    ),
    ("3434.01", "Chef de Partie", "Chef de partie"),
    (
        "3512.01",
        "Teknisi Dukungan Pengguna TIK",
        "ICT user support technician",
    ),
    (
        "3513.01",
        "Teknisi Jaringan Komputer",
        "Computer network technician",
    ),
    ("4224.01", "Resepsionis Hotel", "Hotel receptionist"),
    (
        "4224.02",
        "Petugas Reservasi Hotel",
        "Hotel reservations agent",
    ),
    ("4321.01", "Petugas Administrasi Gudang", "Stock clerk"),
    (
        "4323.01",
        "Petugas Dokumen Pengiriman",
        "Shipping documents clerk",
    ),
    ("5120.01", "Juru Masak", "Cook"),
    ("5120.02", "Juru Masak Katering", "Catering cook"),
    ("5131.01", "Pramusaji", "Waiter"),
    ("5132.01", "Barista", "Barista"),
    ("7112.01", "Tukang Batu", "Bricklayer"),
    (
        "7114.01",
        "Tukang Besi Beton",
        "Concrete reinforcement worker",
    ),
    ("7115.01", "Tukang Kayu Bekisting", "Formwork carpenter"),
    ("7119.01", "Pemasang Perancah", "Scaffolder"),
    ("7122.01", "Tukang Keramik", "Tile setter"),
    ("7126.01", "Tukang Pipa", "Plumber"),
    ("7127.01", "Teknisi AC", "Air-conditioning technician"),
    (
        "7127.02",
        "Teknisi Refrigerasi dan Chiller",
        "Refrigeration and chiller technician",
    ),
    ("7212.01", "Juru Las", "Welder"),
    ("7212.02", "Juru Las Pipa", "Pipe welder"),
    ("7212.03", "Juru Potong Logam dengan Gas", "Flame cutter"),
    ("7215.01", "Rigger", "Rigger"),
    (
        "7231.01",
        "Mekanik Kendaraan Ringan",
        "Light vehicle mechanic",
    ),
    ("7231.02", "Mekanik Sepeda Motor", "Motorcycle mechanic"),
    ("7233.01", "Mekanik Alat Berat", "Heavy equipment mechanic"),
    (
        "7411.01",
        "Teknisi Listrik Bangunan",
        "Building electrician",
    ),
    ("7411.02", "Instalatir Listrik", "Electrical installer"),
    (
        "7412.01",
        "Teknisi Listrik Industri",
        "Industrial electrician",
    ),
    ("7512.01", "Pembuat Roti dan Kue", "Baker and pastry maker"),
    ("7531.01", "Penjahit", "Tailor"),
    ("8153.01", "Operator Mesin Jahit", "Sewing machine operator"),
    (
        "8322.01",
        "Pengemudi Kendaraan Operasional",
        "Company car driver",
    ),
    ("8332.01", "Pengemudi Dump Truck", "Dump truck driver"),
    ("8332.02", "Pengemudi Truk Barang", "Goods truck driver"),
    ("8342.01", "Operator Excavator", "Excavator operator"),
    ("8342.02", "Operator Bulldozer", "Bulldozer operator"),
    ("8342.03", "Operator Wheel Loader", "Wheel loader operator"),
    ("8343.01", "Operator Crane", "Crane operator"),
    ("8344.01", "Operator Forklift", "Forklift operator"),
    (
        "9112.01",
        "Petugas Kebersihan Kamar Hotel",
        "Hotel room attendant",
    ),
    (
        "9313.01",
        "Pekerja Bangunan",
        "Building construction labourer",
    ),
    ("9333.01", "Buruh Bongkar Muat", "Freight handler"),
    ("9412.01", "Pembantu Juru Masak", "Kitchen helper"),
];

/// KBLI 2020 industries with their category letter: `(code, category, title, title_en)`.
/// Titles are shortened from the BPS register; confirm codes and titles against KBLI 2020 before reporting.
pub(super) const INDUSTRIES: &[(&str, &str, &str, &str)] = &[
    ("05100", "B", "Pertambangan Batu Bara", "Coal mining"),
    (
        "06100",
        "B",
        "Pertambangan Minyak Bumi",
        "Extraction of crude petroleum",
    ),
    (
        "09100",
        "B",
        "Aktivitas Penunjang Pertambangan Minyak Bumi dan Gas Alam",
        "Support activities for petroleum and natural gas extraction",
    ),
    (
        "09900",
        "B",
        "Aktivitas Penunjang Pertambangan dan Penggalian Lainnya",
        "Support activities for other mining and quarrying",
    ),
    (
        "10710",
        "C",
        "Industri Produk Roti dan Kue",
        "Manufacture of bakery products",
    ),
    (
        "14111",
        "C",
        "Industri Pakaian Jadi (Konveksi) dari Tekstil",
        "Manufacture of textile garments",
    ),
    (
        "19211",
        "C",
        "Industri Produk dari Pengilangan Minyak Bumi",
        "Manufacture of refined petroleum products",
    ),
    (
        "25111",
        "C",
        "Industri Barang dari Logam Siap Pasang untuk Bangunan",
        "Manufacture of fabricated structural metal products",
    ),
    (
        "35101",
        "D",
        "Pembangkitan Tenaga Listrik",
        "Electric power generation",
    ),
    (
        "41011",
        "F",
        "Konstruksi Gedung Hunian",
        "Construction of residential buildings",
    ),
    (
        "41012",
        "F",
        "Konstruksi Gedung Perkantoran",
        "Construction of office buildings",
    ),
    (
        "42101",
        "F",
        "Konstruksi Bangunan Sipil Jalan",
        "Construction of roads",
    ),
    ("43211", "F", "Instalasi Listrik", "Electrical installation"),
    (
        "43221",
        "F",
        "Instalasi Saluran Air (Plambing)",
        "Plumbing installation",
    ),
    (
        "43224",
        "F",
        "Instalasi Pendingin dan Ventilasi Udara",
        "Air-conditioning and ventilation installation",
    ),
    (
        "45201",
        "G",
        "Reparasi dan Perawatan Mobil",
        "Maintenance and repair of cars",
    ),
    (
        "45405",
        "G",
        "Reparasi dan Perawatan Sepeda Motor",
        "Maintenance and repair of motorcycles",
    ),
    (
        "49431",
        "H",
        "Angkutan Bermotor untuk Barang Umum",
        "Road freight transport of general goods",
    ),
    (
        "52101",
        "H",
        "Pergudangan dan Penyimpanan",
        "Warehousing and storage",
    ),
    (
        "52221",
        "H",
        "Aktivitas Pelayanan Kepelabuhanan Laut",
        "Sea port service activities",
    ),
    (
        "52240",
        "H",
        "Penanganan Kargo (Bongkar Muat Barang)",
        "Cargo handling",
    ),
    ("55110", "I", "Hotel Bintang", "Star-rated hotels"),
    ("55120", "I", "Hotel Melati", "Budget hotels"),
    ("56101", "I", "Restoran", "Restaurants"),
    (
        "56210",
        "I",
        "Jasa Boga untuk Suatu Event Tertentu (Event Catering)",
        "Event catering",
    ),
    (
        "56290",
        "I",
        "Penyediaan Makanan Lainnya",
        "Other food service activities",
    ),
    (
        "62019",
        "J",
        "Aktivitas Pemrograman Komputer Lainnya",
        "Other computer programming activities",
    ),
    (
        "62090",
        "J",
        "Aktivitas Teknologi Informasi dan Jasa Komputer Lainnya",
        "Other information technology and computer service activities",
    ),
];

/// Search synonym groups, head term first; every term is lowercase and belongs to one group only.
pub(super) const SYNONYM_GROUPS: &[&[&str]] = &[
    &[
        "las",
        "pengelasan",
        "welding",
        "welder",
        "juru las",
        "tukang las",
    ],
    &[
        "listrik",
        "kelistrikan",
        "electrical",
        "electrician",
        "teknisi listrik",
        "instalatir",
    ],
    &[
        "alat berat",
        "heavy equipment",
        "operator alat berat",
        "heavy equipment operator",
    ],
    &["excavator", "ekskavator", "beko", "backhoe"],
    &["bulldozer", "dozer", "buldoser"],
    &["crane", "kren", "operator crane", "crane operator"],
    &[
        "otomotif",
        "automotive",
        "montir",
        "mekanik mobil",
        "car mechanic",
    ],
    &[
        "ac",
        "air conditioner",
        "pendingin ruangan",
        "refrigerasi",
        "refrigeration",
        "tata udara",
        "hvac",
        "teknisi ac",
    ],
    &[
        "programmer",
        "pemrogram",
        "developer",
        "software developer",
        "pengembang perangkat lunak",
    ],
    &[
        "jaringan",
        "network",
        "networking",
        "teknisi jaringan",
        "network engineer",
    ],
    &["it support", "helpdesk", "teknisi komputer"],
    &["resepsionis", "receptionist", "front office", "front desk"],
    &["housekeeping", "room attendant", "roomboy", "tata graha"],
    &["pramusaji", "waiter", "waitress", "pelayan restoran"],
    &["juru masak", "koki", "cook", "chef", "tukang masak"],
    &[
        "penjahit", "tailor", "jahit", "menjahit", "sewing", "konveksi",
    ],
    &["konstruksi", "construction", "bangunan", "tukang bangunan"],
    &["tukang batu", "mason", "bricklayer"],
    &["bekisting", "formwork"],
    &["perancah", "scaffolding", "scaffolder"],
    &[
        "gudang",
        "warehouse",
        "pergudangan",
        "logistik",
        "logistics",
    ],
    &["forklift", "operator forklift", "forklift operator"],
    &["k3", "hse", "hsse", "safety", "keselamatan kerja"],
    &["sopir", "supir", "driver", "pengemudi"],
    &["magang", "pemagangan", "apprenticeship", "internship"],
];

/// How many reference rows each table received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceCounts {
    /// One entry per reference table, in load order.
    pub tables: Vec<TableCount>,
}

impl ReferenceCounts {
    /// Rows written by this run, over all reference tables.
    pub fn inserted(&self) -> usize {
        self.tables.iter().map(|count| count.inserted).sum()
    }
}

impl fmt::Display for ReferenceCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::write_counts(f, "reference data", &self.tables)
    }
}

/// Inserts the reference rows that are missing; existing rows are left as they are.
#[tracing::instrument(skip_all)]
pub async fn load_reference(conn: &mut AsyncPgConnection) -> anyhow::Result<ReferenceCounts> {
    let mut tables = Vec::new();

    // The city first: the kecamatan rows reference it.
    let city_rows = vec![RegionRow {
        code: CITY.0,
        name: CITY.1,
        kind: "kota",
        parent_code: None,
    }];
    let kecamatan_rows: Vec<RegionRow> = KECAMATAN
        .iter()
        .map(|&(code, name)| RegionRow {
            code,
            name,
            kind: "kecamatan",
            parent_code: Some(CITY.0),
        })
        .collect();
    let mut region_inserted = 0;
    for batch in [&city_rows, &kecamatan_rows] {
        region_inserted += diesel::insert_into(regions::table)
            .values(batch)
            .on_conflict(regions::code)
            .do_nothing()
            .execute(conn)
            .await?;
    }
    tables.push(TableCount::new(
        "regions",
        city_rows.len() + kecamatan_rows.len(),
        region_inserted,
    ));

    let vocation_rows: Vec<VocationRow> = VOCATIONS
        .iter()
        .map(|&(code, name, name_en)| VocationRow {
            code,
            name,
            name_en: Some(name_en),
        })
        .collect();
    let inserted = diesel::insert_into(vocations::table)
        .values(&vocation_rows)
        .on_conflict(vocations::code)
        .do_nothing()
        .execute(conn)
        .await?;
    tables.push(TableCount::new("vocations", vocation_rows.len(), inserted));

    let unit_rows: Vec<CompetencyUnitRow> = UNITS
        .iter()
        .map(|unit| CompetencyUnitRow {
            code: unit.code,
            title: unit.title,
            title_en: Some(unit.title_en),
            vocation_code: Some(unit.vocation),
            synonyms: unit.synonyms.to_vec(),
        })
        .collect();
    let inserted = diesel::insert_into(competency_units::table)
        .values(&unit_rows)
        .on_conflict(competency_units::code)
        .do_nothing()
        .execute(conn)
        .await?;
    tables.push(TableCount::new(
        "competency_units",
        unit_rows.len(),
        inserted,
    ));

    let occupation_rows: Vec<OccupationRow> = OCCUPATIONS
        .iter()
        .map(|&(code, title, title_en)| OccupationRow {
            code,
            title,
            title_en: Some(title_en),
        })
        .collect();
    let inserted = diesel::insert_into(occupations::table)
        .values(&occupation_rows)
        .on_conflict(occupations::code)
        .do_nothing()
        .execute(conn)
        .await?;
    tables.push(TableCount::new(
        "occupations",
        occupation_rows.len(),
        inserted,
    ));

    let industry_rows: Vec<IndustryRow> = INDUSTRIES
        .iter()
        .map(|&(code, category, title, title_en)| IndustryRow {
            code,
            category,
            title,
            title_en: Some(title_en),
        })
        .collect();
    let inserted = diesel::insert_into(industries::table)
        .values(&industry_rows)
        .on_conflict(industries::code)
        .do_nothing()
        .execute(conn)
        .await?;
    tables.push(TableCount::new("industries", industry_rows.len(), inserted));

    // Heads first, so every canonical term exists before the terms that point to it.
    let (heads, members): (Vec<SearchSynonymRow>, Vec<SearchSynonymRow>) = SYNONYM_GROUPS
        .iter()
        .flat_map(|group| {
            group.iter().map(move |term| SearchSynonymRow {
                term,
                canonical: group[0],
            })
        })
        .partition(|row| row.term == row.canonical);
    let mut synonym_inserted = 0;
    for batch in [&heads, &members] {
        synonym_inserted += diesel::insert_into(search_synonyms::table)
            .values(batch)
            .on_conflict(search_synonyms::term)
            .do_nothing()
            .execute(conn)
            .await?;
    }
    tables.push(TableCount::new(
        "search_synonyms",
        heads.len() + members.len(),
        synonym_inserted,
    ));

    Ok(ReferenceCounts { tables })
}

/// Whether `code` has the shape `regions_code_format_check` requires.
#[cfg(test)]
fn is_region_code(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    (parts.len() == 2 || parts.len() == 3)
        && parts
            .iter()
            .all(|part| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `code` matches `^[A-U]\.[0-9]{6}\.[0-9]{3}\.[0-9]{2}$`.
#[cfg(test)]
pub(super) fn is_unit_code(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    let digits =
        |text: &str, len: usize| text.len() == len && text.bytes().all(|b| b.is_ascii_digit());
    parts.len() == 4
        && parts[0].len() == 1
        && parts[0].bytes().all(|b| (b'A'..=b'U').contains(&b))
        && digits(parts[1], 6)
        && digits(parts[2], 3)
        && digits(parts[3], 2)
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashSet};

    use super::*;

    #[test]
    fn region_codes_have_the_kemendagri_shape_and_kecamatan_sit_under_the_city() {
        assert!(is_region_code(CITY.0));
        for (code, _) in KECAMATAN {
            assert!(is_region_code(code), "{code}");
            assert!(code.starts_with("64.71."), "{code}");
        }
        assert_eq!(KECAMATAN.len(), 6);
    }

    #[test]
    fn every_unit_code_has_the_skkni_shape_is_unique_and_names_a_known_vocation() {
        let vocations: HashSet<&str> = VOCATIONS.iter().map(|v| v.0).collect();
        let mut codes = HashSet::new();
        for unit in UNITS {
            assert!(is_unit_code(unit.code), "{}", unit.code);
            assert!(codes.insert(unit.code), "duplicate unit {}", unit.code);
            assert!(
                vocations.contains(unit.vocation),
                "{} names {}",
                unit.code,
                unit.vocation
            );
            assert!(!unit.title.trim().is_empty() && !unit.title_en.trim().is_empty());
        }
        assert!((60..=110).contains(&UNITS.len()), "{} units", UNITS.len());
        for vocation in &vocations {
            assert!(
                UNITS.iter().any(|unit| unit.vocation == *vocation),
                "no unit for {vocation}"
            );
        }
    }

    #[test]
    fn vocation_codes_are_lowercase_slugs() {
        for (code, _, _) in VOCATIONS {
            assert!(code.len() >= 2 && code.len() <= 40, "{code}");
            assert!(code.starts_with(|c: char| c.is_ascii_lowercase()), "{code}");
            assert!(
                code.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{code}"
            );
        }
    }

    #[test]
    fn occupations_cover_the_isco_groups_named_in_the_domain_notes() {
        let mut codes = HashSet::new();
        for (code, title, _) in OCCUPATIONS {
            let (group, jabatan) = code.split_once('.').expect("a dot");
            assert!(group.len() == 4 && jabatan.len() == 2, "{code}");
            assert!(
                code.replace('.', "").bytes().all(|b| b.is_ascii_digit()),
                "{code}"
            );
            assert!(codes.insert(*code), "duplicate {code}");
            assert!(!title.trim().is_empty());
        }
        let groups: BTreeSet<&str> = OCCUPATIONS.iter().map(|(code, _, _)| &code[..4]).collect();
        for group in [
            "7212", "8342", "7411", "7231", "7127", "5120", "4224", "2512", "3513", "7531",
        ] {
            assert!(groups.contains(group), "missing ISCO group {group}");
        }
    }

    #[test]
    fn industries_have_five_digits_and_a_category_letter() {
        let mut codes = HashSet::new();
        for (code, category, _, _) in INDUSTRIES {
            assert!(
                code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()),
                "{code}"
            );
            assert!(
                category.len() == 1 && ("A"..="U").contains(category),
                "{category}"
            );
            assert!(codes.insert(*code), "duplicate {code}");
        }
    }

    #[test]
    fn synonym_terms_are_normalised_and_each_belongs_to_exactly_one_group() {
        let mut terms = HashSet::new();
        for group in SYNONYM_GROUPS {
            assert!(
                group.len() >= 2,
                "a group needs at least two terms: {group:?}"
            );
            for term in *group {
                assert_eq!(
                    *term,
                    term.trim().to_lowercase(),
                    "not normalised: {term:?}"
                );
                assert!(!term.is_empty());
                assert!(terms.insert(*term), "term {term:?} is in two groups");
            }
        }
        let welding = SYNONYM_GROUPS
            .iter()
            .find(|group| group[0] == "las")
            .expect("a welding group");
        for term in ["pengelasan", "welding", "welder"] {
            assert!(welding.contains(&term), "{term}");
        }
    }

    #[test]
    fn unit_synonyms_are_lowercase_without_blanks() {
        for unit in UNITS {
            for synonym in unit.synonyms {
                assert_eq!(
                    *synonym,
                    synonym.trim().to_lowercase(),
                    "{}: {synonym:?}",
                    unit.code
                );
                assert!(!synonym.is_empty());
            }
        }
    }
}
