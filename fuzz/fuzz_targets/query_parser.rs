//! Fuzzes the query parser: any input must give a query or an error, never a
//! panic, hang or stack overflow.
//!
//! ```sh
//! cargo install cargo-fuzz     # needs a nightly toolchain
//! cargo +nightly fuzz run query_parser -- -max_total_time=60
//! ```

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(query) = ckg::query::cypher::parse(text) {
            // A query that parses has at least its RETURN part.
            assert!(!query.parts.is_empty());
        }
    }
});
