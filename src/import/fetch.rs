//! `briefing import URL`: the page fetched over http(s), decoded to text.
