//! The Tokio side of the corolint::rt runtime benchmarks. Each workload
//! mirrors one in ../cpp/bench.cpp; see ../README.md.
//!
//! Output: one line per workload, `name<TAB>median_ns<TAB>min_ns<TAB>max_ns`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::runtime::Runtime;
use tokio::sync::{mpsc, Mutex};

struct Sizes {
    spawn_tasks: u64,
    messages: u64,
    capacity: usize,
    mutex_tasks: u64,
    mutex_iters: u64,
    timers: u64,
    timer_sleep: Duration,
    round_trips: u64,
}

impl Sizes {
    fn new(quick: bool) -> Sizes {
        let div = if quick { 10 } else { 1 };
        Sizes {
            spawn_tasks: 1_000_000 / div,
            messages: 1_000_000 / div,
            capacity: 1024,
            mutex_tasks: 8,
            mutex_iters: 100_000 / div,
            timers: 100_000 / div,
            timer_sleep: Duration::from_millis(10),
            round_trips: 100_000 / div,
        }
    }
}

async fn spawn_join(n: u64) -> u64 {
    let mut handles = Vec::with_capacity(n as usize);
    for i in 0..n {
        handles.push(tokio::spawn(async move { i & 1 }));
    }
    let mut sum = 0;
    for h in handles {
        sum += h.await.unwrap();
    }
    sum
}

async fn mpsc_throughput(producers: u64, messages: u64, capacity: usize) -> u64 {
    let (tx, mut rx) = mpsc::channel::<u64>(capacity);
    let per = messages / producers;
    for _ in 0..producers {
        let tx = tx.clone();
        tokio::spawn(async move {
            for i in 0..per {
                if tx.send(i).await.is_err() {
                    panic!("receiver gone");
                }
            }
        });
    }
    drop(tx);
    let mut count = 0;
    while let Some(_v) = rx.recv().await {
        count += 1;
    }
    assert_eq!(count, per * producers);
    count
}

async fn mutex_contention(tasks: u64, iters: u64) -> u64 {
    let m = Arc::new(Mutex::new(0u64));
    let mut handles = Vec::with_capacity(tasks as usize);
    for _ in 0..tasks {
        let m = m.clone();
        handles.push(tokio::spawn(async move {
            for _ in 0..iters {
                let mut g = m.lock().await;
                *g += 1;
            }
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let total = *m.lock().await;
    assert_eq!(total, tasks * iters);
    total
}

async fn timers(n: u64, d: Duration) -> u64 {
    let mut handles = Vec::with_capacity(n as usize);
    for _ in 0..n {
        handles.push(tokio::spawn(async move {
            tokio::time::sleep(d).await;
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    n
}

async fn ping_pong(round_trips: u64) -> u64 {
    let (ping_tx, mut ping_rx) = mpsc::channel::<u64>(1);
    let (pong_tx, mut pong_rx) = mpsc::channel::<u64>(1);
    let ponger = tokio::spawn(async move {
        while let Some(v) = ping_rx.recv().await {
            if pong_tx.send(v + 1).await.is_err() {
                break;
            }
        }
    });
    let mut v = 0;
    for _ in 0..round_trips {
        ping_tx.send(v).await.unwrap();
        v = pong_rx.recv().await.unwrap();
    }
    drop(ping_tx);
    ponger.await.unwrap();
    assert_eq!(v, round_trips);
    v
}

/// Runs `make()` on a worker (not on the thread that calls block_on, so that
/// the driving task lives where the corolint::rt one does) and times it.
fn time_once<F, Fut>(rt: &Runtime, make: &F) -> u128
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = u64> + Send + 'static,
{
    let fut = make();
    let start = Instant::now();
    let r = rt.block_on(rt.spawn(fut)).unwrap();
    let ns = start.elapsed().as_nanos();
    assert!(r > 0);
    ns
}

fn measure<F, Fut>(rt: &Runtime, name: &str, reps: usize, make: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = u64> + Send + 'static,
{
    time_once(rt, &make); // warm-up
    let mut times: Vec<u128> = (0..reps).map(|_| time_once(rt, &make)).collect();
    times.sort_unstable();
    println!(
        "{}\t{}\t{}\t{}",
        name,
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
}

fn main() {
    let mut quick = false;
    let mut workers: usize = 2;
    let mut reps: usize = 5;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--quick" => quick = true,
            "--workers" => {
                workers = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--workers N")
            }
            "--reps" => reps = args.next().and_then(|v| v.parse().ok()).expect("--reps N"),
            "--only" => only = args.next(),
            _ => {
                eprintln!("usage: rt-bench-tokio [--quick] [--workers N] [--reps N] [--only NAME]");
                std::process::exit(2);
            }
        }
    }
    assert!(workers > 0 && reps > 0);
    let s = Sizes::new(quick);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_time()
        .build()
        .expect("building the Tokio runtime");
    let want = |name: &str| only.as_deref().map_or(true, |o| o == name);

    if want("spawn_join") {
        let n = s.spawn_tasks;
        measure(&rt, "spawn_join", reps, move || spawn_join(n));
    }
    if want("mpsc_1p") {
        let (m, c) = (s.messages, s.capacity);
        measure(&rt, "mpsc_1p", reps, move || mpsc_throughput(1, m, c));
    }
    if want("mpsc_4p") {
        let (m, c) = (s.messages, s.capacity);
        measure(&rt, "mpsc_4p", reps, move || mpsc_throughput(4, m, c));
    }
    if want("mutex") {
        let (t, i) = (s.mutex_tasks, s.mutex_iters);
        measure(&rt, "mutex", reps, move || mutex_contention(t, i));
    }
    if want("timers") {
        let (n, d) = (s.timers, s.timer_sleep);
        measure(&rt, "timers", reps, move || timers(n, d));
    }
    if want("ping_pong") {
        let n = s.round_trips;
        measure(&rt, "ping_pong", reps, move || ping_pong(n));
    }
}
