//! `briefing serve`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use clap::Args;

use super::SiteArgs;

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on; 0 picks a free one
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but 127.0.0.1 or ::1 shows the site to the network.
    /// Requests must name the address served in their Host header (or localhost, on a
    /// loopback address), which keeps other web pages from reading the preview; 0.0.0.0
    /// and :: answer any name
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
    /// Open the site in the default web browser
    #[arg(long)]
    pub open: bool,
}

impl ServeArgs {
    pub fn run(self) -> Result<(), crate::serve::ServeError> {
        crate::serve::serve(self.site.options(), SocketAddr::new(self.bind, self.port), self.open)
    }
}
