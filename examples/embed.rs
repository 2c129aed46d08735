//! Embedding Yardstick: load the shipped standards, compile one standard once, evaluate many assessments
//! from several threads, and read the explanation.
//!
//! Run: `cargo run -p yardstick-examples --example embed`

use std::path::Path;
use yardstick::Library;

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
            std::thread::spawn(move || fly.evaluate_json(&assessment, true).map(|r| (rate.to_string(), r)))
        })
        .collect();
    for h in handles {
        let (rate, r) = h.join().map_err(|_| "thread failed")??;
        println!(
            "rooms with flies {rate}%: level {}, exceedance {}",
            r["outputs"]["level"], r["outputs"]["exceedance"]
        );
    }

    // The explanation of a failing result, in both languages, with the fix.
    let nat = lib.compile("cn.sanitary_city.national", Some("pre-2014"))?;
    let text = std::fs::read_to_string(root.join("examples/assessments/city-vetoed-pre2014.json"))?;
    let r = nat.evaluate_json(&text, true)?;
    println!("\n{}: {}", nat.id(), r["outcome"]);
    for item in r["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["outcome"] == "fail" && i["veto"] == true)
    {
        println!(
            "  {}\n  {}",
            item["en"].as_str().unwrap_or(""),
            item["zh"].as_str().unwrap_or("")
        );
    }
    for f in r["fixes"].as_array().into_iter().flatten() {
        println!("  fix: {}", f["en"].as_str().unwrap_or(""));
    }
    Ok(())
}
