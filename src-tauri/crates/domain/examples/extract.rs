//! Prints what the importer reads from documents: `cargo run -p chuyende-domain --example
//! extract -- FILE…`. For checking a document a user reports as badly read.

fn main() {
    // This example is its own reader process, as the app and the CLI are.
    chuyende::outline::isolation::serve_if_asked();
    let limits = chuyende::outline::extract::Limits::default();
    for path in std::env::args_os().skip(1) {
        let path = std::path::PathBuf::from(path);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(&path).expect("read the file");
        println!("== {name}");
        match chuyende::outline::extract::extract(&name, &bytes, &limits) {
            Ok(e) => {
                println!("{:?} {:?}, {} blocks", e.format, e.status, e.blocks.len());
                for b in &e.blocks {
                    println!("  {:?}: {}", b.kind, b.text);
                }
            }
            Err(problem) => println!("refused: {problem}"),
        }
    }
}
