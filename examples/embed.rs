//! Embedding Yardstick: load the shipped standards, compile one standard once, evaluate many assessments
//! from several threads, and read the typed result and its explanation.
//!
//! Run: `cargo run -p yardstick-examples --example embed`

use std::path::Path;
use yardstick::{Library, Options, Outcome};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut lib = Library::new();
    lib.load_dir(&root.join("standards"))?;

    // The version in force on a given day: the 2011 fly levels apply on 2020-06-01.
    let as_of = yardstick::parse_date("2020-06-01").ok_or("bad date")?;
    let fly = lib.compile_as_of("cn.vector.fly", as_of)?;
    println!(
        "{} {} (hash {})",
        fly.id(),
        fly.version(),
        &fly.hash()[..12]
    );

    // A compiled standard is cheap to clone and Send + Sync: evaluate from several threads.
    let rates: [&'static str; 4] = ["2.5", "5.9", "9", "17.60"];
    let handles: Vec<_> = rates
        .into_iter()
        .map(|rate| {
            let fly = fly.clone();
            let assessment = format!(
                r#"{{"standard": "cn.vector.fly", "inputs": {{"room_positive_rate": {rate}, "flies_per_positive_room": 2,
                "breeding_site_positive_rate": 1, "proofing_compliance_rate": 99, "ready_to_eat_sites_with_flies": 0}}}}"#
            );
            std::thread::spawn(move || {
                let a = fly.assessment(&assessment)?;
                fly.evaluate(&a, &Options::default())
                    .map(|r| (rate.to_string(), r))
            })
        })
        .collect();
    for h in handles {
        let (rate, r) = h.join().map_err(|_| "thread failed")??;
        // Outputs are typed values; numbers are exact decimals.
        let level = r.output("level").map(|v| v.to_string()).unwrap_or_default();
        let exceedance = r
            .output("exceedance")
            .and_then(|v| v.as_number())
            .map(|n| n.as_decimal());
        println!("rooms with flies {rate}%: level {level}, exceedance {exceedance:?}");
    }

    // A bad answer is refused with a stable code and a reason in both languages.
    if let Err(bad) = fly.assessment(r#"{"room_positive_rate": "5%"}"#) {
        println!("\n{bad}\n{} [{}]", bad.report().zh, bad.code());
    }

    // The explanation of a failing result, in both languages, with the fix.
    let nat = lib.compile("cn.sanitary_city.national", Some("pre-2014"))?;
    let text = std::fs::read_to_string(root.join("examples/assessments/city-vetoed-pre2014.json"))?;
    let r = nat.evaluate_text(&text, &Options::explained())?;
    println!("\n{}: {}", nat.id(), r.outcome);
    for item in r.items.iter().filter(|i| i.outcome == Some(Outcome::Fail)) {
        if let Some(x) = item.explanation.as_ref().filter(|x| x.veto) {
            println!("  {}\n  {}", x.en, x.zh);
        }
    }
    // Items of used standards are in the result too, with the path they are reached through.
    for item in r
        .items
        .iter()
        .filter(|i| !i.path.is_empty() && i.kind == "item")
    {
        println!(
            "  {} (via {}): {:?}",
            item.id,
            item.path.join("."),
            item.outcome
        );
    }
    for f in &r.fixes {
        println!("  fix: {}", f.en);
    }
    // Evaluate once, explain only what is read: a record keeps the values (as fast as a result
    // without explanation), and an item's explanation is built from them when it is asked for.
    let a = nat.assessment(&text)?;
    let record = nat.record(&a)?;
    for id in record.vetoed_by() {
        if let Some(x) = record.explain(id)?.and_then(|item| item.explanation) {
            println!("  explained from the record: {}", x.en);
        }
    }
    // The same result is the JSON contract of docs/json.md.
    println!("\n{} bytes of JSON", r.to_json().len());
    Ok(())
}
