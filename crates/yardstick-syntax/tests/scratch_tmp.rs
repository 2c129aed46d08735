#![allow(clippy::unwrap_used)]
#[test]
fn scratch() {
    let path = std::env::var("YS_FILE").unwrap();
    let src = std::fs::read_to_string(path).unwrap();
    match yardstick_syntax::format(&src) {
        Ok(out) => {
            print!("{out}");
            let again = yardstick_syntax::format(&out).unwrap();
            if again != out {
                println!("==== NOT IDEMPOTENT ===\n{again}");
            }
            assert_eq!(
                yardstick_syntax::parse(&out).unwrap(),
                yardstick_syntax::parse(&src).unwrap()
            );
        }
        Err(e) => println!("ERR {e:?}"),
    }
}
