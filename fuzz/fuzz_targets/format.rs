//! The formatter on arbitrary text: never a panic; what it formats parses to the same
//! tree with the same comments (`fmt::verify`), and formatting it again changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(formatted) = truthline::fmt::format(text) else {
        return;
    };
    if let Err(e) = truthline::fmt::verify(text, &formatted) {
        panic!(
            "formatting changed the meaning or is not idempotent: {e}\n--- input\n{text}\n--- formatted\n{formatted}"
        );
    }
    match truthline::fmt::format(&formatted) {
        Ok(again) => assert_eq!(again, formatted, "formatting is not idempotent"),
        Err(d) => panic!("the formatted text does not parse: {d:?}\n{formatted}"),
    }
});
