//! Crash safety: SIGKILL `ckg ingest` at 20 pseudo-random moments; after each
//! kill `ckg check` must pass, and finishing the ingest must give exactly the
//! store an uninterrupted ingest builds.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

const KILLS: u64 = 20;

/// SplitMix64: a tiny deterministic generator, so a failing iteration can be replayed.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A value in `0..bound`.
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

/// Copies the sample articles into a directory of their own.
fn copy_articles(to: &Path) -> usize {
    std::fs::create_dir_all(to).unwrap();
    let mut n = 0;
    for entry in std::fs::read_dir(articles_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
            n += 1;
        }
    }
    n
}

/// Builds a reference store without interruption; returns its stats and how long ingest took.
fn reference(articles: &Path, db: &Path) -> (serde_json::Value, Duration) {
    let started = Instant::now();
    ingest(db, &[articles]);
    let took = started.elapsed();
    assert_check_ok(db);
    (stats_json(db), took)
}

/// Starts `ckg ingest`, kills it with SIGKILL after `delay`; true if it was still running.
fn ingest_and_kill(db: &Path, articles: &Path, delay: Duration) -> bool {
    let mut child = ckg_db(db, &["ingest"])
        .arg(articles)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("cannot start ckg ingest");
    std::thread::sleep(delay);
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL on Unix; a no-op error-free call if it already exited
    let status = child.wait().unwrap();
    if running {
        use std::os::unix::process::ExitStatusExt;
        // It may have finished between try_wait and kill; otherwise it died of SIGKILL.
        assert!(status.success() || status.signal() == Some(9), "ingest ended with {status}");
    } else {
        assert!(status.success(), "ingest failed on its own with {status}");
    }
    running
}

#[test]
fn sigkill_during_ingest_never_leaves_a_broken_store() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    let files = copy_articles(&articles);
    assert!(files >= 12, "too few sample articles: {files}");
    let (expected, full) = reference(&articles, &dir.path().join("reference.db"));
    // Kill anywhere from before the store is opened to a little after a full ingest.
    let window = (full.as_micros() as u64 * 11 / 10).max(1000);

    let mut rng = SplitMix(0x636b_675f_6372_6173);
    let mut generation = 0;
    let mut store: PathBuf = dir.path().join("store-0");
    let mut interrupted = 0;
    for iteration in 0..KILLS {
        if rng.below(3) == 0 {
            generation += 1;
            store = dir.path().join(format!("store-{generation}"));
        }
        let delay = Duration::from_micros(rng.below(window));
        if ingest_and_kill(&store, &articles, delay) {
            interrupted += 1;
        }
        if !store.join("conf").exists() && !store.join("db").exists() {
            // Killed before sled created anything: there is no store to check yet.
            continue;
        }
        let report = assert_check_ok(&store);
        eprintln!("iteration {iteration}: killed after {delay:?}: {}", report.lines().next().unwrap());
    }
    assert!(interrupted > 0, "no ingest was interrupted in {KILLS} tries");

    // Finishing every store that was interrupted yields the uninterrupted result.
    for g in 0..=generation {
        let store = dir.path().join(format!("store-{g}"));
        ingest(&store, &[&articles]);
        assert_check_ok(&store);
        assert_eq!(stats_json(&store), expected, "store-{g} differs after a clean re-run");
    }
}
