//! A small HTTP/1.1 file server on 127.0.0.1 for the remote-COG tests: it serves the files of one folder with byte
//! range support (what GDAL's `/vsicurl/` needs), or without it, or answers nothing at all, and counts the body
//! bytes it sent so a test can tell a range read from a whole download.
#![allow(dead_code)] // also compiled into benches/remote.rs, which uses a part of it

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Behaviour {
    /// `Range: bytes=a-b` answered with 206 and those bytes.
    Ranges,
    /// Every GET answered with 200 and the whole file, as a server without range support does.
    NoRanges,
    /// Connections are accepted and never answered.
    Silent,
}

pub struct FileServer {
    port: u16,
    served: Arc<AtomicU64>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl FileServer {
    /// Serves the files of `root` (by name; no subfolders) on a free port, on threads that live as long as the test.
    pub fn start(root: &Path, behaviour: Behaviour) -> FileServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
        let port = listener.local_addr().expect("local address").port();
        let served = Arc::new(AtomicU64::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (root, served_c, requests_c) = (root.to_path_buf(), Arc::clone(&served), Arc::clone(&requests));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, served, requests) = (root.clone(), Arc::clone(&served_c), Arc::clone(&requests_c));
                std::thread::spawn(move || serve(stream, &root, behaviour, &served, &requests));
            }
        });
        FileServer { port, served, requests }
    }

    pub fn url(&self, name: &str) -> String {
        format!("http://127.0.0.1:{}/{name}", self.port)
    }

    /// Body bytes sent so far.
    pub fn bytes_served(&self) -> u64 {
        self.served.load(Ordering::Relaxed)
    }

    /// Request lines and Range headers received so far, e.g. `GET /a.tif bytes=0-16383`.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().expect("request log").clone()
    }
}

/// Answers the requests of one connection (kept alive, as curl expects) until the client closes it.
fn serve(stream: TcpStream, root: &Path, behaviour: Behaviour, served: &AtomicU64, requests: &Mutex<Vec<String>>) {
    let Ok(mut out) = stream.try_clone() else { return };
    let mut input = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if input.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut range = None;
        loop {
            let mut header = String::new();
            if input.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("range") {
                    range = Some(value.trim().to_string());
                }
            }
        }
        let mut parts = request_line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        requests.lock().expect("request log").push(format!("{method} {target} {}", range.as_deref().unwrap_or("")));
        if behaviour == Behaviour::Silent {
            // Read until the client gives up; never answer.
            let _ = std::io::copy(&mut input, &mut std::io::sink());
            return;
        }
        let name = target.trim_start_matches('/');
        let file: Option<PathBuf> = (!name.contains('/') && !name.contains("..")).then(|| root.join(name));
        let body = file.filter(|f| f.is_file()).and_then(|f| std::fs::read(f).ok());
        let Some(body) = body else {
            let _ = write!(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found");
            continue;
        };
        let total = body.len() as u64;
        let wanted = range.as_deref().filter(|_| behaviour == Behaviour::Ranges).and_then(|r| parse_range(r, total));
        let (status, slice, extra) = match wanted {
            Some((a, b)) => (
                "206 Partial Content",
                &body[a as usize..=b as usize],
                format!("Content-Range: bytes {a}-{b}/{total}\r\nAccept-Ranges: bytes\r\n"),
            ),
            None if behaviour == Behaviour::Ranges => ("200 OK", &body[..], "Accept-Ranges: bytes\r\n".to_string()),
            None => ("200 OK", &body[..], String::new()),
        };
        let head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n{extra}\r\n", slice.len());
        if out.write_all(head.as_bytes()).is_err() {
            return;
        }
        if method != "HEAD" {
            if out.write_all(slice).is_err() {
                return;
            }
            served.fetch_add(slice.len() as u64, Ordering::Relaxed);
        }
    }
}

/// `bytes=a-b` or `bytes=a-` within a file of `total` bytes; one range only (GDAL asks for one at a time).
fn parse_range(header: &str, total: u64) -> Option<(u64, u64)> {
    let spec = header.strip_prefix("bytes=")?;
    let (a, b) = spec.split_once('-')?;
    let a: u64 = a.parse().ok()?;
    let b: u64 = if b.is_empty() { total - 1 } else { b.parse::<u64>().ok()?.min(total - 1) };
    (a <= b && !spec.contains(',')).then_some((a, b))
}
