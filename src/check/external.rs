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
pub struct ExternalOptions {
    /// Per request.
    pub timeout: Duration,
    /// Pause between two requests to the same host.
    pub per_host_interval: Duration,
    /// Results younger than `cache_ttl` are reused from this file (by default in the user's
    /// cache directory). It is read and replaced without following symbolic links.
    pub cache: Option<PathBuf>,
    pub cache_ttl: Duration,
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

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// Checks each distinct URL once; returns the URLs that failed, with why.
pub fn check_urls(urls: &[String], options: &ExternalOptions) -> Vec<(String, String)> {
    let mut cache: BTreeMap<String, CachedResult> = options
        .cache
        .as_ref()
        .and_then(|path| cache::read(path))
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let fresh = |result: &CachedResult| now().saturating_sub(result.checked_at) < options.cache_ttl.as_secs();

    let mut by_host: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for url in urls {
        if cache.get(url).is_none_or(|r| !fresh(r)) {
            by_host.entry(host_of(url)).or_default().push(url);
        }
    }
    for list in by_host.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    let queue: Mutex<Vec<Vec<&str>>> = Mutex::new(by_host.into_values().collect());
    let results: Mutex<HashMap<String, CachedResult>> = Mutex::new(HashMap::new());
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
                    for (i, url) in host_urls.iter().enumerate() {
                        if i > 0 {
                            std::thread::sleep(options.per_host_interval);
                        }
                        let problem = probe(&agent, url);
                        results
                            .lock()
                            .expect("results lock")
                            .insert(url.to_string(), CachedResult { problem, checked_at: now() });
                    }
                }
            });
        }
    });
    cache.extend(results.into_inner().expect("results lock"));
    if let Some(path) = &options.cache
        && let Ok(bytes) = serde_json::to_vec(&cache)
    {
        // The cache only saves time; failing to write it is not worth a warning.
        let _ = cache::write(path, &bytes);
    }
    let mut failures: Vec<(String, String)> = urls
        .iter()
        .filter_map(|url| cache.get(url).and_then(|r| r.problem.clone()).map(|problem| (url.clone(), problem)))
        .collect();
    failures.sort();
    failures.dedup();
    failures
}

/// `None` if the URL answers with a success or a redirect to one; HEAD first, GET if refused.
fn probe(agent: &ureq::Agent, url: &str) -> Option<String> {
    let status = match agent.head(url).call() {
        Ok(response) if response.status().as_u16() < 400 => return None,
        Ok(_) | Err(_) => match agent.get(url).call() {
            Ok(response) => response.status().as_u16(),
            Err(error) => return Some(format!("unreachable: {error}")),
        },
    };
    (status >= 400).then(|| format!("answered HTTP {status}"))
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
        let failures = check_urls(&urls, &options);
        assert_eq!(failures.len(), 1);
        assert!(failures[0].1.starts_with("unreachable"), "{failures:?}");
        assert!(std::fs::read_to_string(dir.path().join("briefing/cache.json")).unwrap().contains("127.0.0.1:9/gone"));
    }
}
