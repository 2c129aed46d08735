fn main() {
    for f in std::env::args().skip(1) {
        let src = std::fs::read_to_string(&f).unwrap_or_default();
        match yardstick_syntax::parse(&src) {
            Ok(d) => println!("{f}: ok, {} members", d.standard.members.len()),
            Err(e) => {
                for x in e.errors {
                    println!("{f}: {:?}", x);
                }
            }
        }
    }
}
