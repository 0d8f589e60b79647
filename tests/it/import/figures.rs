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
