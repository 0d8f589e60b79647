//! The fixture corpus: 40-odd pages in the layouts real news sites use (finance portals,
//! wire copy on aggregators, dailies, broadcasters, Asian outlets, AMP, JSON-LD and Open
//! Graph, browser copies, pages to refuse; German, Spanish, Italian, Chinese and Japanese
//! pages), each with its expected fields in one table. Fields a page lists as `pending`
//! may be wrong; once right, the test asks for them to be struck from the list.

use super::corpus_table::{check, table};

#[test]
fn every_page_of_the_corpus_imports_as_its_table_says() {
    let binary = crate::common::binary();
    let table = table();
    assert!(table.len() >= 40, "the corpus has {} pages", table.len());
    let pages = std::fs::read_dir(super::corpus_table::corpus().join("pages")).unwrap().count();
    assert_eq!(pages, table.len(), "every page of the corpus has a row in expected.yaml");
    let mut wrong = Vec::new();
    let mut total = 0;
    for expected in &table {
        let fields = check(&binary, expected);
        for field in &fields {
            total += 1;
            let pending = expected.pending.iter().any(|name| name == field.name);
            match &field.problem {
                Some(problem) if !pending => wrong.push(format!("{}: {}: {problem}", expected.page, field.name)),
                None if pending => wrong.push(format!(
                    "{}: {}: now right: remove it from the page's `pending` list in expected.yaml",
                    expected.page, field.name
                )),
                _ => {}
            }
        }
        // `import` pending on a page that now imports: its real wrong fields replace it.
        for name in &expected.pending {
            if !fields.iter().any(|field| field.name == name) {
                wrong.push(format!(
                    "{}: {name}: pending, but no longer scored: update its `pending` list",
                    expected.page
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {total} fields wrong:\n\n{}", wrong.len(), wrong.join("\n\n"));
}
