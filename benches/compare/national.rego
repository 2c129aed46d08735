# The pre-2014 national sanitary-city standard's ten basic conditions, with the 2001 four-pest criteria
# in basic condition 5 ("three of the four pests meet the criteria, and the fourth is no more than 3 times
# its criterion"). The same rules as standards/cn/sanitary-city/national-pre2014.yard and
# standards/cn/phc/four-pests-2001.yard, written for the comparison harness (benches/compare).
#
# Input: the assessment's inputs, nested: {"msw_harmless_rate": 86.5, ..., "pests": {"rodent": {...}}}.
# Every input is present (the harness generates complete assessments).
# Output: data.yardstick.national.result = {"outcome": "pass" | "fail", "failing": {"b5", "b10"}}.
package yardstick.national

import rego.v1

# The 2001 criteria: indicator -> upper limit (percent inputs in percentage points).
limits := {
	"rodent": {
		"powder_positive_rate": 3,
		"room_sign_rate": 2,
		"proofing_fault_rate": 5,
		"outdoor_signs_per_2km": 5,
	},
	"mosquito": {
		"small_water_positive_rate": 3,
		"dip_positive_rate": 3,
		"larvae_per_positive_dip": 5,
		"landing_index": 1,
	},
	"fly": {
		"key_unit_room_rate": 1,
		"other_unit_room_rate": 3,
		"proofing_fault_rate": 5,
		"breeding_site_rate": 3,
		"flies_per_positive_room": 3,
		"ready_to_eat_sites_with_flies": 0,
	},
	"cockroach": {
		"infestation_rate": 3,
		"large_per_room": 5,
		"small_per_room": 10,
		"ootheca_rate": 2,
		"oothecae_per_room": 4,
		"trace_rate": 5,
	},
}

# A pest meets the criteria when every indicator is within its limit.
pest_pass contains pest if {
	some pest, lim in limits
	every indicator, limit in lim {
		input.pests[pest][indicator] <= limit
	}
}

# A pest is within 3 times its criterion when every indicator is at most 3 times its limit (a positive
# value over a zero limit is outside every multiple, which `<= 3 * 0` expresses).
pest_within_3x contains pest if {
	some pest, lim in limits
	every indicator, limit in lim {
		input.pests[pest][indicator] <= 3 * limit
	}
}

b3_ok if {
	input.green_coverage_rate >= 36
	input.green_space_ratio >= 31
	input.public_green_per_capita >= 7.5
}

# At least three pests pass and the rest are within 3 times.
b5_ok if {
	count(pest_pass) >= 3
	count(pest_within_3x) == 4
}

failing contains "b1" if input.msw_harmless_rate < 80

failing contains "b2" if input.sewage_treatment_rate < 50

failing contains "b3" if not b3_ok

failing contains "b4" if input.good_air_day_share < 70

failing contains "b5" if not b5_ok

failing contains "b6" if input.regulation_in_place != true

failing contains "b7" if input.tobacco_ads_present != false

failing contains "b8" if input.major_food_incidents_2y != 0

failing contains "b9" if input.ab_outbreaks_2y != 0

failing contains "b10" if input.satisfaction < 90

outcome := "pass" if {
	count(failing) == 0
} else := "fail"

result := {"outcome": outcome, "failing": failing}
