"""``mlgraph completion bash|zsh|fish``: a shell-completion script, generated from the parser itself.

Because the script is built from the same argparse parser that runs the command, every verb and option
(including those added later) completes without anyone keeping a list by hand.
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any

SHELLS = ("bash", "zsh", "fish")


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "completion",
        help="print a shell-completion script for bash, zsh or fish",
        description="Print a script that completes mlgraph's verbs and options. Load it in your shell's start-up file.",
        epilog="examples:\n"
        '  mlgraph completion bash     # add to ~/.bashrc:  eval "$(mlgraph completion bash)"\n'
        '  mlgraph completion zsh      # add to ~/.zshrc:   eval "$(mlgraph completion zsh)"\n'
        "  mlgraph completion fish > ~/.config/fish/completions/mlgraph.fish",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    p.set_defaults(handler=cmd_completion)


def _verbs(parser: argparse.ArgumentParser) -> dict[str, tuple[str, list[str], set[str]]]:
    """verb -> (its one-line help, its option strings, the options that take a value)."""
    verbs: dict[str, tuple[str, list[str], set[str]]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                options = [s for a in sub._actions for s in a.option_strings if s.startswith("--")]
                valued = {s for a in sub._actions for s in a.option_strings if a.nargs != 0}
                verbs[name] = (helps.get(name, ""), options, valued)
    return verbs


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script for `shell` (``bash``, ``zsh`` or ``fish``)."""
    verbs = _verbs(parser)
    if shell == "fish":
        lines = ["# mlgraph completion for fish", "complete -c mlgraph -f"]
        for verb, (text, options, valued) in verbs.items():
            lines.append(f"complete -c mlgraph -n __fish_use_subcommand -a {verb} -d {shlex.quote(text[:60])}")
            for option in options:
                takes = " -r -F" if option in valued else ""
                lines.append(f"complete -c mlgraph -n '__fish_seen_subcommand_from {verb}' -l {option[2:]}{takes}")
        return "\n".join(lines) + "\n"
    cases = "\n".join(f'        {verb}) opts="{" ".join(options)}" ;;' for verb, (_, options, _v) in verbs.items())
    body = f"""# mlgraph completion for bash and zsh
_mlgraph_complete() {{
    local cur verb opts
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=( $(compgen -W "{" ".join(verbs)} --help --version" -- "$cur") )
        return 0
    fi
    verb="${{COMP_WORDS[1]}}"
    case "$verb" in
{cases}
        *) opts="" ;;
    esac
    if [[ "$cur" == -* ]]; then
        COMPREPLY=( $(compgen -W "$opts --help" -- "$cur") )
    else
        COMPREPLY=( $(compgen -f -- "$cur") )
    fi
}}
complete -o default -F _mlgraph_complete mlgraph
"""
    if shell == "zsh":
        return "autoload -U +X bashcompinit && bashcompinit\n" + body
    return body


def cmd_completion(args: argparse.Namespace) -> int:
    from mlgraph.cli import build_parser

    print(script(build_parser(), args.shell), end="")
    return 0
