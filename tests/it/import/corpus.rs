//! The fixture corpus: 40-odd pages in the layouts real news sites use (finance portals,
//! wire copy on aggregators, dailies, broadcasters, Asian outlets, AMP, JSON-LD and Open
//! Graph, browser copies, pages to refuse), each with its expected fields in one table.

use std::path::PathBuf;

use super::corpus_table::{check, table};

#[test]
fn every_page_of_the_corpus_imports_as_its_table_says() {
    let binary = PathBuf::from(env!("CARGO_BIN_EXE_briefing"));
    let table = table();
    assert!(table.len() >= 40, "the corpus has {} pages", table.len());
    let pages = std::fs::read_dir(super::corpus_table::corpus().join("pages")).unwrap().count();
    assert_eq!(pages, table.len(), "every page of the corpus has a row in expected.yaml");
    let mut wrong = Vec::new();
    let mut total = 0;
    for expected in &table {
        for field in check(&binary, expected) {
            total += 1;
            if let Some(problem) = field.problem {
                wrong.push(format!("{}: {}: {problem}", expected.page, field.name));
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {total} fields wrong:\n\n{}", wrong.len(), wrong.join("\n\n"));
}
