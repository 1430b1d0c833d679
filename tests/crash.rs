//! Crash safety: SIGKILL `ckg ingest` at 20 pseudo-random moments; after each
//! kill `ckg check` must pass, and finishing the ingest must give exactly the
//! store an uninterrupted ingest builds.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

const KILLS: u64 = 20;

/// SplitMix64: a tiny deterministic generator (no extra crates).
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

/// Copies the sample articles, plus two revisions of each (one extra line, so new
/// articles whose incidents merge into stored ones): more writes to interrupt.
fn copy_articles(to: &Path) -> usize {
    std::fs::create_dir_all(to).unwrap();
    let mut n = 0;
    for entry in std::fs::read_dir(articles_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(to.join(format!("{stem}.txt")), &text).unwrap();
        for rev in 1..=2 {
            let revised = format!("{text}\nThis report was updated (revision {rev}).\n");
            std::fs::write(to.join(format!("{stem}_rev{rev}.txt")), revised).unwrap();
        }
        n += 3;
    }
    n
}

/// An uninterrupted ingest into `db`, timed.
struct Reference {
    stats: serde_json::Value,
    /// From spawn to the first file reported stored: startup (loading dictionaries, opening sled).
    first_write: Duration,
    /// From spawn to exit.
    full: Duration,
}

fn reference(articles: &Path, db: &Path) -> Reference {
    let started = Instant::now();
    let mut child = ckg_db(db, &["ingest"]).arg(articles).stderr(Stdio::piped()).spawn().unwrap();
    let mut first_write = None;
    for line in BufReader::new(child.stderr.take().unwrap()).lines() {
        if line.unwrap().starts_with("ingested ") && first_write.is_none() {
            first_write = Some(started.elapsed());
        }
    }
    assert!(child.wait().unwrap().success(), "reference ingest failed");
    let full = started.elapsed();
    assert_check_ok(db);
    Reference { stats: stats_json(db), first_write: first_write.expect("nothing ingested"), full }
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
    child.kill().unwrap(); // SIGKILL on Unix; harmless once the child has exited
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

/// Kill delays: even iterations anywhere from spawn to a little past a full ingest,
/// odd ones within the write phase (after startup), where a kill can split a batch.
fn delay(rng: &mut SplitMix, iteration: u64, r: &Reference) -> Duration {
    let full = r.full.as_micros() as u64;
    let (from, to) = if iteration.is_multiple_of(2) {
        (0, full * 11 / 10)
    } else {
        (r.first_write.as_micros() as u64 * 9 / 10, full)
    };
    Duration::from_micros(from + rng.below(to.saturating_sub(from).max(1000)))
}

fn articles_in(check_output: &str) -> u64 {
    let before = check_output.split(" articles").next().unwrap_or_default();
    before.rsplit(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

#[test]
fn sigkill_during_ingest_never_leaves_a_broken_store() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    let files = copy_articles(&articles) as u64;
    assert!(files >= 36, "too few sample articles: {files}");
    let reference = reference(&articles, &dir.path().join("reference.db"));

    let (mut generation, mut interrupted, mut partial) = (0, 0, 0);
    let mut complete = false;
    for iteration in 0..KILLS {
        // Seeded from the iteration, so any one of them can be replayed alone.
        let mut rng = SplitMix(0x636b_675f_6372_6173 ^ iteration);
        // A fresh store now and then, and always after the last one was completed.
        if complete || rng.below(3) == 0 {
            generation += 1;
        }
        let store = dir.path().join(format!("store-{generation}"));
        let delay = delay(&mut rng, iteration, &reference);
        interrupted += u64::from(ingest_and_kill(&store, &articles, delay));
        if !store.join("conf").exists() && !store.join("db").exists() {
            complete = false; // killed before sled created anything: nothing to check
            continue;
        }
        let report = assert_check_ok(&store);
        let stored = articles_in(&report);
        complete = stored == files;
        partial += u64::from(stored > 0 && !complete);
        eprintln!("iteration {iteration}: store-{generation}, killed after {delay:?}: {stored} articles");
    }
    eprintln!("{interrupted} of {KILLS} ingests interrupted, {partial} left a partly ingested batch");
    assert!(interrupted > 0, "no ingest was interrupted in {KILLS} tries");

    // Finishing every store that was interrupted yields the uninterrupted result.
    for g in 0..=generation {
        let store = dir.path().join(format!("store-{g}"));
        ingest(&store, &[&articles]);
        assert_check_ok(&store);
        assert_eq!(stats_json(&store), reference.stats, "store-{g} differs after a clean re-run");
    }
}
