//! Imported actor dictionaries (Phoenix/PETRARCH): each entry becomes an
//! actor node with its aliases in the name index, and is kept in the meta
//! tree under `dict:<normalised name>` so that later ingests extract with it.

use super::Store;
use super::codec::{TREE_META, decode, encode};
use super::write::WriteSet;
use crate::error::Result;
use crate::model::{Actor, ActorEntry, normalize_name};

const DICT_PREFIX: &[u8] = b"dict:";

impl Store {
    /// Adds dictionary entries in one transaction. Entries whose canonical name
    /// is already known keep the stored meaning and gain the new aliases.
    /// Returns how many entries were new.
    pub fn import_dictionary(&self, entries: &[ActorEntry]) -> Result<usize> {
        let _guard = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let mut ws = WriteSet::new(self);
        let mut added = 0;
        for entry in entries {
            let norm = normalize_name(&entry.name);
            if norm.is_empty() {
                continue;
            }
            let key = [DICT_PREFIX, norm.as_bytes()].concat();
            if self.meta.get(&key)?.is_none() {
                added += 1;
            }
            ws.put_meta(key, encode(entry));
            let id = Actor::node_id(&entry.name, entry.kind, None);
            let actor = Actor {
                name: entry.name.clone(),
                kind: entry.kind,
                aliases: entry.aliases.clone(),
                country: entry.country.clone(),
                unnamed: false,
            };
            ws.upsert_actor(id, actor, false)?;
        }
        ws.commit()?;
        Ok(added)
    }

    /// Every imported dictionary entry, in name order.
    pub fn dictionary_entries(&self) -> Result<Vec<ActorEntry>> {
        let mut out = Vec::new();
        for item in self.meta.scan_prefix(DICT_PREFIX) {
            let (key, value) = item?;
            out.push(decode(TREE_META, &key, &value)?);
        }
        Ok(out)
    }
}
