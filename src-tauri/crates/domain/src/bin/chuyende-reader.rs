//! Reads one outline document for a parent process (see `chuyende::outline::isolation`): the
//! reader of this crate's tests and benches. The window and the CLI serve as readers themselves.

fn main() {
    chuyende::outline::isolation::serve_if_asked();
    eprintln!(
        "chuyende-reader: a reader for Chuyên Đề, started by the app with {}",
        chuyende::outline::isolation::READER_ARG
    );
    std::process::exit(2);
}
