//! The SQLite baseline: the same rows as ckg imports, parsed by the same code,
//! in normalised tables with the indexes these queries want.

use std::path::Path;

use ckg::import::{self, Dataset, ImportOptions, Resolver, Row};
use ckg::model::{Actor, ActorRecord, IncidentRecord, NodeId, Record};
use rusqlite::{Connection, params};

const SCHEMA: &str = "
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS actors(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT);
CREATE TABLE IF NOT EXISTS actor_names(
    name TEXT NOT NULL, actor_id INTEGER NOT NULL, PRIMARY KEY(name, actor_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS actor_parents(
    actor_id INTEGER NOT NULL, parent_id INTEGER NOT NULL,
    PRIMARY KEY(parent_id, actor_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS places(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, admin1 TEXT,
    lat REAL, lon REAL, precision TEXT NOT NULL, parent_id INTEGER);
CREATE INDEX IF NOT EXISTS places_parent ON places(parent_id);
CREATE TABLE IF NOT EXISTS place_names(
    name TEXT NOT NULL, place_id INTEGER NOT NULL, PRIMARY KEY(name, place_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS incidents(
    id INTEGER PRIMARY KEY, dataset TEXT NOT NULL, row_id TEXT NOT NULL, kind TEXT NOT NULL,
    summary TEXT NOT NULL, date_start TEXT, date_end TEXT, date_precision TEXT,
    killed INTEGER, injured INTEGER, place_id INTEGER);
CREATE UNIQUE INDEX IF NOT EXISTS incidents_record ON incidents(dataset, row_id);
CREATE INDEX IF NOT EXISTS incidents_date ON incidents(date_start);
CREATE INDEX IF NOT EXISTS incidents_place ON incidents(place_id);
CREATE TABLE IF NOT EXISTS incident_actors(
    incident_id INTEGER NOT NULL, role TEXT NOT NULL, actor_id INTEGER NOT NULL, mention TEXT,
    PRIMARY KEY(incident_id, role, actor_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS incident_actors_actor ON incident_actors(actor_id, role, incident_id);
";

fn key(id: NodeId) -> i64 {
    id.hash as i64
}

pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.execute_batch(SCHEMA)?;
    Ok(conn)
}

/// Imports `file` the way `ckg import` parses it, 2,000 rows per transaction.
pub fn import_file(conn: &mut Connection, dataset: Dataset, file: &Path) -> ckg::Result<u64> {
    let mut resolver = Resolver::new();
    let mut batch: Vec<(Record, IncidentRecord)> = Vec::with_capacity(2000);
    let mut rows = 0;
    let sql_err = |e: rusqlite::Error| ckg::Error::InvalidArgument(e.to_string());
    let options = ImportOptions::default();
    import::read_file(dataset, file, &options, &mut resolver, |row, _| {
        if let Row::Parsed(record, incident) = row {
            batch.push((record, *incident));
            rows += 1;
            if batch.len() == 2000 {
                write_batch(conn, &batch).map_err(sql_err)?;
                batch.clear();
            }
        }
        Ok(())
    })?;
    write_batch(conn, &batch).map_err(sql_err)?;
    Ok(rows)
}

fn write_batch(conn: &mut Connection, batch: &[(Record, IncidentRecord)]) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    {
        let mut inc = tx
            .prepare_cached("INSERT OR REPLACE INTO incidents VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")?;
        let mut clear = tx.prepare_cached("DELETE FROM incident_actors WHERE incident_id = ?1")?;
        for (record, rec) in batch {
            let id = key(import::record_incident_id(record));
            let place = write_place(&tx, rec)?;
            let date = rec.date;
            inc.execute(params![
                id,
                record.dataset,
                record.row_id,
                rec.kind.as_str(),
                rec.summary,
                date.map(|d| d.start.to_string()),
                date.map(|d| d.end.to_string()),
                date.map(|d| d.precision.as_str()),
                rec.killed,
                rec.injured,
                place,
            ])?;
            clear.execute([id])?;
            write_roles(&tx, id, rec)?;
        }
    }
    tx.commit()
}

fn write_place(tx: &rusqlite::Transaction<'_>, rec: &IncidentRecord) -> rusqlite::Result<Option<i64>> {
    let Some(place) = rec.places.first() else {
        return Ok(None);
    };
    let mut put = tx.prepare_cached("INSERT OR IGNORE INTO places VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    let mut name = tx.prepare_cached("INSERT OR IGNORE INTO place_names VALUES (?1, ?2)")?;
    let ids: Vec<i64> = place.chain.iter().map(|l| key(l.node_id())).collect();
    for (i, loc) in place.chain.iter().enumerate() {
        put.execute(params![
            ids[i],
            loc.name,
            loc.country,
            loc.admin1,
            loc.lat,
            loc.lon,
            loc.precision.as_str(),
            ids.get(i + 1)
        ])?;
        name.execute(params![ckg::model::normalize_name(&loc.name), ids[i]])?;
    }
    Ok(ids.first().copied())
}

fn write_roles(tx: &rusqlite::Transaction<'_>, incident: i64, rec: &IncidentRecord) -> rusqlite::Result<()> {
    let mut link = tx.prepare_cached("INSERT OR IGNORE INTO incident_actors VALUES (?1, ?2, ?3, ?4)")?;
    let scope = ckg::model::NodeId { kind: ckg::model::NodeKind::Incident, hash: incident as u64 };
    for (role, actor) in rec.roles() {
        let id = write_actor(tx, actor, scope)?;
        link.execute(params![incident, role, id, actor.mention])?;
    }
    Ok(())
}

fn write_actor(tx: &rusqlite::Transaction<'_>, a: &ActorRecord, incident: NodeId) -> rusqlite::Result<i64> {
    let scope = (a.kind.is_generic() || a.scoped).then_some(incident);
    let id = key(Actor::node_id(&a.name, a.kind, scope));
    let mut put = tx.prepare_cached("INSERT OR IGNORE INTO actors VALUES (?1, ?2, ?3, ?4)")?;
    put.execute(params![id, a.name, a.kind.as_str(), a.country])?;
    if scope.is_none() {
        let mut name = tx.prepare_cached("INSERT OR IGNORE INTO actor_names VALUES (?1, ?2)")?;
        for n in std::iter::once(&a.name).chain(&a.aliases) {
            name.execute(params![ckg::model::normalize_name(n), id])?;
        }
    }
    if let Some(parent) = &a.parent {
        let pid = key(Actor::node_id(parent, a.kind, None));
        let mut put_parent = tx.prepare_cached("INSERT OR IGNORE INTO actors VALUES (?1, ?2, ?3, NULL)")?;
        put_parent.execute(params![pid, parent, a.kind.as_str()])?;
        let mut name = tx.prepare_cached("INSERT OR IGNORE INTO actor_names VALUES (?1, ?2)")?;
        name.execute(params![ckg::model::normalize_name(parent), pid])?;
        let mut edge = tx.prepare_cached("INSERT OR IGNORE INTO actor_parents VALUES (?1, ?2)")?;
        edge.execute(params![id, pid])?;
    }
    Ok(id)
}

/// The actor and its branches (PART_OF, transitively), as a CTE named `family`.
const FAMILY: &str = "
WITH RECURSIVE family(id) AS (
    SELECT actor_id FROM actor_names WHERE name = ?1
    UNION SELECT p.actor_id FROM actor_parents p JOIN family f ON p.parent_id = f.id)";

/// A full incident row: what ckg's records hold (type, summary, date, place, actors).
pub type IncidentRow = (i64, String, String, Option<String>, Option<i64>, Option<String>, Vec<(String, String)>);

fn incident_rows(conn: &Connection, ids: &[i64]) -> rusqlite::Result<Vec<IncidentRow>> {
    let mut inc = conn.prepare_cached(
        "SELECT i.id, i.kind, i.summary, i.date_start, i.killed, p.name FROM incidents i
         LEFT JOIN places p ON p.id = i.place_id WHERE i.id = ?1",
    )?;
    let mut actors = conn.prepare_cached(
        "SELECT ia.role, a.name FROM incident_actors ia JOIN actors a ON a.id = ia.actor_id
         WHERE ia.incident_id = ?1",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let mut row: IncidentRow = inc
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, Vec::new())))?;
        let list = actors.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        row.6 = list.collect::<rusqlite::Result<_>>()?;
        out.push(row);
    }
    out.sort_by(|a, b| a.3.cmp(&b.3).then(a.0.cmp(&b.0)));
    Ok(out)
}

/// Incidents claimed by the actor (any alias) or a branch, as full rows.
pub fn claims(conn: &Connection, name: &str) -> rusqlite::Result<Vec<IncidentRow>> {
    let sql = format!(
        "{FAMILY} SELECT DISTINCT ia.incident_id FROM incident_actors ia
         WHERE ia.actor_id IN (SELECT id FROM family) AND ia.role = 'claimed'"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids: Vec<i64> =
        stmt.query_map([ckg::model::normalize_name(name)], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    incident_rows(conn, &ids)
}

/// `incidents --actor --place --from --to`: the actor in any role, at the place or inside it.
pub fn incidents(
    conn: &Connection,
    actor: &str,
    place: &str,
    from: &str,
    to: &str,
) -> rusqlite::Result<Vec<IncidentRow>> {
    let sql = format!(
        "{FAMILY}, area(id) AS (
            SELECT place_id FROM place_names WHERE name = ?2
            UNION SELECT p.id FROM places p JOIN area a ON p.parent_id = a.id)
         SELECT DISTINCT i.id FROM incident_actors ia JOIN incidents i ON i.id = ia.incident_id
         WHERE ia.actor_id IN (SELECT id FROM family)
         AND i.date_start BETWEEN ?3 AND ?4 AND i.place_id IN (SELECT id FROM area)"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let args = params![ckg::model::normalize_name(actor), ckg::model::normalize_name(place), from, to];
    let ids: Vec<i64> = stmt.query_map(args, |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    incident_rows(conn, &ids)
}

/// Actors within `hops` shared-incident steps of the actor `id` (itself excluded).
pub fn neighbourhood(conn: &Connection, id: i64, hops: usize) -> rusqlite::Result<usize> {
    let mut steps = String::from("h0(id) AS (SELECT ?1)");
    for h in 1..=hops {
        steps.push_str(&format!(
            ", h{h}(id) AS (SELECT DISTINCT b.actor_id FROM h{p} JOIN incident_actors a ON a.actor_id = h{p}.id
               JOIN incident_actors b ON b.incident_id = a.incident_id)",
            p = h - 1
        ));
    }
    let sql = format!("WITH {steps} SELECT count(*) FROM h{hops} WHERE id != ?1");
    conn.query_row(&sql, [id], |r| r.get::<_, i64>(0)).map(|n| n as usize)
}

/// The claimant ranked `rank` (0 = most prolific) and its number of claims.
pub fn claimant(conn: &Connection, rank: u32) -> rusqlite::Result<(String, i64)> {
    conn.query_row(
        "SELECT a.name, count(*) n FROM incident_actors ia JOIN actors a ON a.id = ia.actor_id
         WHERE ia.role = 'claimed' GROUP BY a.id ORDER BY n DESC, a.name LIMIT 1 OFFSET ?1",
        [rank],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The most prolific claimant, and an actor of middling activity for traversals.
pub fn pick_actors(conn: &Connection) -> rusqlite::Result<(String, i64, String, i64)> {
    let (claimant, claims) = claimant(conn, 0)?;
    let (seed, seed_id): (String, i64) = conn.query_row(
        "SELECT a.name, a.id FROM incident_actors ia JOIN actors a ON a.id = ia.actor_id
         WHERE a.kind = 'armed_group' GROUP BY a.id ORDER BY count(*) DESC, a.name LIMIT 1 OFFSET 200",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((claimant, claims, seed, seed_id))
}
