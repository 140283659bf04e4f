//! `depeche eval`: measurements on gold data, printed with the command that reproduces them.

use anyhow::Context;
use clap::Subcommand;
use depeche::eval::tokens;
use depeche::lang::LangData;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum EvalCommand {
    /// Token and sentence boundaries against a CoNLL-U treebank (such as UD French-GSD).
    #[command(
        after_help = "Example:\n  depeche eval tokens ../shared/data/ud/fr_gsd-ud-dev.conllu --show-errors 20"
    )]
    Tokens {
        /// CoNLL-U file with '# text =' comments.
        gold: PathBuf,
        /// Print up to N disagreements of each kind.
        #[arg(long, default_value_t = 0, value_name = "N")]
        show_errors: usize,
        /// Language of the treebank (ISO 639-1).
        #[arg(long, default_value = "fr")]
        lang: String,
    },
}

pub fn run(cmd: EvalCommand) -> anyhow::Result<u8> {
    match cmd {
        EvalCommand::Tokens {
            gold,
            show_errors,
            lang,
        } => {
            let lang = LangData::load(&lang).context("--lang")?;
            let content = std::fs::read_to_string(&gold)
                .with_context(|| format!("reading {}", gold.display()))?;
            let (sentences, unaligned) = tokens::read_conllu(&content)
                .with_context(|| format!("reading {}", gold.display()))?;
            let report = tokens::evaluate(&sentences, unaligned, &lang, show_errors);
            println!("depeche eval tokens {}", gold.display());
            print!("{report}");
            Ok(0)
        }
    }
}
