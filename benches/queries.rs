//! Query latency, warm (in process, store already open), on a store of
//! 100,000 generated incidents (`ckg gen --incidents 100000 --seed 1`):
//! the example query, a 2-hop `neighbors` and a `path`, each for a
//! small actor (Islamic State: 1 claim, 213 incidents) and the most prolific
//! one (Security Belt Forces: 1,964 claims, 14,019 incidents).
//!
//! `cargo bench --bench queries`. The store is built once (about 35 s) under
//! `target/ckg-bench/` and reused; set `CKG_BENCH_DB` to use another store.
//! Cold (whole CLI run) figures come from `scripts/bench_cli.sh`.

use std::path::PathBuf;
use std::sync::OnceLock;

use ckg::Store;
use ckg::import::{self, Dataset, GenOptions, ImportOptions, NoHooks};
use ckg::query::cypher::{self, Limits};
use ckg::query::traverse::{self, TraverseOptions};

fn main() {
    divan::main();
}

const INCIDENTS: u64 = 100_000;

fn example(actor: &str) -> String {
    format!(
        "MATCH (a:Actor {{name: \"{actor}\"}})<-[:CLAIMED_BY]-(i:Incident)-[:OCCURRED_AT]->(l:Location) \
         RETURN i.date, i.type, l.name, i.killed ORDER BY i.date"
    )
}

/// The benchmark store, built from generated rows the first time.
fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let path = match std::env::var_os("CKG_BENCH_DB") {
            Some(p) => PathBuf::from(p),
            None => build_store(),
        };
        let store = Store::open(&path).expect("open the benchmark store");
        let incidents = store.stats().expect("stats").nodes["Incident"];
        assert!(incidents >= INCIDENTS, "{} holds {incidents} incidents", path.display());
        store
    })
}

fn build_store() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/ckg-bench");
    let db = dir.join("queries-100k.db");
    let done = dir.join("queries-100k.done");
    if done.exists() {
        return db;
    }
    let _ = std::fs::remove_dir_all(&db);
    std::fs::create_dir_all(&dir).expect("create target/ckg-bench");
    let csv = dir.join("queries-100k.csv");
    let file = std::fs::File::create(&csv).expect("create the generated file");
    let options = GenOptions { incidents: INCIDENTS, seed: 1, actors: 3000 };
    import::generate(&options, std::io::BufWriter::new(file)).expect("generate");
    eprintln!("building {} from {INCIDENTS} generated incidents...", db.display());
    {
        let store = Store::open(&db).expect("create the store");
        import::import_files(&store, Dataset::Gen, std::slice::from_ref(&csv), &ImportOptions::default(), &mut NoHooks)
            .expect("import");
        store.flush().expect("flush");
    }
    std::fs::remove_file(&csv).expect("remove the generated file");
    std::fs::write(&done, b"").expect("mark the store built");
    db
}

#[divan::bench(args = ["Islamic State", "Security Belt Forces"], sample_count = 20)]
fn example_query(bencher: divan::Bencher, actor: &str) {
    let (store, text) = (store(), example(actor));
    bencher.bench_local(|| cypher::query(store, &text, &Limits::default()).expect("query").len());
}

#[divan::bench(args = ["Islamic State", "Security Belt Forces"], sample_count = 10)]
fn neighbors_2_hops(bencher: divan::Bencher, actor: &str) {
    let store = store();
    bencher.bench_local(|| traverse::neighbors(store, actor, 2, 2_000_000).expect("neighbors").nodes.len());
}

#[divan::bench(
    args = [("Islamic State", "Taliban"), ("Security Belt Forces", "Islamic Defenders Movement")],
    sample_count = 10
)]
fn path(bencher: divan::Bencher, ends: (&str, &str)) {
    let store = store();
    let options = TraverseOptions::default();
    bencher.bench_local(|| traverse::path(store, ends.0, ends.1, &options).expect("path").len());
}
