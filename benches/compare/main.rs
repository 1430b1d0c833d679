//! ckg against SQLite on the same data, in the same run.
//!
//! ```text
//! cargo build --release
//! cargo bench --bench compare -- --incidents 1000000 --ckg target/release/ckg --work /tmp/ckg-bench \
//!     --ucdp ../shared/datasets/ucdp/ged191_syria.csv
//! ```
//! (`scripts/bench_compare.sh` does exactly this.) Without arguments it runs
//! at 20,000 incidents. Imports and cold runs are child processes measured
//! with /usr/bin/time (wall time and peak RSS); warm queries run in-process,
//! median of five after one warm-up. Prints a Markdown table.

mod sqlite;

// The allocator the `ckg` binary ships with, so warm in-process queries run as
// `ckg` does (SQLite's C code allocates through its own malloc either way).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use ckg::import::{Dataset, GenOptions};
use ckg::model::{NodeId, NodeKind};
use ckg::query::IncidentFilter;
use ckg::{Store, StoreConfig};

struct Options {
    incidents: u64,
    seed: u64,
    work: PathBuf,
    ckg: PathBuf,
    ucdp: Option<PathBuf>,
    /// Query stores left by an earlier run instead of importing again.
    reuse: bool,
}

/// One line of the table: what, ckg's figure, SQLite's, unit, the goal.
struct Line {
    what: String,
    ckg: f64,
    sqlite: f64,
    unit: &'static str,
    goal: String,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let result = match args.first().map(String::as_str) {
        Some("sqlite-import") => child_import(&args[1..]),
        Some("sqlite-claims") => child_claims(&args[1..]),
        _ => run(&parse(&args)),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn parse(args: &[String]) -> Options {
    let mut o = Options {
        incidents: 20_000,
        seed: 42,
        work: std::env::temp_dir().join("ckg-bench"),
        ckg: PathBuf::from("target/release/ckg"),
        ucdp: None,
        reuse: false,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        if flag == "--reuse" {
            o.reuse = true;
            continue;
        }
        let value = it.next().cloned().unwrap_or_default();
        match flag.as_str() {
            "--incidents" => o.incidents = value.parse().expect("--incidents N"),
            "--seed" => o.seed = value.parse().expect("--seed S"),
            "--work" => o.work = value.into(),
            "--ckg" => o.ckg = value.into(),
            "--ucdp" => o.ucdp = Some(value.into()),
            other => panic!("unknown argument {other}"),
        }
    }
    o
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn child_import(args: &[String]) -> Res<()> {
    let dataset = Dataset::parse(&args[0]).ok_or("dataset")?;
    let mut conn = sqlite::open(Path::new(&args[2]))?;
    let rows = sqlite::import_file(&mut conn, dataset, Path::new(&args[1]))?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    println!("{rows}");
    Ok(())
}

fn child_claims(args: &[String]) -> Res<()> {
    let conn = sqlite::open(Path::new(&args[0]))?;
    let rows = sqlite::claims(&conn, &args[1])?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for r in &rows {
        use std::io::Write;
        writeln!(
            out,
            "{}",
            serde_json::json!({"id": r.0, "type": r.1, "summary": r.2, "date": r.3, "killed": r.4, "place": r.5, "actors": r.6})
        )?;
    }
    Ok(())
}

/// Runs `cmd` under /usr/bin/time: (seconds, peak RSS in MB, stdout).
fn timed(cmd: &mut Command, work: &Path) -> Res<(f64, f64, String)> {
    let report = work.join("time.txt");
    let mut full = Command::new("/usr/bin/time");
    full.arg("-f").arg("%M").arg("-o").arg(&report).arg(cmd.get_program());
    full.args(cmd.get_args());
    let started = Instant::now();
    let out = full.stderr(Stdio::inherit()).output()?;
    let seconds = started.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!("{:?} failed", cmd.get_program()).into());
    }
    let kb: f64 = std::fs::read_to_string(&report)?.trim().lines().last().unwrap_or("0").parse()?;
    Ok((seconds, kb / 1024.0, String::from_utf8_lossy(&out.stdout).into_owned()))
}

fn dir_size(path: &Path) -> u64 {
    if path.is_file() {
        return path.metadata().map(|m| m.len()).unwrap_or(0);
    }
    std::fs::read_dir(path).map(|entries| entries.flatten().map(|e| dir_size(&e.path())).sum()).unwrap_or(0)
}

/// Imports `file` into fresh ckg and SQLite stores: the import lines and both paths.
fn imports(o: &Options, dataset: Dataset, file: &Path, tag: &str, rows: f64) -> Res<Vec<Line>> {
    let db = o.work.join(format!("ckg-{tag}"));
    let lite = o.work.join(format!("sqlite-{tag}.db"));
    let _ = std::fs::remove_dir_all(&db);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", lite.display()));
    }
    eprintln!("importing {tag} into ckg ...");
    let mut cmd = Command::new(&o.ckg);
    cmd.arg("--db").arg(&db).args(["import", dataset.name(), "--json"]).arg(file);
    let (ckg_s, ckg_rss, _) = timed(&mut cmd, &o.work)?;
    eprintln!("importing {tag} into SQLite ...");
    let mut cmd = Command::new(std::env::current_exe()?);
    cmd.args(["sqlite-import", dataset.name()]).arg(file).arg(&lite);
    let (lite_s, lite_rss, _) = timed(&mut cmd, &o.work)?;
    let imported_size = dir_size(&db) as f64 / 1e6;
    eprintln!("compacting {tag} ...");
    let mut cmd = Command::new(&o.ckg);
    cmd.arg("--db").arg(&db).arg("compact");
    let (compact_s, _, _) = timed(&mut cmd, &o.work)?;
    eprintln!("compacted {tag} in {compact_s:.1} s");
    let lite_size = dir_size(&lite) as f64 / 1e6;
    let lines = vec![
        line(format!("import {tag} (incidents/s)"), rows / ckg_s, rows / lite_s, "/s", ">= 50,000"),
        line(format!("import {tag}: peak RSS"), ckg_rss, lite_rss, "MB", ""),
        line(format!("store size {tag}, as imported"), imported_size, lite_size, "MB", "<= 3x SQLite"),
        line(
            format!("store size {tag}, after `ckg compact`"),
            dir_size(&db) as f64 / 1e6,
            lite_size,
            "MB",
            "<= 3x SQLite",
        ),
    ];
    Ok(lines)
}

fn line(what: String, ckg: f64, sqlite: f64, unit: &'static str, goal: &str) -> Line {
    Line { what, ckg, sqlite, unit, goal: goal.to_string() }
}

/// Median milliseconds of five runs after a warm-up, and the last result's size.
fn warm<T>(mut f: impl FnMut() -> T, size: impl Fn(&T) -> usize) -> (f64, usize) {
    let mut n = size(&f());
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            n = size(&f());
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[2], n)
}

/// Actors within `hops` shared-incident steps of `seed`, itself excluded.
fn ckg_neighbourhood(store: &Store, seed: NodeId, hops: usize) -> usize {
    ckg::query::traverse::actors_within(store, seed, hops).expect("actors within").len()
}

fn queries(o: &Options, db: &Path, lite: &Path, lines: &mut Vec<Line>) -> Res<()> {
    let store = Store::open_with(db, &StoreConfig { must_exist: true, ..StoreConfig::default() })?;
    let conn = sqlite::open(lite)?;
    let (claimant, n_claims, seed, seed_id) = sqlite::pick_actors(&conn)?;
    eprintln!("claimant {claimant} ({n_claims} claims), traversal seed {seed}");
    let (ck, n1) = warm(|| ckg::query::claims(&store, &claimant).expect("claims"), Vec::len);
    let (sq, n2) = warm(|| sqlite::claims(&conn, &claimant).expect("claims"), Vec::len);
    lines.push(line(format!("claims \"{claimant}\", warm ({n1} / {n2} rows)"), ck, sq, "ms", "<= 10 ms"));
    let (typical, _) = sqlite::claimant(&conn, 50)?;
    let (ck, n1) = warm(|| ckg::query::claims(&store, &typical).expect("claims"), Vec::len);
    let (sq, n2) = warm(|| sqlite::claims(&conn, &typical).expect("claims"), Vec::len);
    lines.push(line(
        format!("claims \"{typical}\" (51st claimant), warm ({n1} / {n2} rows)"),
        ck,
        sq,
        "ms",
        "<= 10 ms",
    ));
    let (place, from, to) = busiest_place(&conn, &claimant)?;
    let filter = IncidentFilter {
        actor: Some(claimant.clone()),
        place: Some(place.clone()),
        from: from.parse().ok(),
        to: to.parse().ok(),
        kind: None,
    };
    let (ck, n1) = warm(|| ckg::query::incidents(&store, &filter).expect("incidents"), Vec::len);
    let (sq, n2) = warm(|| sqlite::incidents(&conn, &claimant, &place, &from, &to).expect("incidents"), Vec::len);
    lines.push(line(
        format!("incidents --actor --place {place} --from {from} --to {to} ({n1} / {n2})"),
        ck,
        sq,
        "ms",
        "",
    ));
    let seed_node = NodeId { kind: NodeKind::Actor, hash: seed_id as u64 };
    for hops in [2, 3] {
        let (ck, n1) = warm(|| ckg_neighbourhood(&store, seed_node, hops), |n| *n);
        let (sq, n2) = warm(|| sqlite::neighbourhood(&conn, seed_id, hops).expect("hops"), |n| *n);
        let goal = if hops == 2 { ">= 2x faster" } else { "" };
        lines.push(line(format!("{hops}-hop actors from \"{seed}\" ({n1} / {n2})"), ck, sq, "ms", goal));
    }
    drop(store);
    cold(o, db, lite, &claimant, lines)
}

/// The admin area where the actor was most active, in its busiest year.
fn busiest_place(conn: &rusqlite::Connection, actor: &str) -> Res<(String, String, String)> {
    let (place, year): (String, String) = conn.query_row(
        "SELECT admin.name, substr(i.date_start, 1, 4) y FROM actor_names n
         JOIN incident_actors ia ON ia.actor_id = n.actor_id JOIN incidents i ON i.id = ia.incident_id
         JOIN places p ON p.id = i.place_id JOIN places admin ON admin.id = p.parent_id
         WHERE n.name = ?1 AND admin.precision = 'admin_area'
         GROUP BY admin.id, y ORDER BY count(*) DESC LIMIT 1",
        [ckg::model::normalize_name(actor)],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((place, format!("{year}-01-01"), format!("{year}-12-31")))
}

/// `ckg claims` as a whole CLI run against the same query from a fresh SQLite process.
fn cold(o: &Options, db: &Path, lite: &Path, claimant: &str, lines: &mut Vec<Line>) -> Res<()> {
    let (mut ck, mut sq) = (Vec::new(), Vec::new());
    let (mut ck_rss, mut sq_rss) = (0f64, 0f64);
    for _ in 0..5 {
        let mut cmd = Command::new(&o.ckg);
        cmd.arg("--db").arg(db).args(["claims", claimant, "--format", "json"]);
        let (s, rss, _) = timed(&mut cmd, &o.work)?;
        ck.push(s * 1000.0);
        ck_rss = ck_rss.max(rss);
        let mut cmd = Command::new(std::env::current_exe()?);
        cmd.arg("sqlite-claims").arg(lite).arg(claimant);
        let (s, rss, _) = timed(&mut cmd, &o.work)?;
        sq.push(s * 1000.0);
        sq_rss = sq_rss.max(rss);
    }
    ck.sort_by(f64::total_cmp);
    sq.sort_by(f64::total_cmp);
    lines.push(line("claims, whole CLI run (cold process)".into(), ck[2], sq[2], "ms", "<= 50 ms"));
    lines.push(line("claims CLI run: peak RSS".into(), ck_rss, sq_rss, "MB", "<= 200 MB"));
    Ok(())
}

fn run(o: &Options) -> Res<()> {
    std::fs::create_dir_all(&o.work)?;
    let data = o.work.join(format!("gen-{}-s{}.csv", o.incidents, o.seed));
    if !data.exists() {
        eprintln!("generating {} incidents ...", o.incidents);
        let file = std::io::BufWriter::new(std::fs::File::create(&data)?);
        let options = GenOptions { incidents: o.incidents, seed: o.seed, ..GenOptions::default() };
        ckg::import::generate(&options, file)?;
    }
    let mut lines = Vec::new();
    let tag = format!("gen{}", o.incidents);
    let (db, lite) = (o.work.join(format!("ckg-{tag}")), o.work.join(format!("sqlite-{tag}.db")));
    if !(o.reuse && db.exists() && lite.exists()) {
        if let Some(ucdp) = &o.ucdp {
            lines.extend(imports(o, Dataset::Ucdp, ucdp, "ucdp", 16_566.0)?);
        }
        lines.extend(imports(o, Dataset::Gen, &data, &tag, o.incidents as f64)?);
    }
    queries(o, &db, &lite, &mut lines)?;
    let table = render(o, &lines);
    std::fs::write(o.work.join("results.md"), &table)?;
    println!("{table}");
    Ok(())
}

fn render(o: &Options, lines: &[Line]) -> String {
    let mut out = format!(
        "ckg vs SQLite, {} generated incidents (seed {})\n\n| measure | ckg | SQLite | ckg / SQLite | goal |\n|---|---:|---:|---:|---|\n",
        o.incidents, o.seed
    );
    for l in lines {
        let fmt = |v: f64| match l.unit {
            "/s" => format!("{v:.0}/s"),
            "ms" => format!("{v:.1} ms"),
            _ => format!("{v:.1} {}", l.unit),
        };
        let ratio = if l.sqlite > 0.0 { l.ckg / l.sqlite } else { f64::NAN };
        out.push_str(&format!("| {} | {} | {} | {:.2} | {} |\n", l.what, fmt(l.ckg), fmt(l.sqlite), ratio, l.goal));
    }
    out
}
