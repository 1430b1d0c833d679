//! Actor and place resolution for dataset rows, with the same dictionary and
//! gazetteer as text extraction, and caches so that a million rows do not
//! resolve the same few thousand names a million times.

use std::collections::HashMap;
use std::sync::Arc;

use crate::extract::Extractor;
use crate::model::geo::distance_km;
use crate::model::{ActorKind, ActorRecord, GeoPrecision, Location, PlaceRecord, normalize_name};

/// Largest distance between a dataset's coordinates and a gazetteer town of the
/// same name for the two to be taken as one place.
const SAME_TOWN_KM: f64 = 15.0;

/// What a dataset says about where an event happened.
#[derive(Clone, Debug, Default)]
pub struct PlaceQuery<'a> {
    pub name: &'a str,
    pub admin1: &'a str,
    pub country: &'a str,
    /// ISO alpha-2 when the dataset gives a code rather than a name.
    pub iso2: Option<&'a str>,
    pub coords: Option<(f64, f64)>,
    pub precision: Option<GeoPrecision>,
}

/// Resolves actor names and places; one per import.
pub struct Resolver {
    ex: Arc<Extractor>,
    actors: HashMap<(String, Option<ActorKind>), Option<ActorRecord>>,
    countries: HashMap<String, Option<String>>,
    admins: HashMap<(String, String), Option<Location>>,
    towns: HashMap<(String, String), Vec<Vec<Location>>>,
}

impl Default for Resolver {
    fn default() -> Self {
        Resolver::new()
    }
}

impl Resolver {
    pub fn new() -> Resolver {
        Resolver {
            ex: Extractor::shared(),
            actors: HashMap::new(),
            countries: HashMap::new(),
            admins: HashMap::new(),
            towns: HashMap::new(),
        }
    }

    pub fn extractor(&self) -> &Extractor {
        &self.ex
    }

    /// The actor a dataset names: a dictionary entry when the name (or the name
    /// without a trailing parenthesis) is a known alias, else a new actor under
    /// the name as written, its kind from `hint` or the words of the name.
    pub fn actor(&mut self, raw: &str, hint: Option<ActorKind>) -> Option<ActorRecord> {
        let raw = raw.trim();
        if raw.is_empty() {
            return None;
        }
        let key = (raw.to_string(), hint);
        if let Some(found) = self.actors.get(&key) {
            return found.clone();
        }
        let found = self.resolve_actor(raw, hint);
        if self.actors.len() > 500_000 {
            self.actors.clear();
        }
        self.actors.insert(key, found.clone());
        found
    }

    /// Whether the dictionary knows `name` (or the name without a trailing parenthesis).
    pub fn in_dictionary(&self, name: &str) -> bool {
        self.ex.actors().resolve(&tidy_name(name)).is_some()
    }

    fn resolve_actor(&mut self, raw: &str, hint: Option<ActorKind>) -> Option<ActorRecord> {
        let written = tidy_name(raw);
        if let Some(entry) = self.ex.actors().resolve(&written) {
            let mut rec = ActorRecord::new(&entry.name, raw, entry.kind);
            rec.parent = entry.parent.clone();
            rec.aliases = entry.aliases.clone();
            rec.country = entry.country.clone();
            // The dataset's spelling becomes an alias, so it finds the actor too.
            let spelled = normalize_name(raw);
            let known = std::iter::once(&entry.name).chain(&entry.aliases).any(|a| normalize_name(a) == spelled);
            if !known {
                rec.aliases.push(written);
            }
            return Some(rec);
        }
        let name = strip_period(&written);
        if normalize_name(&name).is_empty() {
            return None;
        }
        let (own_country, inner) = self.country_in_name(&name);
        let kind = match own_country {
            Some(_) if inner.is_empty() => ActorKind::Government,
            _ => kind_for(&name, hint),
        };
        let mut rec = ActorRecord::new(&name, raw, kind);
        rec.country = own_country;
        if written != name {
            rec.aliases.push(written);
        }
        Some(rec)
    }

    /// A country the name is, or ends in ("Police (Singapore)", "Military
    /// Forces of Nigeria"), with what is left of the name.
    fn country_in_name(&mut self, name: &str) -> (Option<String>, String) {
        if let Some(iso) = self.country_iso2(name) {
            return (Some(iso), String::new());
        }
        let trimmed = name.trim_end();
        if let Some(inner) = trimmed.strip_suffix(')')
            && let Some(open) = inner.rfind('(')
        {
            let iso = self.country_iso2(&inner[open + 1..]);
            return (iso, inner[..open].trim().to_string());
        }
        if let Some(pos) = trimmed.rfind(" of ") {
            let iso = self.country_iso2(&trimmed[pos + 4..]);
            return (iso, trimmed[..pos].to_string());
        }
        (None, trimmed.to_string())
    }

    /// ISO alpha-2 of a country name (or alpha-2 code), via the gazetteer.
    pub fn country_iso2(&mut self, name: &str) -> Option<String> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        if let Some(found) = self.countries.get(name) {
            return found.clone();
        }
        let g = self.ex.gazetteer();
        let found = if name.len() == 2 && name.chars().all(|c| c.is_ascii_uppercase()) {
            g.country_index(name).map(|_| name.to_string())
        } else {
            g.lookup(&gaz_key(name))
                .iter()
                .find(|p| g.chain(**p)[0].precision == GeoPrecision::Country)
                .map(|p| g.country_of(*p).to_string())
        };
        self.countries.insert(name.to_string(), found.clone());
        found
    }

    /// The place of an event as a chain: itself, its admin area, its country.
    pub fn place(&mut self, q: &PlaceQuery<'_>) -> Option<PlaceRecord> {
        let iso2 = match q.iso2 {
            Some(code) => Some(code.to_string()),
            None => self.country_iso2(q.country),
        };
        let country = self.country_location(iso2.as_deref(), q.country);
        let precision = q.precision.unwrap_or(GeoPrecision::Point);
        let admin = match iso2.as_deref() {
            Some(iso) if !q.admin1.is_empty() && precision != GeoPrecision::Country => self.admin(iso, q.admin1),
            _ => None,
        };
        let mut chain: Vec<Location> = Vec::new();
        let named = !q.name.is_empty();
        match precision {
            GeoPrecision::Country => {}
            GeoPrecision::AdminArea if !named || Some(q.name) == Some(q.admin1) => {}
            GeoPrecision::Point if named => {
                if let Some(town) = self.town(iso2.as_deref(), q.name, q.coords) {
                    return PlaceRecord::from_chain(town, Some(q.name.to_string()));
                }
                chain.push(point(q, iso2.as_deref(), admin.as_ref(), precision));
            }
            _ if named => chain.push(point(q, iso2.as_deref(), admin.as_ref(), precision)),
            _ => {}
        }
        chain.extend(admin);
        chain.extend(country);
        if chain.is_empty()
            && let Some((lat, lon)) = q.coords
        {
            let name = format!("{lat:.4}, {lon:.4}");
            let q2 = PlaceQuery { name: &name, ..q.clone() };
            chain.push(point(&q2, None, None, precision));
        }
        let mention = [q.name, q.admin1, q.country].into_iter().find(|s| !s.is_empty()).map(str::to_string);
        PlaceRecord::from_chain(chain, mention)
    }

    fn country_location(&self, iso2: Option<&str>, name: &str) -> Option<Location> {
        let g = self.ex.gazetteer();
        match iso2.and_then(|iso| g.country_index(iso)) {
            Some(idx) => Some(g.country_location(idx)),
            None if !name.is_empty() => Some(Location {
                name: name.to_string(),
                country: iso2.map(str::to_string),
                admin1: None,
                lat: None,
                lon: None,
                precision: GeoPrecision::Country,
                geonameid: None,
            }),
            None => None,
        }
    }

    /// The first-level admin area named `name` in country `iso2`: the
    /// gazetteer's when known (also without "Governorate", "Province", ...).
    fn admin(&mut self, iso2: &str, name: &str) -> Option<Location> {
        let key = (iso2.to_string(), name.to_string());
        if let Some(found) = self.admins.get(&key) {
            return found.clone();
        }
        let g = self.ex.gazetteer();
        let norm = gaz_key(name);
        let stripped = strip_admin_suffix(&norm);
        let found = [norm.as_str(), stripped]
            .into_iter()
            .flat_map(|k| g.lookup(k).iter().copied())
            .filter(|p| g.country_of(*p) == iso2)
            .map(|p| g.chain(p).remove(0))
            .find(|loc| loc.precision == GeoPrecision::AdminArea)
            .unwrap_or_else(|| Location {
                name: name.to_string(),
                country: Some(iso2.to_string()),
                admin1: Some(name.to_string()),
                lat: None,
                lon: None,
                precision: GeoPrecision::AdminArea,
                geonameid: None,
            });
        self.admins.insert(key, Some(found.clone()));
        Some(found)
    }

    /// The gazetteer town of this name in the country, nearest the coordinates.
    fn town(&mut self, iso2: Option<&str>, name: &str, coords: Option<(f64, f64)>) -> Option<Vec<Location>> {
        let iso2 = iso2?;
        let key = (iso2.to_string(), gaz_key(name));
        if !self.towns.contains_key(&key) {
            let g = self.ex.gazetteer();
            let found: Vec<Vec<Location>> = g
                .lookup(&key.1)
                .iter()
                .filter(|p| g.country_of(**p) == iso2)
                .map(|p| g.chain(*p))
                .filter(|chain| chain[0].geonameid.is_some())
                .collect();
            self.towns.insert(key.clone(), found);
        }
        let candidates = &self.towns[&key];
        let best = match coords {
            None => candidates.first(),
            Some((lat, lon)) => candidates
                .iter()
                .filter_map(|chain| {
                    let (a, o) = (chain[0].lat?, chain[0].lon?);
                    Some((distance_km(lat, lon, a, o), chain))
                })
                .filter(|(d, _)| *d <= SAME_TOWN_KM)
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, chain)| chain),
        }?;
        Some(best.clone())
    }
}

fn point(q: &PlaceQuery<'_>, iso2: Option<&str>, admin: Option<&Location>, precision: GeoPrecision) -> Location {
    Location {
        name: q.name.to_string(),
        country: iso2.map(str::to_string),
        admin1: admin.map(|a| a.name.clone()).or_else(|| (!q.admin1.is_empty()).then(|| q.admin1.to_string())),
        lat: q.coords.map(|c| c.0),
        lon: q.coords.map(|c| c.1),
        precision,
        geonameid: None,
    }
}

/// The gazetteer's look-up key: folded, lower-cased words joined by single spaces.
fn gaz_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for ch in name.chars() {
        let folded = crate::model::fold_char(ch);
        if folded.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(folded.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

fn strip_admin_suffix(norm: &str) -> &str {
    const SUFFIXES: &[&str] = &[
        " governorate",
        " province",
        " region",
        " state",
        " district",
        " county",
        " department",
        " prefecture",
        " oblast",
    ];
    SUFFIXES.iter().find_map(|s| norm.strip_suffix(s)).unwrap_or(norm)
}

/// Collapses whitespace; an all-capitals name ("ISLAMIC STATE", GDELT's style) is title-cased.
fn tidy_name(raw: &str) -> String {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let shouting = raw.len() > 5 && !raw.chars().any(char::is_lowercase);
    if !shouting {
        return words.join(" ");
    }
    words
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_string() + &chars.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Drops a trailing period in parentheses, as ACLED dates its state forces:
/// "Military Forces of Nigeria (2015-)" is "Military Forces of Nigeria".
fn strip_period(name: &str) -> String {
    let trimmed = name.trim_end();
    if let Some(inner) = trimmed.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
    {
        let period = &inner[open + 1..];
        if !period.is_empty() && period.chars().all(|c| c.is_ascii_digit() || c == '-') {
            return inner[..open].trim_end().to_string();
        }
    }
    trimmed.to_string()
}

fn has_word(norm: &str, words: &[&str]) -> bool {
    let padded = format!(" {norm} ");
    words.iter().any(|w| padded.contains(&format!(" {w} ")))
}

/// The kind of an actor not in the dictionary: unnamed groups and civilians
/// by their words; otherwise the dataset's hint; otherwise the words again.
pub fn kind_for(name: &str, hint: Option<ActorKind>) -> ActorKind {
    let n = normalize_name(name);
    if n.starts_with("unidentified") || n.starts_with("unknown") {
        return ActorKind::Unidentified;
    }
    const CIVILIAN: &[&str] = &[
        "civilians",
        "civilian",
        "citizen",
        "citizens",
        "protesters",
        "protester",
        "rioters",
        "students",
        "student",
        "villagers",
        "farmers",
        "refugees",
        "journalists",
        "workers",
        "women",
        "children",
        "men",
        "residents",
        "prisoners",
        "migrants",
        "teachers",
        "pastoralists",
        "displaced",
    ];
    if has_word(&n, CIVILIAN) {
        return ActorKind::Civilians;
    }
    if let Some(kind) = hint {
        return kind;
    }
    if has_word(&n, &["police", "military", "army", "armed forces", "security forces", "soldiers"])
        || has_word(&n, &["navy", "air force", "gendarmerie", "border guard", "coast guard"])
    {
        ActorKind::StateForce
    } else if n.starts_with("government")
        || has_word(&n, &["ministry", "president", "parliament", "minister", "cabinet"])
    {
        ActorKind::Government
    } else if has_word(&n, &["militia", "rebels", "insurgents", "front", "brigade"])
        || has_word(&n, &["liberation", "jihad", "armed group", "mujahideen", "brigades"])
    {
        ActorKind::ArmedGroup
    } else {
        ActorKind::Organization
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictionary_names_and_their_variants_meet() {
        let mut r = Resolver::new();
        let a = r.actor("Islamic State (Iraq)", None).unwrap();
        let b = r.actor("IS", Some(ActorKind::ArmedGroup)).unwrap();
        let c = r.actor("ISLAMIC STATE", None).unwrap();
        assert_eq!(a.name, "Islamic State");
        assert_eq!(b.name, a.name);
        assert_eq!(c.name, a.name);
    }

    #[test]
    fn unknown_names_keep_their_country_and_kind() {
        let mut r = Resolver::new();
        let p = r.actor("Police (Singapore)", None).unwrap();
        assert_eq!((p.kind, p.country.as_deref()), (ActorKind::StateForce, Some("SG")));
        let m = r.actor("Mountain Guard of Chad (2011-)", None).unwrap();
        assert_eq!(m.name, "Mountain Guard of Chad");
        assert_eq!(m.aliases, vec!["Mountain Guard of Chad (2011-)".to_string()]);
        assert_eq!(m.country.as_deref(), Some("TD"));
        let c = r.actor("Civilians (Syria)", Some(ActorKind::ArmedGroup)).unwrap();
        assert_eq!(c.kind, ActorKind::Civilians);
        let g = r.actor("China", None).unwrap();
        assert_eq!(g.kind, ActorKind::Government);
        assert_eq!(kind_for("Government of Syria", None), ActorKind::Government);
    }

    #[test]
    fn places_resolve_to_gazetteer_chains() {
        let mut r = Resolver::new();
        let q = PlaceQuery {
            name: "Aleppo",
            admin1: "Aleppo Governorate",
            country: "Syria",
            coords: Some((36.2, 37.16)),
            precision: Some(GeoPrecision::Point),
            ..PlaceQuery::default()
        };
        let p = r.place(&q).unwrap();
        assert_eq!(p.country.as_deref(), Some("SY"));
        assert!(p.chain[0].geonameid.is_some());
        assert_eq!(p.chain.last().unwrap().precision, GeoPrecision::Country);
        let far = PlaceQuery { name: "Tiny Hamlet", ..q.clone() };
        let p = r.place(&far).unwrap();
        assert_eq!(p.chain.len(), 3);
        assert_eq!(p.chain[1].name, "Aleppo");
        let country = PlaceQuery { precision: Some(GeoPrecision::Country), ..q };
        assert_eq!(r.place(&country).unwrap().chain.len(), 1);
    }
}
