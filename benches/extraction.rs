//! Extraction throughput (issue 3): MB of article text per second through
//! `Extractor::shared().extract_article`, on one core.
//!
//! ```text
//! cargo bench --bench extraction
//! cargo bench --bench extraction -- extraction/synthetic   # one corpus
//! ```
//!
//! Two corpora: (a) the committed sample articles in `data/articles/*.txt`
//! (long feature-style reports with a header), and (b) short wire-style
//! reports generated here from templates (seeded, so every run extracts the
//! same text). Throughput is reported in decimal MB/s, the unit of the issue
//! and of `ckg eval`. A third group times the one-off start-up cost (loading
//! the gazetteer and the actor dictionary), which is not part of throughput.
//!
//! `CKG_BENCH_DUMP=FILE cargo bench --bench extraction -- --list` writes the
//! synthetic corpus to FILE as `ckg extract --batch` input.

use std::hint::black_box;
use std::time::Duration;

use ckg::extract::{ActorDict, ExtractOptions, Extractor, Gazetteer, parse_published};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The sample articles, in name order.
fn articles() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("data/articles")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read_to_string(p).expect("article")).collect()
}

/// A small deterministic generator (SplitMix64): no dependency, same corpus every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// (town, admin area, country) triples the gazetteer knows.
const PLACES: &[(&str, &str, &str)] = &[
    ("Maiduguri", "Borno state", "Nigeria"),
    ("Konduga", "Borno state", "Nigeria"),
    ("Kabul", "Kabul province", "Afghanistan"),
    ("Jalalabad", "Nangarhar province", "Afghanistan"),
    ("Kunduz", "Kunduz province", "Afghanistan"),
    ("Mogadishu", "Banaadir region", "Somalia"),
    ("Baidoa", "Bay region", "Somalia"),
    ("Baghdad", "Baghdad governorate", "Iraq"),
    ("Kirkuk", "Kirkuk governorate", "Iraq"),
    ("Peshawar", "Khyber Pakhtunkhwa province", "Pakistan"),
    ("Quetta", "Balochistan province", "Pakistan"),
    ("Gao", "Gao region", "Mali"),
    ("Djibo", "Sahel region", "Burkina Faso"),
    ("Pemba", "Cabo Delgado province", "Mozambique"),
    ("Beni", "North Kivu province", "Democratic Republic of the Congo"),
    ("Arish", "North Sinai governorate", "Egypt"),
];

const GROUPS: &[&str] = &[
    "Boko Haram",
    "the Islamic State West Africa Province",
    "the Taliban",
    "al-Shabaab",
    "the Islamic State",
    "Tehrik-i-Taliban Pakistan",
    "Jama'at Nusrat al-Islam wal-Muslimin",
    "the Allied Democratic Forces",
];

const ATTACKERS: &[&str] = &["Gunmen", "Suspected militants", "Unidentified assailants", "Insurgents", "Masked men"];
const VICTIMS: &[&str] = &["civilians", "soldiers", "police officers", "villagers", "worshippers", "students"];
const TARGETS: &[&str] =
    &["a police checkpoint", "a military base", "a market", "a mosque", "a school", "a bus", "a village"];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: &[&str] = &["January", "February", "March", "April", "May", "June"];
const SPEAKERS: &[&str] = &["police said", "a local official said", "the army said", "residents told reporters"];
const NUMBERS: &[&str] = &["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "12", "15", "23"];

/// One short report of 2–5 sentences, in the style of wire copy and dataset notes.
fn report(rng: &mut Rng) -> String {
    let (town, admin, country) = PLACES[rng.below(PLACES.len() as u64) as usize];
    let group = rng.pick(GROUPS);
    let killed = rng.pick(NUMBERS);
    let injured = rng.pick(NUMBERS);
    let day = rng.pick(WEEKDAYS);
    let date = format!("{} {}", rng.below(28) + 1, rng.pick(MONTHS));
    let attackers = rng.pick(ATTACKERS);
    let victims = rng.pick(VICTIMS);
    let target = rng.pick(TARGETS);
    let speaker = rng.pick(SPEAKERS);
    let opening = match rng.below(6) {
        0 => format!(
            "{attackers} attacked {target} in {town}, {admin}, {country}, on {day}, killing {killed} {victims} and wounding {injured} others, {speaker}."
        ),
        1 => format!(
            "A suicide bomber blew himself up at {target} in {town} on {date}, killing at least {killed} people, {speaker}."
        ),
        2 => format!(
            "{:02}/{:02}/2021: An explosive device detonated near {target} in {town}, {admin}, {country}. {} {victims} were killed and {injured} others were injured in the blast.",
            rng.below(6) + 1,
            rng.below(28) + 1,
            capitalise(killed)
        ),
        3 => format!(
            "Militants stormed {target} about {} km north of {town} overnight and abducted {killed} {victims}, according to local authorities.",
            rng.below(60) + 5
        ),
        4 => format!(
            "{} {victims} were killed when {} fighters ambushed a convoy near {town} in {country} on {day} night.",
            capitalise(killed),
            group.trim_start_matches("the ")
        ),
        _ => format!(
            "Clashes between security forces and {group} in {town} left {killed} dead on {date}, {speaker} on {day}."
        ),
    };
    let mut text = opening;
    match rng.below(5) {
        0 => text.push_str(&format!(
            " {} claimed responsibility for the attack in a statement on Telegram.",
            capitalise(group)
        )),
        1 => text.push_str(" No group has claimed responsibility for the attack."),
        2 => text.push_str(&format!(" Authorities blamed {group} for the attack, but the group denied involvement.")),
        3 => {
            text.push_str(&format!(" {} said it carried out the attack, via its Amaq news agency.", capitalise(group)))
        }
        _ => text.push_str(" There was no immediate claim of responsibility."),
    }
    if rng.below(2) == 0 {
        text.push_str(&format!(
            " Separately, {} people were wounded when a roadside bomb exploded in {} earlier this week.",
            rng.pick(NUMBERS),
            PLACES[rng.below(PLACES.len() as u64) as usize].0
        ));
    }
    if rng.below(3) == 0 {
        text.push_str(&format!(
            " The attack was the deadliest in {country} since {}, officials told AFP.",
            rng.pick(MONTHS)
        ));
    }
    text
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// 2,000 synthetic reports with their options (published 2021-06-30).
fn synthetic() -> Vec<String> {
    let mut rng = Rng(2021);
    (0..2_000).map(|_| report(&mut rng)).collect()
}

fn extraction(c: &mut Criterion) {
    let extractor = Extractor::shared();
    let options = ExtractOptions { published: parse_published("2021-06-30"), title: None };
    let corpora = [("articles", articles()), ("synthetic", synthetic())];
    if let Some(path) = std::env::var_os("CKG_BENCH_DUMP") {
        dump(&corpora[1].1, std::path::Path::new(&path));
    }
    let mut group = c.benchmark_group("extraction");
    group.measurement_time(Duration::from_secs(10));
    group.sample_size(20);
    for (name, docs) in &corpora {
        let bytes: usize = docs.iter().map(String::len).sum();
        group.throughput(Throughput::BytesDecimal(bytes as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                for doc in docs {
                    let out = extractor.extract_article(black_box(doc), Some(&options)).expect("extracts");
                    black_box(out);
                }
            })
        });
    }
    group.finish();
}

/// Writes the synthetic corpus as `ckg extract --batch` input, one JSON object a line.
fn dump(docs: &[String], path: &std::path::Path) {
    let lines: Vec<String> = docs
        .iter()
        .enumerate()
        .map(|(i, text)| {
            serde_json::json!({"id": format!("syn{i}"), "text": text, "published": "2021-06-30"}).to_string()
        })
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").expect("write the corpus");
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.bench_function("gazetteer", |b| b.iter(|| black_box(Gazetteer::bundled())));
    group.bench_function("actors", |b| b.iter(|| black_box(ActorDict::bundled())));
    group.finish();
}

criterion_group!(benches, extraction, startup);
criterion_main!(benches);
