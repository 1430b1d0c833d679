//! The store through the library API: atomic article ingest, idempotence,
//! one node per actor/place/day, and one incident for many reports.

use ckg::model::{EdgeKind, NodeKind};
use ckg::query::{self, IncidentFilter};
use ckg::{IngestOutcome, Store};

const FIRST_REPORT: &str = "# Car bomb kills 22 in Mogadishu\n\nPublished at: **2019-12-29T12:00:00+00:00**\n\n\
    Original: [Wire One](https://example.org/one)\n\n\
    MOGADISHU (Wire One) - A truck bomb exploded at a busy checkpoint in Mogadishu on Saturday, killing at least 22 people, police said.\n\
    No group has claimed responsibility for the blast.\n";

const SECOND_REPORT: &str = "# Death toll from Mogadishu truck bomb rises to 79\n\nPublished at: **2019-12-30T09:00:00+00:00**\n\n\
    Original: [Wire Two](https://example.org/two)\n\n\
    MOGADISHU (Wire Two) - The truck bomb that exploded at a checkpoint in Mogadishu on Saturday killed at least 79 people, officials said on Monday.\n\
    Officials blamed al-Shabaab for the attack.\n";

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path().join("db")).expect("store opens");
    (dir, store)
}

#[test]
fn two_reports_of_one_incident_make_one_node_with_both_sources() {
    let (_dir, store) = open();
    store.ingest_article(FIRST_REPORT, None).expect("first ingests");
    let outcome = store.ingest_article(SECOND_REPORT, None).expect("second ingests");
    assert!(matches!(outcome, IngestOutcome::Ingested { merged: 1, .. }), "{outcome:?}");
    let all = query::incidents(&store, &IncidentFilter::default()).expect("query");
    assert_eq!(all.len(), 1, "{all:#?}");
    let incident = &all[0];
    assert_eq!(incident.killed, Some(79), "the higher, later toll wins");
    let articles: std::collections::BTreeSet<&str> = incident.sources.iter().map(|s| s.article.as_str()).collect();
    assert_eq!(articles.len(), 2, "evidence from both articles: {:?}", incident.sources);
    assert_eq!(incident.attributed_to.first().map(|a| a.name.as_str()), Some("Al-Shabaab"));
    let id = incident.id.parse().expect("id");
    assert_eq!(store.out_edges(id, Some(EdgeKind::ReportedIn)).expect("edges").len(), 2);
    assert!(store.check().expect("check").is_ok());
}

#[test]
fn reingesting_changes_nothing_and_shared_nodes_are_shared() {
    let (_dir, store) = open();
    store.ingest_article(FIRST_REPORT, None).expect("ingests");
    let before = store.stats().expect("stats");
    assert!(matches!(store.ingest_article(FIRST_REPORT, None).expect("again"), IngestOutcome::Unchanged { .. }));
    assert_eq!(store.stats().expect("stats"), before);
    store.ingest_article(SECOND_REPORT, None).expect("second");
    // Mogadishu, Banaadir and Somalia are one node each whichever article named them.
    let mogadishu = store.lookup_name("Mogadishu", Some(NodeKind::Location)).expect("lookup");
    assert_eq!(mogadishu.len(), 1);
    let stats = store.stats().expect("stats");
    assert_eq!(stats.nodes["Article"], 2);
    assert_eq!(stats.nodes["Incident"], 1);
}

#[test]
fn claims_follow_branches_and_aliases() {
    let (_dir, store) = open();
    let text = "# ISWAP claims attack\n\nPublished at: **2021-04-12T10:00:00+00:00**\n\n\
        Militants attacked a military base in Damasak, Borno state, on Saturday, killing 12 soldiers. \
        Islamic State West Africa Province claimed responsibility for the attack.\n";
    store.ingest_article(text, None).expect("ingests");
    for name in ["ISWAP", "Islamic State", "ISIS", "Daesh"] {
        let claimed = query::claims(&store, name).expect("claims");
        assert_eq!(claimed.len(), 1, "claims {name}");
    }
    let err = query::claims(&store, "Islamik State").expect_err("unknown");
    assert!(err.to_string().contains("did you mean"), "{err}");
}

#[test]
fn place_filter_includes_places_inside() {
    let (_dir, store) = open();
    store.ingest_article(FIRST_REPORT, None).expect("ingests");
    for place in ["Mogadishu", "Somalia"] {
        let found = query::incidents(&store, &IncidentFilter { place: Some(place.into()), ..Default::default() })
            .expect("query");
        assert_eq!(found.len(), 1, "{place}");
    }
    let none = query::incidents(&store, &IncidentFilter { from: "2020-01-01".parse().ok(), ..Default::default() })
        .expect("query");
    assert!(none.is_empty());
}
