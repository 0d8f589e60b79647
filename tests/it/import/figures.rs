//! An imported lead photo, written in the figure form, builds into a `<figure>` that shows
//! the other site's image (no file of the site, so no size and nothing to miss) and passes
//! `check`; what the page wrote in its caption stays text.

use std::fs;

use super::{FRENCH_HTML, briefing, page, site};

#[test]
fn an_imported_figure_builds_and_checks_with_its_remote_image() {
    let site = site();
    briefing().args(["import", "--root"]).arg(site.path()).arg(page(FRENCH_HTML)).assert().success();
    briefing().args(["build", "--root"]).arg(site.path()).assert().success();
    let article =
        site.path().join("public/articles/veldmark-suspend-ses-livraisons-de-machines-vers-la-chine/index.html");
    let html = fs::read_to_string(article).unwrap();
    assert!(
        html.contains(
            "<figure><img src=\"https://quotidien.example/img/veldmark.jpg\" alt=\"\" loading=\"lazy\">\
             <figcaption>Une salle blanche de Veldmark à Eindhoven, aux Pays-Bas. \
             <span class=\"figure-credit\">AFP / Piet Imaginaire</span></figcaption></figure>"
        ),
        "{html}"
    );
    briefing().args(["check", "--root"]).arg(site.path()).assert().success();
}

#[test]
fn a_hostile_caption_and_image_address_stay_text() {
    let site = site();
    let hostile = r#"<html lang="en"><head><link rel="canonical" href="https://news.example/chips/2025/norvale-team">
        <meta property="article:published_time" content="2025-02-11T10:00:00Z"></head><body><article>
        <h1>Norvale Systems moves its export controls team to Lisbon</h1>
        <p>Norvale Systems is moving the team that handles its export controls to Lisbon, the company said on Tuesday, after new rules took effect.</p>
        <figure><img src="../img/desk.jpg?a=&quot;b&quot;&amp;c=<x>" alt="true"><figcaption>"Quoted": &lt;/figcaption&gt;&lt;script&gt;alert(1)&lt;/script&gt; ``` # no comment
        <span class="credit">Photo: Ana Ficta</span></figcaption></figure>
        <p>About 30 people work in the team, which checks every order against the lists of restricted buyers, a spokesperson said.</p>
        </article></body></html>"#;
    let imported = briefing()
        .args(["import", "--topic", "export-controls", "--root"])
        .arg(site.path())
        .arg("-")
        .write_stdin(hostile)
        .output()
        .unwrap();
    assert!(imported.status.success(), "{}", String::from_utf8_lossy(&imported.stderr));
    briefing().args(["build", "--root"]).arg(site.path()).assert().success();
    let article =
        site.path().join("public/articles/norvale-systems-moves-its-export-controls-team-to-lisbon/index.html");
    let html = fs::read_to_string(article).unwrap();
    // An alt text YAML would read as a boolean comes back as the text it was.
    assert!(
        html.contains(
            "<figure><img src=\"https://news.example/chips/img/desk.jpg?a=%22b%22&amp;c=%3Cx%3E\" alt=\"true\" loading=\"lazy\">\
             <figcaption>&quot;Quoted&quot;: &lt;/figcaption&gt;&lt;script&gt;alert(1)&lt;/script&gt; ``` # no comment \
             <span class=\"figure-credit\">Photo: Ana Ficta</span></figcaption></figure>"
        ),
        "{html}"
    );
}

#[test]
fn a_relative_photo_address_needs_the_page_address_to_become_a_figure() {
    let corpus = super::corpus_table::corpus();
    let page = corpus.join("pages/fr-portal-tiktok-caption.html");
    let import = |extra: &[&str]| {
        let output = briefing()
            .args(["import", "--stdout", "--explain", "--topic", "export-controls", "--root"])
            .arg(corpus.join("site"))
            .args(extra)
            .arg(&page)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        (String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
    };
    let (document, stderr) = import(&[]);
    assert!(document.contains("\n*L'usine de Kelpwave à Porto* (Olivier FICTIF / AFP)\n"), "{document}");
    assert!(
        stderr.contains("read: the lead photo's address `kelp.jpg` is relative and the page gives none of its own"),
        "{stderr}"
    );
    let (document, stderr) = import(&["--url", "https://bourse.example/actu/kelpwave-shenzhen"]);
    assert!(
        document.contains(
            "\n```figure\nsrc: https://bourse.example/actu/kelp.jpg\ncaption: L'usine de Kelpwave à Porto\n\
             credit: Olivier FICTIF / AFP\n```\n"
        ),
        "{document}"
    );
    assert!(!stderr.contains("lead photo"), "{stderr}");
}
