//! Running the real binary from a test: in a folder, without colour, with a timeout so
//! a hang fails the test instead of stalling the suite.

use std::path::Path;

/// `truthline ARGS` in `dir`: exit code, stdout, stderr.
pub fn truthline_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = assert_cmd::Command::cargo_bin("truthline")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    (
        out.status.code().expect("the binary was killed"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
