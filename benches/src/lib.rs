//! Inputs shared by the benchmarks and the profiling loop.

/// A 40-item standard: 40 percentage inputs, 10 vetoes, 30 plain items in two sections, a weighted score
/// and a grade.
pub fn standard_40() -> String {
    let mut s = String::from("standard bench.forty {\n  version \"1\"\n");
    for i in 0..40 {
        s.push_str(&format!(
            "  input x{i}: percent label zh \"指标{i}\" en \"indicator {i}\"\n"
        ));
    }
    s.push_str("  basic vetoes \"基本条件\" {\n");
    for i in 0..10 {
        s.push_str(&format!("    item v{i} \"否决{i}\" {{ x{i} >= 90% }}\n"));
    }
    s.push_str("  }\n  section a \"甲\" {\n");
    for i in 10..25 {
        s.push_str(&format!("    item i{i} \"项{i}\" {{ x{i} <= 5% }}\n"));
    }
    s.push_str("  }\n  section b \"乙\" {\n");
    for i in 25..40 {
        s.push_str(&format!(
            "    item i{i} \"项{i}\" {{ x{i} >= 60% and x{i} <= 99% }}\n"
        ));
    }
    s.push_str("  }\n  score total out_of 100 = 25% x0 + 25% x1 + 25% x2 + 25% x3\n");
    s.push_str("  grade rating from total {\n    good when >= 90\n    fair when >= 60 and < 90\n    poor otherwise\n  }\n}\n");
    s
}

/// An assessment for [`standard_40`] that passes every item.
pub fn assessment_40() -> String {
    let inputs: Vec<String> = (0..40)
        .map(|i| {
            format!(
                "\"x{i}\": {}",
                if i < 10 {
                    95
                } else if i < 25 {
                    3
                } else {
                    80
                }
            )
        })
        .collect();
    format!(
        "{{\"standard\": \"bench.forty\", \"inputs\": {{{}}}}}",
        inputs.join(", ")
    )
}
