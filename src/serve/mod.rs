//! `briefing serve`: the site built in memory, served over HTTP, rebuilt as its files
//! change (only as far as a change reaches) and reloaded in the browser.
//!
//! `engine` runs the build's stages; `watch` turns file events into `change::Change`s;
//! `server` answers HTTP from `live`, the last good site.

pub(crate) mod change;
mod engine;
pub(crate) mod in_process;
mod live;
mod server;
mod watch;

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tokio::sync::watch as signal_watch;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::plan::BuildOptions;
use engine::{Engine, Outcome};
use live::Live;
use watch::{Batch, Watch};

/// Why `serve` could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The site cannot be loaded at all (no site.yaml): there is nothing to serve.
    #[error("{0}")]
    Content(Diagnostics),
    /// The address, the watcher, the server's runtime.
    #[error(transparent)]
    Setup(#[from] anyhow::Error),
}

/// Serves the site of `options` at `address` until Ctrl-C, rebuilding it as its files
/// change; `open` opens it in the default browser.
pub(crate) fn serve(options: BuildOptions, address: SocketAddr, open: bool) -> Result<(), ServeError> {
    let started = Instant::now();
    let shown_root = options.root.clone();
    let root = options
        .root
        .canonicalize()
        .with_context(|| format!("cannot open the site root `{}`", options.root.display()))?;
    let listener = std::net::TcpListener::bind(address).map_err(|error| match error.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "port {} is already in use (another `briefing serve`, or another server): pass --port 0 to pick a free port, or --port N",
            address.port()
        ),
        _ => anyhow::Error::new(error).context(format!("cannot listen on {address}")),
    })?;
    listener.set_nonblocking(true).context("cannot set up the listening socket")?;
    let address = listener.local_addr().context("cannot read the address listened on")?;
    // Listening on every interface (0.0.0.0) gives no address to link to: pages link
    // root-relatively anyway, and their absolute links (feeds, canonical) name localhost.
    let url = if address.ip().is_unspecified() {
        format!("http://localhost:{}", address.port())
    } else {
        format!("http://{address}")
    };
    // Watching starts before the first build, so no edit made during it is missed.
    let watch = Watch::start(&root).with_context(|| format!("cannot watch `{}` for changes", root.display()))?;
    let options = BuildOptions { root: root.clone(), output: None, base_url: Some(url.clone()), ..options };
    let (engine, outcome) = Engine::load(options).map_err(ServeError::Content)?;

    let first = match &outcome {
        Outcome::Updated(update) => format!(
            "{} pages and files, each rendered when first asked for; ready in {} ms",
            update.files,
            millis(started.elapsed())
        ),
        Outcome::Failed(_) => "the site has errors: fix them and it rebuilds by itself".to_owned(),
    };
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "Serving {} at {url}/ ({first}; Ctrl-C to stop)", shown(&shown_root));
    let _ = stdout.flush();
    report_failure(&outcome);
    let warnings = engine.warnings();
    report_warnings(&warnings);
    let live = Arc::new(Live::new(engine, outcome));

    std::thread::Builder::new()
        .name("briefing-rebuild".to_owned())
        .spawn({
            let live = Arc::clone(&live);
            move || rebuild_loop(watch, &live, &root, warnings)
        })
        .context("cannot start the rebuilding thread")?;
    if open {
        open_browser(&format!("{url}/"));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the HTTP server's runtime")?;
    let served = runtime.block_on(serve_http(listener, live, server::AllowedHosts::for_address(address)));
    // Tasks still running (a response being written) get a moment, not forever.
    runtime.shutdown_timeout(Duration::from_millis(200));
    served?;
    println!("Stopped.");
    Ok(())
}

/// Answers HTTP until Ctrl-C; open event streams are ended so that it stops at once.
async fn serve_http(listener: std::net::TcpListener, live: Arc<Live>, hosts: server::AllowedHosts) -> Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener).context("cannot set up the listening socket")?;
    let (stop, stopping) = signal_watch::channel(false);
    let app = server::router(server::AppState { live, hosts: Arc::new(hosts), stopping });
    let shutdown = async move {
        let _ = tokio::signal::ctrl_c().await;
        let _ = stop.send(true);
    };
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await.context("the HTTP server stopped")
}

/// Rebuilds after every batch of changes, until the watcher stops. `warnings` are those
/// printed last: a rebuild prints them again only when they change.
fn rebuild_loop(mut watch: Watch, live: &Live, root: &Path, mut warnings: Vec<Diagnostic>) {
    while let Some(batch) = watch.next_batch() {
        let started = Instant::now();
        let mut engine = live.engine();
        let outcome = engine.apply(&batch.changes);
        let updated = matches!(outcome, Outcome::Updated(_));
        report_failure(&outcome);
        live.publish(outcome);
        drop(engine);
        if updated {
            println!("Rebuilt in {} ms ({})", millis(started.elapsed()), paths(&batch, root));
        }
        // After publishing: the pages do not wait for this.
        let now = if updated { live.engine().warnings() } else { continue };
        if now != warnings {
            if now.is_empty() {
                eprintln!("No warnings left.");
            }
            report_warnings(&now);
            warnings = now;
        }
    }
}

/// Prints what does not stop a build, as `build` does; the browser's overlay is for errors only.
fn report_warnings(warnings: &[Diagnostic]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

fn report_failure(outcome: &Outcome) {
    if let Outcome::Failed(problems) = outcome {
        eprintln!("{problems}");
        eprintln!("(the last good build, if any, stays served; the browser shows these problems until they are fixed)");
    }
}

fn millis(elapsed: Duration) -> u128 {
    elapsed.as_millis()
}

/// `content/articles/x.md`, or `a, b, c and 4 more`; editors' passing temporary files left out.
fn paths(batch: &Batch, root: &Path) -> String {
    let shown: Vec<&PathBuf> = batch
        .paths
        .iter()
        .filter(|path| {
            root.join(path).exists() || !matches!(change::classify(path), Some(change::Change::OtherContent(_)))
        })
        .collect();
    let mut names: Vec<String> =
        shown.iter().take(3).map(|path| path.display().to_string().replace('\\', "/")).collect();
    if shown.len() > 3 {
        names.push(format!("and {} more", shown.len() - 3));
    }
    if names.is_empty() { "rescan".to_owned() } else { names.join(", ") }
}

fn shown(root: &Path) -> String {
    if root == Path::new(".") { "the site".to_owned() } else { root.display().to_string() }
}

/// Opens `url` in the default browser; a failure only prints a note.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(error) = opener {
        eprintln!("note: cannot open a browser ({error}); open {url} yourself");
    }
}
