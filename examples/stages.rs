//! Time and memory of each stage of a build, for profiling.
//!
//!     cargo run --release --example stages -- SITE_DIR [OUTPUT_DIR | --by-kind]
//!
//! Runs the same stages as `briefing build` (read, parse + assemble, render + write,
//! commit) and prints, after each, the elapsed time and the process's resident and
//! peak resident memory (Linux `/proc/self/status`; blank elsewhere). Without an
//! OUTPUT_DIR the pages are rendered and dropped, not written. With `--by-kind` they
//! are rendered one after the other, and the time and bytes of each kind of page
//! (home, article, term...) are printed.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use briefing::output::Output;
use briefing::plan::{BuildOptions, Made, Plan, parse, static_list};
use briefing::render::{Renderer, Route};

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn report(stage: &str, started: &mut Instant) {
    let mib = |field| status_kib(field).map_or_else(String::new, |k| format!("{:.0}", k as f64 / 1024.0));
    println!(
        "{stage:<16} {:>8.1} ms   rss {:>6} MiB   peak {:>6} MiB",
        started.elapsed().as_secs_f64() * 1000.0,
        mib("VmRSS:"),
        mib("VmHWM:")
    );
    *started = Instant::now();
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let root = PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!("usage: stages SITE_DIR [OUTPUT_DIR]"))?);
    let next = args.next();
    let by_kind = next.as_deref() == Some(std::ffi::OsStr::new("--by-kind"));
    let output_dir = next.filter(|_| !by_kind).map(PathBuf::from);
    let options = BuildOptions { root: root.clone(), output: output_dir.clone(), ..BuildOptions::default() };
    let total = Instant::now();
    let mut started = Instant::now();

    let source = briefing::plan::read_source(&root);
    report("read", &mut started);
    let loaded = parse(&source, &options).map_err(|problems| anyhow::anyhow!("{problems}"))?;
    report("parse+assemble", &mut started);
    drop(source);
    report("drop source", &mut started);

    let plan = Plan::new(&loaded.site, &loaded.templates, &loaded.statics);
    let jobs = plan.routes.clone();
    report("renderer", &mut started);

    if by_kind {
        return render_by_kind(&plan.renderer, &jobs);
    }
    let bytes = AtomicU64::new(0);
    match &output_dir {
        Some(dir) => {
            let output = Output::prepare(&root, dir)?;
            let kind = briefing::output::BuildKind { drafts: false, future: false };
            let cards = briefing::output::CardCache::of_site(&root, kind);
            plan.render_each(&jobs, |made| match made {
                Made::Page(page) => output.write(&page),
                Made::Card { path, card } => cards.place(&card, &path, &output),
            })?
            .map_err(|problems| anyhow::anyhow!("{problems}"))?;
            bytes.store(output.size(), Ordering::Relaxed);
            report("render+write", &mut started);
            for (relative, absolute) in &static_list(&loaded.statics) {
                output.copy(absolute, Path::new(relative))?;
            }
            let target = output.commit()?;
            cards.finish(&target);
            report("commit", &mut started);
        }
        None => {
            plan.render_each(&jobs, |made| {
                let size = match made {
                    Made::Page(page) => page.bytes.len(),
                    Made::Card { card, .. } => card.draw().len(),
                };
                bytes.fetch_add(size as u64, Ordering::Relaxed);
                Ok::<(), std::convert::Infallible>(())
            })
            .unwrap_or_else(|never| match never {})
            .map_err(|problems| anyhow::anyhow!("{problems}"))?;
            report("render", &mut started);
        }
    }
    println!(
        "{} pages, {:.1} MB rendered, {:.0} ms in all",
        jobs.len(),
        bytes.load(Ordering::Relaxed) as f64 / 1e6,
        total.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}

/// Renders every page on this thread, totalling time and bytes per kind of page.
fn render_by_kind(renderer: &Renderer<'_>, jobs: &[Route]) -> anyhow::Result<()> {
    let mut kinds: Vec<(String, usize, f64, usize)> = Vec::new();
    for &job in jobs {
        let kind = format!("{job:?}").split('(').next().unwrap_or_default().to_owned();
        let started = Instant::now();
        let page = renderer.render(job).map_err(|problem| anyhow::anyhow!("{problem}"))?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        match kinds.iter_mut().find(|k| k.0 == kind) {
            Some(k) => (k.1, k.2, k.3) = (k.1 + 1, k.2 + ms, k.3 + page.bytes.len()),
            None => kinds.push((kind, 1, ms, page.bytes.len())),
        }
    }
    let total: f64 = kinds.iter().map(|k| k.2).sum();
    println!("{:<14} {:>7} {:>10} {:>6} {:>10}", "kind", "pages", "ms", "share", "MB");
    for (kind, count, ms, bytes) in &kinds {
        println!("{kind:<14} {count:>7} {ms:>10.1} {:>5.1}% {:>10.1}", ms / total * 100.0, *bytes as f64 / 1e6);
    }
    Ok(())
}
