//! Micro-benchmarks of the import path (divan): parsing generated ACLED-style
//! rows, and writing them to a store in batches. `cargo bench --bench import`.

use std::path::PathBuf;

use ckg::Store;
use ckg::import::{self, Dataset, GenOptions, ImportOptions, NoHooks, Resolver, Row};

fn main() {
    divan::main();
}

const ROWS: u64 = 2_000;

fn generated() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("gen.csv");
    let file = std::fs::File::create(&path).expect("create");
    let options = GenOptions { incidents: ROWS, seed: 5, actors: 500 };
    import::generate(&options, std::io::BufWriter::new(file)).expect("generate");
    (dir, path)
}

/// Rows parsed and resolved (actors, places), nothing stored.
#[divan::bench(sample_count = 10)]
fn parse_rows(bencher: divan::Bencher) {
    let (_dir, path) = generated();
    let mut resolver = Resolver::new();
    bencher.counter(divan::counter::ItemsCount::new(ROWS)).bench_local(|| {
        let mut n = 0;
        import::read_file(Dataset::Gen, &path, &ImportOptions::default(), &mut resolver, |row, _| {
            n += matches!(row, Row::Parsed(..)) as u64;
            Ok(())
        })
        .expect("read");
        n
    });
}

/// A whole import into a fresh store (parse, resolve, write, flush).
#[divan::bench(sample_count = 5)]
fn import_into_fresh_store(bencher: divan::Bencher) {
    let (dir, path) = generated();
    let mut round = 0;
    bencher.counter(divan::counter::ItemsCount::new(ROWS)).bench_local(|| {
        round += 1;
        let store = Store::open(dir.path().join(format!("db{round}"))).expect("open");
        import::import_files(&store, Dataset::Gen, std::slice::from_ref(&path), &ImportOptions::default(), &mut NoHooks)
            .expect("import")
    });
}
