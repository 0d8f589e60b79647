//! Command-line conventions: completions and a manual page, --quiet/--verbose, --color
//! and NO_COLOR on our own messages, plurals, what a build left out, a busy port.

use std::fs;

use crate::common::{briefing, site_copy, stderr, stdout};

#[test]
fn completions_and_the_manual_page_are_generated_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = briefing().args(["completions", shell]).output().unwrap();
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        let script = stdout(&output);
        assert!(script.contains("briefing") && script.contains("base-url"), "{shell}: {script}");
    }
    let man = stdout(&briefing().arg("man").output().unwrap());
    assert!(man.contains(".TH briefing 1") && man.contains("completions"), "{man}");
    let dir = tempfile::tempdir().unwrap();
    let output = briefing().args(["man", "--out-dir"]).arg(dir.path()).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(dir.path().join("briefing-build.1").is_file());
}

#[test]
fn usage_errors_exit_2_and_colour_follows_the_flag_and_no_color() {
    let usage = briefing().args(["build", "--no-such-flag"]).output().unwrap();
    assert_eq!(usage.status.code(), Some(2));
    let coloured = briefing().args(["--color", "always", "build", "--root", "/no/such/site"]).output().unwrap();
    assert_eq!(coloured.status.code(), Some(1));
    assert!(stderr(&coloured).starts_with("\x1b[1;31merror:\x1b[0m"), "{:?}", stderr(&coloured));
    let plain = briefing().args(["build", "--root", "/no/such/site"]).env("NO_COLOR", "1").output().unwrap();
    assert!(stderr(&plain).starts_with("error:"), "{:?}", stderr(&plain));
    let never = briefing().args(["build", "--color=never", "--root", "/no/such/site"]).output().unwrap();
    assert!(!stderr(&never).contains('\x1b'), "{:?}", stderr(&never));
}

#[test]
fn a_build_says_what_it_left_out_and_quiet_says_nothing() {
    let site = site_copy("sites/minimal");
    let articles = site.path().join("content/articles");
    let template = walkdir::WalkDir::new(&articles)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md"))
        .expect("an article")
        .into_path();
    let text = fs::read_to_string(&template).unwrap();
    let draft = text.replacen("---\n", "---\ndraft: true\nslug: the-draft\n", 1);
    fs::write(articles.join("the-draft.md"), draft).unwrap();
    let date_line = text.lines().find(|l| l.starts_with("date:")).unwrap();
    let scheduled = text.replace(date_line, "date: 2999-01-01").replacen("---\n", "---\nslug: later\n", 1);
    fs::write(articles.join("later.md"), scheduled).unwrap();

    let output = briefing().arg("build").arg("--root").arg(site.path()).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("1 draft and 1 scheduled article left out (use --drafts / --future; -v lists them)"),
        "{}",
        stdout(&output)
    );
    let verbose = briefing().args(["build", "-v", "--root"]).arg(site.path()).output().unwrap();
    assert!(stdout(&verbose).contains("  draft: content/articles/the-draft.md"), "{}", stdout(&verbose));
    assert!(stdout(&verbose).contains("  scheduled for 2999-01-01"), "{}", stdout(&verbose));
    let quiet = briefing().args(["build", "--quiet", "--root"]).arg(site.path()).output().unwrap();
    assert!(quiet.status.success() && stdout(&quiet).is_empty(), "{}", stdout(&quiet));
    let all = briefing().args(["build", "--drafts", "--future", "--root"]).arg(site.path()).output().unwrap();
    assert!(!stdout(&all).contains("left out"), "{}", stdout(&all));
}

#[test]
fn a_busy_port_says_so_and_suggests_port_0() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = site_copy("sites/minimal");
    let output = briefing().args(["serve", "--port", &port, "--root"]).arg(site.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains(&format!("port {port} is already in use")), "{}", stderr(&output));
    assert!(stderr(&output).contains("--port 0"), "{}", stderr(&output));
}

#[test]
fn every_command_run_outside_a_site_says_to_pass_root_or_make_one() {
    let nowhere = tempfile::tempdir().unwrap();
    fs::write(nowhere.path().join("page.txt"), "A headline\n\n20/11/2025\n\nA paragraph of the report.\n").unwrap();
    let commands: [&[&str]; 5] =
        [&["build"], &["check"], &["serve", "--port", "0"], &["new", "article", "A title"], &["import", "page.txt"]];
    for args in commands {
        let output = briefing().current_dir(nowhere.path()).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let message = stderr(&output);
        assert!(message.contains("--root"), "{args:?}: {message}");
        // serve writes nothing in any case, so it does not speak of an output.
        if args[0] == "serve" {
            assert!(!message.contains("output"), "{message}");
            assert!(message.contains("the preview did not start"), "{message}");
        }
    }
}
