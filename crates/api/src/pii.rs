//! Protection of the NIK at rest (UU 27/2022 data minimisation).
//!
//! The NIK is stored three ways and never in clear: a keyed hash (HMAC-SHA256) that a unique index checks, the
//! number encrypted (XChaCha20-Poly1305) for the owner and officers, and the masked form everyone else sees.
//! Both keys derive from `NIK_KEY`; losing it makes stored NIKs unreadable, so operations keep it with the backups.

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use jembatan_domain::nik::Nik;
use secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

/// Used when `NIK_KEY` is not set: fine for a laptop and the demo, never for real data (a warning is logged).
const DEVELOPMENT_KEY: &str = "jembatan-development-key-not-for-production-use";
const NONCE_LEN: usize = 24;

/// The keys that protect NIKs, derived from one secret.
#[derive(Clone)]
pub struct NikProtector {
    hash_key: [u8; 32],
    cipher_key: [u8; 32],
}

impl std::fmt::Debug for NikProtector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NikProtector(..)")
    }
}

/// The three stored forms of one NIK.
#[derive(Debug, Clone)]
pub struct ProtectedNik {
    pub hash: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub masked: String,
}

/// Why a stored NIK could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum NikDecryptError {
    #[error("the stored nik is corrupt or was encrypted with another NIK_KEY")]
    Undecryptable,
}

impl NikProtector {
    /// Derives the keys from `NIK_KEY` (or the development key when it is not set).
    pub fn new(secret: Option<&SecretString>) -> Self {
        let secret = match secret {
            Some(secret) => secret.expose_secret().to_string(),
            None => {
                tracing::warn!(
                    "NIK_KEY is not set: using the development key; never do this with real data"
                );
                DEVELOPMENT_KEY.to_string()
            }
        };
        Self {
            hash_key: derive(&secret, "jembatan nik hash v1"),
            cipher_key: derive(&secret, "jembatan nik encryption v1"),
        }
    }

    /// The keyed hash that the unique index on `seekers.nik_hash` compares.
    pub fn hash(&self, nik: &Nik) -> Vec<u8> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.hash_key)
            .expect("HMAC takes any key length");
        mac.update(nik.as_str().as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    /// Hash, ciphertext (random nonce first) and masked form of `nik`.
    pub fn protect(&self, nik: &Nik) -> ProtectedNik {
        use rand::RngCore;
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        ProtectedNik {
            hash: self.hash(nik),
            ciphertext: self.encrypt_with_nonce(nik, nonce),
            masked: nik.masked(),
        }
    }

    /// Like `protect`, but with a nonce derived from the NIK, so the same NIK always gives the same bytes.
    /// Only for reproducible demo data.
    pub fn protect_deterministically(&self, nik: &Nik) -> ProtectedNik {
        let digest = Sha256::digest([self.hash(nik).as_slice(), b"nonce"].concat());
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&digest[..NONCE_LEN]);
        ProtectedNik {
            hash: self.hash(nik),
            ciphertext: self.encrypt_with_nonce(nik, nonce),
            masked: nik.masked(),
        }
    }

    /// Reads a NIK back from its ciphertext.
    pub fn reveal(&self, ciphertext: &[u8]) -> Result<Nik, NikDecryptError> {
        if ciphertext.len() <= NONCE_LEN {
            return Err(NikDecryptError::Undecryptable);
        }
        let (nonce, sealed) = ciphertext.split_at(NONCE_LEN);
        let cipher = XChaCha20Poly1305::new((&self.cipher_key).into());
        let plain = cipher
            .decrypt(XNonce::from_slice(nonce), sealed)
            .map_err(|_| NikDecryptError::Undecryptable)?;
        let text = String::from_utf8(plain).map_err(|_| NikDecryptError::Undecryptable)?;
        Nik::parse(&text).map_err(|_| NikDecryptError::Undecryptable)
    }

    fn encrypt_with_nonce(&self, nik: &Nik, nonce: [u8; NONCE_LEN]) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new((&self.cipher_key).into());
        let sealed = cipher
            .encrypt(XNonce::from_slice(&nonce), nik.as_str().as_bytes())
            .expect("encrypting a short message in memory cannot fail");
        [nonce.as_slice(), sealed.as_slice()].concat()
    }
}

fn derive(secret: &str, purpose: &str) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes any key length");
    mac.update(purpose.as_bytes());
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nik() -> Nik {
        Nik::parse("6471054506990001").expect("a valid test NIK")
    }

    #[test]
    fn a_protected_nik_reads_back_only_with_the_same_key() {
        let protector =
            NikProtector::new(Some(&SecretString::from("key one, long enough for tests")));
        let other = NikProtector::new(Some(&SecretString::from("another key entirely")));
        let protected = protector.protect(&nik());
        assert_eq!(
            protector
                .reveal(&protected.ciphertext)
                .expect("decrypts")
                .as_str(),
            nik().as_str()
        );
        assert!(other.reveal(&protected.ciphertext).is_err());
        assert!(!protected.masked.contains("6471054506"));
    }

    #[test]
    fn the_hash_is_stable_per_key_and_differs_between_keys() {
        let protector =
            NikProtector::new(Some(&SecretString::from("key one, long enough for tests")));
        let other = NikProtector::new(Some(&SecretString::from("another key entirely")));
        assert_eq!(protector.hash(&nik()), protector.hash(&nik()));
        assert_ne!(protector.hash(&nik()), other.hash(&nik()));
        assert_ne!(
            protector.protect(&nik()).ciphertext,
            protector.protect(&nik()).ciphertext
        );
        assert_eq!(
            protector.protect_deterministically(&nik()).ciphertext,
            protector.protect_deterministically(&nik()).ciphertext
        );
    }
}
