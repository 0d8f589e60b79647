//! `check --external`: are the external links still there? Failures are warnings only,
//! since news sites often refuse robots.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

mod cache;

/// How external links are checked.
#[derive(Debug, Clone)]
pub(crate) struct ExternalOptions {
    /// Per request.
    pub timeout: Duration,
    /// Pause between two requests to the same host.
    pub per_host_interval: Duration,
    /// Results younger than `cache_ttl` are reused from this file (by default in the user's
    /// cache directory). It is read and replaced without following symbolic links.
    pub cache: Option<PathBuf>,
    pub cache_ttl: Duration,
    /// Check every link again, whatever the cache holds.
    pub refresh: bool,
    /// Hosts checked at once.
    pub parallel_hosts: usize,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            per_host_interval: Duration::from_secs(1),
            cache: cache::default_file(),
            cache_ttl: Duration::from_secs(24 * 3600),
            refresh: false,
            parallel_hosts: 8,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CachedResult {
    /// `None` when the link worked.
    problem: Option<String>,
    checked_at: u64,
}

/// What one request found: the server's answer is worth keeping for a day; a network
/// failure says more about this machine's connection than about the link, so it is not kept.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Probe {
    Works,
    Answered(u16),
    Unreachable(String),
}

/// What `check --external` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ExternalReport {
    /// Links that failed, with why (a cached answer says how old it is).
    pub failures: Vec<(String, String)>,
    /// Set when no link of several hosts could be reached: the machine looks offline, and
    /// the links were not judged.
    pub offline: Option<usize>,
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// Checks each distinct URL once (answers younger than the cache's age are reused).
pub(super) fn check_urls(urls: &[String], options: &ExternalOptions) -> ExternalReport {
    let mut cache: BTreeMap<String, CachedResult> = options
        .cache
        .as_ref()
        .filter(|_| !options.refresh)
        .and_then(|path| cache::read(path))
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let fresh = |result: &CachedResult| now().saturating_sub(result.checked_at) < options.cache_ttl.as_secs();
    cache.retain(|_, result| fresh(result));

    let mut by_host: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for url in urls {
        if !cache.contains_key(url) {
            by_host.entry(host_of(url)).or_default().push(url);
        }
    }
    for list in by_host.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    let hosts_probed = by_host.len();
    let queue: Mutex<Vec<Vec<&str>>> = Mutex::new(by_host.into_values().collect());
    let results: Mutex<HashMap<String, Probe>> = Mutex::new(HashMap::new());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(options.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("briefing-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    std::thread::scope(|scope| {
        for _ in 0..options.parallel_hosts.max(1) {
            scope.spawn(|| {
                while let Some(host_urls) = queue.lock().expect("queue lock").pop() {
                    let mut unreachable_host: Option<String> = None;
                    for (i, url) in host_urls.iter().enumerate() {
                        // A host that could not be reached is not asked again for its other links.
                        let probe = match &unreachable_host {
                            Some(problem) => Probe::Unreachable(problem.clone()),
                            None => {
                                if i > 0 {
                                    std::thread::sleep(options.per_host_interval);
                                }
                                probe(&agent, url, options.timeout)
                            }
                        };
                        if let Probe::Unreachable(problem) = &probe {
                            unreachable_host = Some(problem.clone());
                        }
                        results.lock().expect("results lock").insert(url.to_string(), probe);
                    }
                }
            });
        }
    });
    let probed = results.into_inner().expect("results lock");
    let all_unreachable = !probed.is_empty() && probed.values().all(|p| matches!(p, Probe::Unreachable(_)));
    let offline = (all_unreachable && hosts_probed > 1).then_some(probed.len());
    let checked_at = now();
    let mut failures: Vec<(String, String)> = Vec::new();
    let asked_now: std::collections::HashSet<String> = probed.keys().cloned().collect();
    for (url, probe) in probed {
        let problem = match probe {
            Probe::Works => None,
            Probe::Answered(status) => Some(format!("answered HTTP {status}")),
            Probe::Unreachable(problem) => {
                if offline.is_none() {
                    failures.push((url, problem));
                }
                continue;
            }
        };
        cache.insert(url, CachedResult { problem, checked_at });
    }
    if let Some(path) = &options.cache
        && let Ok(bytes) = serde_json::to_vec(&cache)
    {
        // The cache only saves time; failing to write it is not worth a warning.
        let _ = cache::write(path, &bytes);
    }
    for url in urls {
        if let Some(CachedResult { problem: Some(problem), checked_at: at }) = cache.get(url) {
            let problem = if asked_now.contains(url) {
                problem.clone()
            } else {
                let hours = checked_at.saturating_sub(*at) / 3600;
                format!("{problem} (cached, checked {hours} h ago; --refresh checks again)")
            };
            failures.push((url.clone(), problem));
        }
    }
    failures.sort();
    failures.dedup();
    ExternalReport { failures, offline }
}

/// Asks for `url`: HEAD first, GET when the server refuses HEAD. A server that cannot be
/// reached is not asked twice, so a silent host costs one timeout, not two.
fn probe(agent: &ureq::Agent, url: &str, timeout: Duration) -> Probe {
    match agent.head(url).call() {
        Ok(response) if response.status().as_u16() < 400 => Probe::Works,
        Ok(_) => match agent.get(url).call() {
            Ok(response) if response.status().as_u16() < 400 => Probe::Works,
            Ok(response) => Probe::Answered(response.status().as_u16()),
            Err(error) => Probe::Unreachable(plain_error(&error, timeout)),
        },
        Err(error) => Probe::Unreachable(plain_error(&error, timeout)),
    }
}

/// A transport failure in words, without the HTTP library's vocabulary.
fn plain_error(error: &ureq::Error, timeout: Duration) -> String {
    use ureq::Error;
    match error {
        Error::Timeout(_) => format!("did not answer within {} s", timeout.as_secs()),
        Error::HostNotFound => "could not be reached: its host name does not resolve".to_owned(),
        Error::ConnectionFailed => "could not be reached: the connection was refused".to_owned(),
        Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "could not be reached: the connection was refused".to_owned()
        }
        Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
            format!("did not answer within {} s", timeout.as_secs())
        }
        Error::Io(io) => format!("could not be reached: {}", io.kind()),
        Error::Tls(_) | Error::Rustls(_) => "could not be reached: the secure (HTTPS) connection failed".to_owned(),
        Error::TooManyRedirects => "redirects too many times".to_owned(),
        Error::BadUri(_) => "is not a valid address".to_owned(),
        other => format!("could not be reached ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_is_the_authority() {
        assert_eq!(host_of("https://www.bis.gov/news?x=1"), "www.bis.gov");
        assert_eq!(host_of("http://e.org"), "e.org");
    }

    #[test]
    fn unreachable_links_are_reported_and_cached() {
        let dir = tempfile::tempdir().unwrap();
        let options = ExternalOptions {
            timeout: Duration::from_secs(2),
            cache: Some(dir.path().join("briefing/cache.json")),
            per_host_interval: Duration::ZERO,
            ..ExternalOptions::default()
        };
        // Port 9 on the loopback refuses connections at once.
        let urls = vec!["http://127.0.0.1:9/gone".to_owned()];
        let report = check_urls(&urls, &options);
        assert_eq!(report.failures.len(), 1);
        assert!(report.failures[0].1.starts_with("could not be reached"), "{report:?}");
        assert_eq!(report.offline, None, "one host cannot tell");
        // A network failure is this machine's, not the link's: it is not cached.
        let cached = std::fs::read_to_string(dir.path().join("briefing/cache.json")).unwrap_or_default();
        assert!(!cached.contains("127.0.0.1:9/gone"), "{cached}");
    }

    #[test]
    fn when_no_host_answers_the_machine_is_reported_offline_once() {
        let options = ExternalOptions {
            timeout: Duration::from_secs(2),
            cache: None,
            per_host_interval: Duration::ZERO,
            ..ExternalOptions::default()
        };
        let urls = vec!["http://127.0.0.1:9/a".to_owned(), "http://127.0.0.2:9/b".to_owned()];
        let report = check_urls(&urls, &options);
        assert_eq!(report, ExternalReport { failures: Vec::new(), offline: Some(2) });
    }
}
