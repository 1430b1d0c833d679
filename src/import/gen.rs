//! `ckg gen`: a synthetic conflict-event dataset for scale tests and
//! benchmarks, in ACLED's current columns plus `claimed_by` (read by `ckg
//! import gen` or `ckg import acled`).
//!
//! The shape follows real event data: a few thousand actors (the dictionary's
//! armed groups and state forces, then invented groups and militias) whose
//! activity is heavy-tailed (Zipf), operating mostly in their home country
//! among thirty conflict countries; places are gazetteer towns, chosen with
//! weight growing with population; dates are spread over ten years
//! (2014-2023); fatalities are mostly zero with a long tail; about one attack
//! by an armed group in four is claimed. The same seed gives the same file.

use std::io::Write;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::extract::Extractor;
use crate::model::ActorKind;

/// Columns written, ACLED's current scheme plus `claimed_by`.
pub const COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "claimed_by",
];

const COUNTRIES: &[(&str, u32)] = &[
    ("SY", 12),
    ("NG", 10),
    ("SO", 9),
    ("AF", 9),
    ("IQ", 8),
    ("YE", 8),
    ("ML", 6),
    ("BF", 5),
    ("CD", 7),
    ("SD", 5),
    ("SS", 4),
    ("CF", 3),
    ("CM", 4),
    ("NE", 3),
    ("MZ", 3),
    ("ET", 4),
    ("LY", 4),
    ("PK", 6),
    ("IN", 5),
    ("PH", 4),
    ("MM", 5),
    ("CO", 4),
    ("MX", 5),
    ("UA", 6),
    ("EG", 3),
    ("KE", 3),
    ("TD", 2),
    ("LB", 2),
    ("TR", 3),
    ("BI", 2),
];

const ADJECTIVES: &[&str] = &[
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Free",
    "United",
    "Popular",
    "Revolutionary",
    "Patriotic",
    "Islamic",
    "National",
    "Democratic",
    "Sacred",
    "Red",
    "Black",
    "Green",
    "Highland",
    "Coastal",
    "Valley",
    "Desert",
    "River",
    "Mountain",
    "Martyrs'",
    "People's",
];
const NOUNS: &[&str] = &[
    "Lions",
    "Falcons",
    "Guardians",
    "Defenders",
    "Brothers",
    "Sons",
    "Partisans",
    "Eagles",
    "Wolves",
    "Swords",
    "Shields",
    "Hawks",
    "Tigers",
    "Vanguard",
    "Rangers",
    "Hunters",
];
const GROUPS: &[&str] = &[
    "Brigade",
    "Front",
    "Movement",
    "Army",
    "Battalion",
    "Militia",
    "Liberation Front",
    "Legion",
    "Resistance",
    "Alliance",
];

/// What to generate.
#[derive(Clone, Debug)]
pub struct GenOptions {
    pub incidents: u64,
    pub seed: u64,
    /// Size of the actor pool.
    pub actors: usize,
}

impl Default for GenOptions {
    fn default() -> GenOptions {
        GenOptions { incidents: 10_000, seed: 1, actors: 3_000 }
    }
}

/// What was generated.
#[derive(Clone, Debug, Default, Serialize)]
pub struct GenSummary {
    pub rows: u64,
    pub actors: usize,
    pub claimed: u64,
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Draws an index with probability proportional to its weight.
struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    fn new(weights: impl IntoIterator<Item = f64>) -> Weighted {
        let mut total = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Weighted { cumulative }
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        self.cumulative.partition_point(|c| *c <= x).min(self.cumulative.len().saturating_sub(1))
    }
}

struct GenActor {
    name: String,
    kind: ActorKind,
    country: usize,
}

struct Town {
    name: String,
    admin1: String,
    lat: f64,
    lon: f64,
}

struct GenCountry {
    name: String,
    towns: Vec<Town>,
    pick: Weighted,
    /// Actors at home here, by index.
    actors: Vec<usize>,
    forces: usize,
}

struct World {
    countries: Vec<GenCountry>,
    actors: Vec<GenActor>,
    activity: Weighted,
}

/// Writes `options.incidents` rows of CSV to `out`.
pub fn generate(options: &GenOptions, out: impl Write) -> Result<GenSummary> {
    let mut rng = Rng(options.seed ^ 0x636b_6720_6765_6e00);
    let world = build_world(&mut rng, options.actors.max(COUNTRIES.len() * 2));
    let mut csv = csv::Writer::from_writer(out);
    let failed = |e: csv::Error| Error::input("gen output", e.to_string());
    csv.write_record(COLUMNS).map_err(failed)?;
    let mut summary = GenSummary { actors: world.actors.len(), ..GenSummary::default() };
    for n in 0..options.incidents {
        let row = event(&world, &mut rng, n);
        summary.claimed += u64::from(!row[21].is_empty());
        csv.write_record(&row).map_err(failed)?;
        summary.rows += 1;
    }
    csv.flush().map_err(|e| Error::input("gen output", e.to_string()))?;
    Ok(summary)
}

fn build_world(rng: &mut Rng, pool: usize) -> World {
    let ex = Extractor::shared();
    let g = ex.gazetteer();
    let mut countries: Vec<GenCountry> = Vec::new();
    let mut weights = Vec::new();
    for (iso, weight) in COUNTRIES {
        let Some(idx) = g.country_index(iso) else { continue };
        let towns: Vec<Town> = g
            .cities
            .iter()
            .filter(|c| c.iso2 == *iso)
            .map(|c| Town {
                name: c.name.clone(),
                admin1: g.admin_of_city(c).map(|a| a.name.clone()).unwrap_or_default(),
                lat: c.lat,
                lon: c.lon,
            })
            .collect();
        if towns.is_empty() {
            continue;
        }
        let pops: Vec<f64> =
            g.cities.iter().filter(|c| c.iso2 == *iso).map(|c| f64::from(c.population.max(1000)).sqrt()).collect();
        countries.push(GenCountry {
            name: g.countries[idx as usize].name.clone(),
            towns,
            pick: Weighted::new(pops),
            actors: Vec::new(),
            forces: 0,
        });
        weights.push(f64::from(*weight));
    }
    let home = Weighted::new(weights);
    let actors = actor_pool(rng, &mut countries, &home, pool);
    // Activity is Zipf over a shuffled ranking: a few actors do much of the violence.
    let mut ranks: Vec<usize> = (0..actors.len()).collect();
    for i in (1..ranks.len()).rev() {
        ranks.swap(i, rng.below(i + 1));
    }
    let activity = Weighted::new(ranks.iter().map(|r| 1.0 / ((*r + 1) as f64).powf(1.05)));
    World { countries, actors, activity }
}

fn actor_pool(rng: &mut Rng, countries: &mut [GenCountry], home: &Weighted, pool: usize) -> Vec<GenActor> {
    let mut actors: Vec<GenActor> = Vec::new();
    for c in 0..countries.len() {
        let name = countries[c].name.clone();
        countries[c].forces = actors.len();
        add(&mut actors, countries, format!("Military Forces of {name}"), ActorKind::StateForce, c);
        add(&mut actors, countries, format!("Police Forces of {name}"), ActorKind::StateForce, c);
    }
    let ex = Extractor::shared();
    for entry in ex.actors().entries() {
        if entry.kind != ActorKind::ArmedGroup || actors.len() >= pool / 3 {
            continue;
        }
        let at_home = entry.country.as_deref().and_then(|iso| COUNTRIES.iter().position(|(c, _)| *c == iso));
        let country = at_home.filter(|c| *c < countries.len()).unwrap_or_else(|| home.draw(rng));
        add(&mut actors, countries, entry.name.clone(), ActorKind::ArmedGroup, country);
    }
    let mut seen: std::collections::HashSet<String> = actors.iter().map(|a| a.name.clone()).collect();
    while actors.len() < pool {
        let country = home.draw(rng);
        let name = if rng.unit() < 0.3 {
            let town = &countries[country].towns[countries[country].pick.draw(rng)];
            format!("{} Militia ({})", town.name, countries[country].name)
        } else {
            format!("{} {} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS), rng.pick(GROUPS))
        };
        if seen.insert(name.clone()) {
            add(&mut actors, countries, name, ActorKind::ArmedGroup, country);
        }
    }
    actors
}

fn add(actors: &mut Vec<GenActor>, countries: &mut [GenCountry], name: String, kind: ActorKind, country: usize) {
    countries[country].actors.push(actors.len());
    actors.push(GenActor { name, kind, country });
}

/// (event_type, sub_event_type, claimable) by actor kind.
fn event_kind(rng: &mut Rng, kind: ActorKind) -> (&'static str, &'static str, bool) {
    const STATE: &[(&str, &str, bool)] = &[
        ("Battles", "Armed clash", false),
        ("Battles", "Armed clash", false),
        ("Explosions/Remote violence", "Air/drone strike", false),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", false),
        ("Violence against civilians", "Attack", false),
        ("Strategic developments", "Arrests", false),
        ("Battles", "Government regains territory", false),
    ];
    const GROUP: &[(&str, &str, bool)] = &[
        ("Battles", "Armed clash", false),
        ("Battles", "Armed clash", false),
        ("Violence against civilians", "Attack", true),
        ("Violence against civilians", "Attack", true),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", true),
        ("Explosions/Remote violence", "Suicide bomb", true),
        ("Violence against civilians", "Abduction/forced disappearance", true),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", false),
        ("Battles", "Non-state actor overtakes territory", false),
    ];
    let table = if kind == ActorKind::StateForce { STATE } else { GROUP };
    *rng.pick(table)
}

fn inter(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::StateForce => "1",
        ActorKind::Civilians => "7",
        _ => "2",
    }
}

fn event(world: &World, rng: &mut Rng, n: u64) -> Vec<String> {
    let a1 = &world.actors[world.activity.draw(rng)];
    let country = if rng.unit() < 0.9 { a1.country } else { rng.below(world.countries.len()) };
    let place = &world.countries[country];
    let town = &place.towns[place.pick.draw(rng)];
    let (event_type, sub, claimable) = event_kind(rng, a1.kind);
    let (actor2, inter2) = if event_type == "Violence against civilians" || rng.unit() < 0.15 {
        (format!("Civilians ({})", place.name), "7")
    } else if a1.kind == ActorKind::StateForce || rng.unit() < 0.5 {
        let other = &world.actors[*rng.pick(&place.actors)];
        let other = if other.name == a1.name { &world.actors[place.forces] } else { other };
        (other.name.clone(), inter(other.kind))
    } else {
        (world.actors[place.forces].name.clone(), "1")
    };
    let start = NaiveDate::from_ymd_opt(2014, 1, 1).expect("valid date");
    let day = start + Days::new(rng.below(3652) as u64);
    let fatalities = if rng.unit() < 0.5 { 0 } else { ((1.0 - rng.unit()).powf(-0.9) as u64).min(500) };
    let claimed = claimable && rng.unit() < 0.25;
    let jitter = |rng: &mut Rng| (rng.unit() - 0.5) * 0.04;
    let time_precision = match rng.unit() {
        x if x < 0.9 => "1",
        x if x < 0.98 => "2",
        _ => "3",
    };
    let geo_precision = match rng.unit() {
        x if x < 0.85 => "1",
        x if x < 0.97 => "2",
        _ => "3",
    };
    vec![
        format!("GEN{n}"),
        day.format("%Y-%m-%d").to_string(),
        day.format("%Y").to_string(),
        time_precision.into(),
        event_type.into(),
        sub.into(),
        a1.name.clone(),
        String::new(),
        inter(a1.kind).into(),
        actor2.clone(),
        String::new(),
        inter2.into(),
        place.name.clone(),
        town.admin1.clone(),
        town.name.clone(),
        format!("{:.5}", town.lat + jitter(rng)),
        format!("{:.5}", town.lon + jitter(rng)),
        geo_precision.into(),
        "ckg gen".into(),
        format!("{}: {} against {} near {}.", sub, a1.name, actor2, town.name),
        fatalities.to_string(),
        if claimed { a1.name.clone() } else { String::new() },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_rows() {
        let options = GenOptions { incidents: 200, seed: 7, actors: 300 };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let sa = generate(&options, &mut a).unwrap();
        generate(&options, &mut b).unwrap();
        assert_eq!(a, b);
        assert_eq!(sa.rows, 200);
        let text = String::from_utf8(a).unwrap();
        assert_eq!(text.lines().count(), 201);
        assert!(text.starts_with("event_id_cnty,event_date"));
    }

    #[test]
    fn weighted_draws_follow_weights() {
        let w = Weighted::new([1.0, 0.0, 3.0]);
        let mut rng = Rng(3);
        let mut counts = [0; 3];
        for _ in 0..4000 {
            counts[w.draw(&mut rng)] += 1;
        }
        assert_eq!(counts[1], 0);
        assert!(counts[2] > counts[0] * 2);
    }
}
