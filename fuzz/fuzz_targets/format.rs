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
    // `verify` parses the formatted text (an error if it does not parse), compares its
    // tree and comments with the input's, and formats it again (an error if that changes
    // it): every property of this target.
    if let Err(e) = truthline::fmt::verify(text, &formatted) {
        panic!(
            "formatting changed the meaning or is not idempotent: {e}\n--- input\n{text}\n--- formatted\n{formatted}"
        );
    }
});
