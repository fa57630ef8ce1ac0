//! `cargo xtask`: builds the site (WebAssembly, JS glue, CSS, assets) without cargo-leptos,
//! and runs Docket with demo data.
//!
//!   cargo xtask build [--release] [--site-only]
//!                                   build target/site (and the release server with --release,
//!                                   unless --site-only: the test script builds it with the tests)
//!   cargo xtask demo                build everything in release, seed demo data, serve on :3000

use anyhow::{Context, bail};
use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::Command,
};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const OUTPUT_NAME: &str = "docket";

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let release = args.iter().any(|a| a == "--release");
    let site_only = args.iter().any(|a| a == "--site-only");
    match args.first().map(String::as_str) {
        Some("build") => build(release, site_only),
        Some("demo") => demo(&args[1..]),
        _ => bail!("usage: cargo xtask build [--release] [--site-only] | cargo xtask demo [docket serve flags]"),
    }
}

/// The workspace of the checkout being built, found at run time: the compiled binary may come
/// from a shared target directory that another checkout built.
fn root() -> PathBuf {
    let is_workspace =
        |dir: &Path| std::fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|toml| toml.contains("[workspace]"));
    let start = std::env::current_dir().unwrap_or_default();
    start
        .ancestors()
        .find(|dir| is_workspace(dir))
        .map(Path::to_path_buf)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default())
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"))
}

fn run(cmd: &mut Command) -> anyhow::Result<()> {
    let shown = format!("{cmd:?}");
    let status = cmd.status().with_context(|| format!("cannot run {shown}"))?;
    if !status.success() {
        bail!("{shown} failed with {status}");
    }
    Ok(())
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

fn ensure_wasm_target() -> anyhow::Result<()> {
    let out = Command::new("rustup").args(["target", "list", "--installed"]).output();
    match out {
        Ok(out) if String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == WASM_TARGET) => Ok(()),
        Ok(_) => run(Command::new("rustup").args(["target", "add", WASM_TARGET])),
        Err(_) => Ok(()), // no rustup: trust the toolchain to have the target, cargo will say if not
    }
}

fn wasm_opt() -> anyhow::Result<PathBuf> {
    let tools = root().join("tools");
    let bin = tools.join("node_modules/.bin/wasm-opt");
    if !bin.exists() {
        let mut npm = Command::new("npm");
        npm.current_dir(&tools).args(["ci", "--no-audit", "--no-fund"]);
        run(&mut npm).context("installing wasm-opt (npm binaryen) in tools/")?;
    }
    Ok(bin)
}

fn build(release: bool, site_only: bool) -> anyhow::Result<()> {
    ensure_wasm_target()?;
    let profile = if release { "wasm-release" } else { "dev" };
    run(cargo().args(["build", "--package", "frontend", "--lib", "--target", WASM_TARGET, "--profile", profile]))?;
    let profile_dir = if release { "wasm-release" } else { "debug" };
    let wasm = target_dir().join(WASM_TARGET).join(profile_dir).join("frontend.wasm");
    let site = root().join("target/site");
    let pkg = site.join("pkg");
    fs::create_dir_all(&pkg).with_context(|| format!("creating {}", pkg.display()))?;

    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen.input_path(&wasm).out_name(OUTPUT_NAME).web(true)?.debug(!release).keep_debug(!release);
    bindgen.generate(&pkg).with_context(|| format!("generating JS glue for {}", wasm.display()))?;

    let bg = pkg.join(format!("{OUTPUT_NAME}_bg.wasm"));
    if release {
        let opt = wasm_opt()?;
        let optimized = pkg.join(format!("{OUTPUT_NAME}_bg.opt.wasm"));
        run(Command::new(opt)
            .arg("-Oz")
            .arg("--enable-bulk-memory")
            .arg("--enable-nontrapping-float-to-int")
            .arg("--enable-sign-ext")
            .arg("--enable-mutable-globals")
            .arg("--enable-reference-types")
            .arg(&bg)
            .arg("-o")
            .arg(&optimized))?;
        fs::rename(&optimized, &bg)?;
    }
    fs::copy(root().join("style/docket.css"), pkg.join(format!("{OUTPUT_NAME}.css")))
        .context("copying the stylesheet")?;
    copy_dir(&root().join("public"), &site)?;
    for name in [format!("{OUTPUT_NAME}_bg.wasm"), format!("{OUTPUT_NAME}.js"), format!("{OUTPUT_NAME}.css")] {
        gzip(&pkg.join(&name))?;
        brotli(&pkg.join(&name))?;
    }
    report(&bg)?;
    if release && !site_only {
        run(cargo().args(["build", "--release", "--package", "server", "--bin", "docket"]))?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            fs::create_dir_all(&dest)?;
            copy_dir(&entry.path(), &dest)?;
        } else {
            fs::copy(entry.path(), &dest).with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Writes `file.gz` beside `file`, which the server sends to browsers that accept gzip.
fn gzip(file: &Path) -> anyhow::Result<()> {
    let bytes = fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    out.write_all(&bytes)?;
    let mut name = file.as_os_str().to_owned();
    name.push(".gz");
    fs::write(PathBuf::from(name), out.finish()?)?;
    Ok(())
}

/// Writes `file.br` beside `file`: smaller than gzip, and sent to browsers that accept it.
fn brotli(file: &Path) -> anyhow::Result<()> {
    let bytes = fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut out, &params)?;
    let mut name = file.as_os_str().to_owned();
    name.push(".br");
    fs::write(PathBuf::from(name), out)?;
    Ok(())
}

fn report(wasm: &Path) -> anyhow::Result<()> {
    let size = |suffix: &str| -> anyhow::Result<u64> {
        let mut name = wasm.as_os_str().to_owned();
        name.push(suffix);
        Ok(fs::metadata(PathBuf::from(name))?.len() / 1024)
    };
    println!(
        "site built: {} ({} KB raw, {} KB gzip, {} KB brotli)",
        wasm.display(),
        size("")?,
        size(".gz")?,
        size(".br")?
    );
    Ok(())
}

fn demo(serve_flags: &[String]) -> anyhow::Result<()> {
    build(true, false)?;
    let mut cmd = cargo();
    cmd.args(["run", "--quiet", "--release", "--package", "server", "--bin", "docket", "--", "serve", "--demo"]);
    cmd.args(serve_flags);
    run(&mut cmd)
}
