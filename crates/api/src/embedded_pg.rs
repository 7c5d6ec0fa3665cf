//! The self-managed PostgreSQL cluster used when no `DATABASE_URL` is given.
//!
//! It uses the PostgreSQL server binaries already installed on the machine (found on `PATH` or under the usual
//! install prefixes), keeps its data in one directory so data persists between runs, listens only on
//! 127.0.0.1 on a free port with a generated password, and is stopped again by whoever started it.
//! PostgreSQL refuses to run as root, so when Jembatan runs as root the cluster runs as the `postgres` system user
//! (or `nobody`). Several processes may share one cluster: starting is serialised by a lock file and a process
//! that finds the cluster running reuses it and leaves it running.

use std::fs;
use std::io::Write;
use std::net::TcpListener;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use nix::unistd::{Gid, Uid, User};
use secrecy::{ExposeSecret, SecretString};

/// Name of the application database inside the managed cluster.
pub const DATABASE_NAME: &str = "jembatan";
const SUPERUSER: &str = "postgres";
const PASSWORD_FILE: &str = "jembatan-password";

/// Why the managed cluster could not be started or stopped. Each message says what to install or set.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddedPgError {
    #[error(
        "no DATABASE_URL is set and the PostgreSQL server programs (initdb, pg_ctl, postgres) were not found on PATH \
         or under /usr/lib/postgresql/*/bin, /usr/local/pgsql/bin, /usr/pgsql-*/bin, /opt/homebrew/bin: install \
         PostgreSQL 14 or newer (Debian/Ubuntu: `apt-get install postgresql`; macOS: `brew install postgresql@16`) \
         or set DATABASE_URL to a server you have"
    )]
    BinariesNotFound,
    #[error(
        "running as root, so PostgreSQL must run as the unprivileged user `{user}`, but that user cannot reach \
         {path} (a parent directory is closed to it): set PG_DATA_DIR to a directory it can reach, \
         e.g. /var/tmp/jembatan/postgres, or set DATABASE_URL"
    )]
    DataDirUnreachable { user: String, path: String },
    #[error(
        "running as root and no unprivileged user (`postgres` or `nobody`) exists to run PostgreSQL as: create one or set DATABASE_URL"
    )]
    NoUnprivilegedUser,
    #[error("{step} failed for the PostgreSQL data directory {path}: {detail}")]
    Command {
        step: &'static str,
        path: String,
        detail: String,
    },
    #[error("i/o error on the PostgreSQL data directory {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// A running PostgreSQL cluster in a data directory of ours.
#[derive(Debug)]
pub struct ManagedPostgres {
    data_dir: PathBuf,
    bin_dir: PathBuf,
    port: u16,
    password: SecretString,
    run_as: Option<(Uid, Gid)>,
    started_here: bool,
}

impl ManagedPostgres {
    /// Starts the cluster in `data_dir` (creating it on first use), or attaches to it if it already runs.
    pub fn start(data_dir: &Path) -> Result<Self, EmbeddedPgError> {
        let bin_dir = find_server_binaries().ok_or(EmbeddedPgError::BinariesNotFound)?;
        let run_as = unprivileged_user_if_root()?;
        let data_dir = reachable_data_dir(&absolute(data_dir)?, run_as);
        let parent = data_dir.parent().unwrap_or(Path::new("/")).to_path_buf();
        fs::create_dir_all(&parent).map_err(|source| io_error(&parent, source))?;
        if run_as.is_some() {
            // The unprivileged user must be able to enter the parent (e.g. a fallback created by root just now).
            let _ = fs::set_permissions(&parent, fs::Permissions::from_mode(0o755));
        }
        // Serialise concurrent starters (several test processes, or two `serve`s) on a lock file beside the data dir.
        let lock_path = parent.join(format!(
            ".{}.lock",
            data_dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("postgres")
        ));
        let lock_file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|source| io_error(&lock_path, source))?;
        let _lock = nix::fcntl::Flock::lock(lock_file, nix::fcntl::FlockArg::LockExclusive)
            .map_err(|(_, errno)| {
                io_error(&lock_path, std::io::Error::from_raw_os_error(errno as i32))
            })?;

        if !data_dir.join("PG_VERSION").exists() {
            initialise(&bin_dir, &data_dir, run_as)?;
        }
        let password = read_password(&data_dir)?;

        if let Some(port) = running_port(&bin_dir, &data_dir, run_as) {
            return Ok(Self {
                data_dir,
                bin_dir,
                port,
                password,
                run_as,
                started_here: false,
            });
        }

        let port = free_port().map_err(|source| io_error(&data_dir, source))?;
        let log_file = data_dir.join("server.log");
        let options =
            format!("-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories=''");
        run(
            "pg_ctl start",
            &data_dir,
            run_as,
            Command::new(bin_dir.join("pg_ctl"))
                .arg("start")
                .arg("--wait")
                .arg("--timeout=60")
                .arg("-D")
                .arg(&data_dir)
                .arg("-l")
                .arg(&log_file)
                .arg("-o")
                .arg(options),
        )
        .map_err(|error| with_log_tail(error, &log_file))?;
        tracing::info!(port, data_dir = %data_dir.display(), "started the self-managed PostgreSQL cluster");
        Ok(Self {
            data_dir,
            bin_dir,
            port,
            password,
            run_as,
            started_here: true,
        })
    }

    /// URL of database `name` in this cluster, as the superuser.
    pub fn url_for(&self, name: &str) -> SecretString {
        SecretString::from(format!(
            "postgres://{SUPERUSER}:{}@127.0.0.1:{}/{name}",
            self.password.expose_secret(),
            self.port
        ))
    }

    /// URL of the application database (which the caller creates if missing).
    pub fn url(&self) -> SecretString {
        self.url_for(DATABASE_NAME)
    }

    /// The port the cluster listens on (127.0.0.1 only).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Whether this process started the cluster (and so should stop it).
    pub fn started_here(&self) -> bool {
        self.started_here
    }

    /// Stops the cluster if this process started it; a cluster found running is left as it was.
    pub fn stop(self) -> Result<(), EmbeddedPgError> {
        if !self.started_here {
            return Ok(());
        }
        run(
            "pg_ctl stop",
            &self.data_dir,
            self.run_as,
            Command::new(self.bin_dir.join("pg_ctl"))
                .arg("stop")
                .arg("--wait")
                .arg("-m")
                .arg("fast")
                .arg("-D")
                .arg(&self.data_dir),
        )?;
        tracing::info!(data_dir = %self.data_dir.display(), "stopped the self-managed PostgreSQL cluster");
        Ok(())
    }
}

/// Looks for `initdb`, `pg_ctl` and `postgres` together in one directory: `PATH` first, then the usual prefixes
/// (newest version first).
pub fn find_server_binaries() -> Option<PathBuf> {
    let has_all = |dir: &Path| {
        ["initdb", "pg_ctl", "postgres"]
            .iter()
            .all(|b| dir.join(b).is_file())
    };
    let from_path = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default();
    // A symlink on PATH (Debian puts pg_ctl in /usr/local/bin on some images) is resolved to its real directory.
    for dir in from_path {
        if let Ok(real) = fs::canonicalize(dir.join("pg_ctl"))
            && let Some(real_dir) = real.parent()
            && has_all(real_dir)
        {
            return Some(real_dir.to_path_buf());
        }
    }
    let mut candidates = versioned_bin_dirs(Path::new("/usr/lib/postgresql"), "");
    candidates.extend(versioned_bin_dirs(Path::new("/usr"), "pgsql-"));
    // Homebrew's versioned formulae are keg-only: not linked into its bin directory.
    candidates.extend(versioned_bin_dirs(
        Path::new("/opt/homebrew/opt"),
        "postgresql@",
    ));
    candidates.extend(versioned_bin_dirs(
        Path::new("/usr/local/opt"),
        "postgresql@",
    ));
    candidates.sort_by_key(|(version, _)| std::cmp::Reverse(*version));
    candidates
        .into_iter()
        .map(|(_, dir)| dir)
        .chain(
            [
                "/usr/local/pgsql/bin",
                "/opt/homebrew/bin",
                "/usr/local/bin",
            ]
            .map(PathBuf::from),
        )
        .find(|dir| has_all(dir))
}

/// `<parent>/<prefix><major version>/bin` directories, e.g. `/usr/lib/postgresql/15/bin` or `/usr/pgsql-16/bin`.
fn versioned_bin_dirs(parent: &Path, prefix: &str) -> Vec<(u32, PathBuf)> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().to_string();
            let version = name.strip_prefix(prefix)?.parse::<u32>().ok()?;
            Some((version, entry.path().join("bin")))
        })
        .collect()
}

fn initialise(
    bin_dir: &Path,
    data_dir: &Path,
    run_as: Option<(Uid, Gid)>,
) -> Result<(), EmbeddedPgError> {
    fs::create_dir_all(data_dir).map_err(|source| io_error(data_dir, source))?;
    fs::set_permissions(data_dir, fs::Permissions::from_mode(0o700))
        .map_err(|source| io_error(data_dir, source))?;
    if let Some((uid, gid)) = run_as {
        nix::unistd::chown(data_dir, Some(uid), Some(gid))
            .map_err(|errno| io_error(data_dir, std::io::Error::from_raw_os_error(errno as i32)))?;
        if !reachable_by(data_dir, uid, gid) {
            let user = User::from_uid(uid)
                .ok()
                .flatten()
                .map(|u| u.name)
                .unwrap_or_default();
            return Err(EmbeddedPgError::DataDirUnreachable {
                user,
                path: data_dir.display().to_string(),
            });
        }
    }

    let password = random_password();
    // initdb reads the superuser password from a file; it lives only until initdb has read it.
    let pwfile = tempfile_for(data_dir, run_as, &password)?;
    let result = run(
        "initdb",
        data_dir,
        run_as,
        Command::new(bin_dir.join("initdb"))
            .arg("-D")
            .arg(data_dir)
            .arg("--username")
            .arg(SUPERUSER)
            .arg("--auth=scram-sha-256")
            .arg("--pwfile")
            .arg(&pwfile)
            .arg("--encoding=UTF8")
            .arg("--locale=C")
            .arg("--no-instructions"),
    );
    let _ = fs::remove_file(&pwfile);
    result?;

    let password_path = data_dir.join(PASSWORD_FILE);
    let mut file = fs::OpenOptions::new()
        .create_new(true)
        .write(true)
        .mode(0o600)
        .open(&password_path)
        .map_err(|source| io_error(&password_path, source))?;
    file.write_all(password.as_bytes())
        .map_err(|source| io_error(&password_path, source))?;
    Ok(())
}

fn tempfile_for(
    data_dir: &Path,
    run_as: Option<(Uid, Gid)>,
    password: &str,
) -> Result<PathBuf, EmbeddedPgError> {
    let path = data_dir.with_file_name(format!(
        ".{}.pwfile",
        data_dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("postgres")
    ));
    let mut file = fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .mode(0o600)
        .open(&path)
        .map_err(|source| io_error(&path, source))?;
    file.write_all(password.as_bytes())
        .map_err(|source| io_error(&path, source))?;
    if let Some((uid, gid)) = run_as {
        nix::unistd::chown(&path, Some(uid), Some(gid))
            .map_err(|errno| io_error(&path, std::io::Error::from_raw_os_error(errno as i32)))?;
    }
    Ok(path)
}

fn read_password(data_dir: &Path) -> Result<SecretString, EmbeddedPgError> {
    let path = data_dir.join(PASSWORD_FILE);
    let password = fs::read_to_string(&path).map_err(|source| io_error(&path, source))?;
    Ok(SecretString::from(password.trim().to_string()))
}

/// The port of a postmaster already running on `data_dir`, if any (line 4 of `postmaster.pid`).
fn running_port(bin_dir: &Path, data_dir: &Path, run_as: Option<(Uid, Gid)>) -> Option<u16> {
    let status = run(
        "pg_ctl status",
        data_dir,
        run_as,
        Command::new(bin_dir.join("pg_ctl"))
            .arg("status")
            .arg("-D")
            .arg(data_dir),
    );
    if status.is_err() {
        return None;
    }
    let pid_file = fs::read_to_string(data_dir.join("postmaster.pid")).ok()?;
    pid_file.lines().nth(3)?.trim().parse().ok()
}

fn run(
    step: &'static str,
    data_dir: &Path,
    run_as: Option<(Uid, Gid)>,
    command: &mut Command,
) -> Result<(), EmbeddedPgError> {
    if let Some((uid, gid)) = run_as {
        command.uid(uid.as_raw()).gid(gid.as_raw());
    }
    // The child must not inherit a working directory it cannot enter (e.g. /root when run as `postgres`).
    command.current_dir(data_dir.parent().unwrap_or(Path::new("/")));
    if run_as.is_some() {
        command.current_dir("/");
    }
    command.env_remove("PGDATA").env("LC_ALL", "C");
    let output = command
        .output()
        .map_err(|source| EmbeddedPgError::Command {
            step,
            path: data_dir.display().to_string(),
            detail: source.to_string(),
        })?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    Err(EmbeddedPgError::Command {
        step,
        path: data_dir.display().to_string(),
        detail: format!("{} {}", stderr.trim(), stdout.trim())
            .trim()
            .to_string(),
    })
}

fn with_log_tail(error: EmbeddedPgError, log_file: &Path) -> EmbeddedPgError {
    let EmbeddedPgError::Command { step, path, detail } = error else {
        return error;
    };
    let tail: Vec<String> = fs::read_to_string(log_file)
        .unwrap_or_default()
        .lines()
        .rev()
        .take(5)
        .map(str::to_string)
        .collect();
    let tail: Vec<String> = tail.into_iter().rev().collect();
    EmbeddedPgError::Command {
        step,
        path,
        detail: format!("{detail}; server log: {}", tail.join(" | ")),
    }
}

/// The data directory to use: `wanted`, unless PostgreSQL will run as another user (we are root) who cannot reach
/// it — typically a checkout under `/root` — in which case a directory of its own under `/var/tmp`, named after
/// `wanted` so each checkout keeps its own data between runs.
fn reachable_data_dir(wanted: &Path, run_as: Option<(Uid, Gid)>) -> PathBuf {
    let Some((uid, gid)) = run_as else {
        return wanted.to_path_buf();
    };
    let existing_ancestor = wanted
        .ancestors()
        .find(|dir| dir.exists())
        .unwrap_or(Path::new("/"));
    if reachable_by(existing_ancestor, uid, gid) {
        return wanted.to_path_buf();
    }
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    wanted.hash(&mut hasher);
    let fallback =
        PathBuf::from(format!("/var/tmp/jembatan-{:016x}", hasher.finish())).join("postgres");
    tracing::warn!(
        wanted = %wanted.display(),
        using = %fallback.display(),
        "the PostgreSQL user cannot reach the data directory (running as root under a private directory); \
         using a directory it can reach instead"
    );
    fallback
}

/// When running as root, the user PostgreSQL runs as instead (it refuses to run as root).
fn unprivileged_user_if_root() -> Result<Option<(Uid, Gid)>, EmbeddedPgError> {
    if !nix::unistd::geteuid().is_root() {
        return Ok(None);
    }
    for name in ["postgres", "nobody"] {
        if let Ok(Some(user)) = User::from_name(name) {
            return Ok(Some((user.uid, user.gid)));
        }
    }
    Err(EmbeddedPgError::NoUnprivilegedUser)
}

/// Whether every directory from `/` down to `path` can be entered by `uid`/`gid` (owner, group or other `x` bit).
fn reachable_by(path: &Path, uid: Uid, gid: Gid) -> bool {
    path.ancestors().all(|dir| {
        let Ok(meta) = fs::metadata(dir) else {
            return false;
        };
        let mode = meta.mode();
        if meta.uid() == uid.as_raw() {
            mode & 0o100 != 0
        } else if meta.gid() == gid.as_raw() {
            mode & 0o010 != 0
        } else {
            mode & 0o001 != 0
        }
    })
}

fn free_port() -> std::io::Result<u16> {
    let listener = TcpListener::bind(("127.0.0.1", 0))?;
    Ok(listener.local_addr()?.port())
}

fn random_password() -> String {
    use rand::Rng;
    rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(32)
        .map(char::from)
        .collect()
}

fn absolute(path: &Path) -> Result<PathBuf, EmbeddedPgError> {
    std::path::absolute(path).map_err(|source| io_error(path, source))
}

fn io_error(path: &Path, source: std::io::Error) -> EmbeddedPgError {
    EmbeddedPgError::Io {
        path: path.display().to_string(),
        source,
    }
}
