//! `aad-audit completions SHELL` (clap_complete) and `aad-audit man` (clap_mangen).

use clap_complete::Shell;

use crate::output::{Exit, Out, Outcome};

/// Print a shell completion script.
///
/// bash: `aad-audit completions bash > ~/.local/share/bash-completion/completions/aad-audit`;
/// zsh: into a directory on `$fpath` as `_aad-audit`; fish:
/// `aad-audit completions fish > ~/.config/fish/completions/aad-audit.fish`; PowerShell:
/// `aad-audit completions powershell | Out-String | Invoke-Expression` (in `$PROFILE`).
#[derive(clap::Args)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    shell: Shell,
}

/// Print the manual page (roff).
///
/// `aad-audit man > aad-audit.1`, then `man ./aad-audit.1`.
#[derive(clap::Args)]
pub struct ManArgs {}

/// Writes the completion script.
pub fn run(args: Args, out: &mut Out) -> Outcome {
    clap_complete::generate(args.shell, &mut crate::command(), "aad-audit", out);
    Ok(Exit::Clean)
}

/// Writes the manual page.
pub fn man(_: ManArgs, out: &mut Out) -> Outcome {
    clap_mangen::Man::new(crate::command()).render(out)?;
    Ok(Exit::Clean)
}
