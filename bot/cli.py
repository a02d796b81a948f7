"""The `kansli` command: a thin adapter that parses arguments and calls the engine.

One function per subcommand. No retrieval or prompt logic lives here.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from bot.config import get_settings


class CliError(Exception):
    """A failure to report as one line on stderr with a non-zero exit status."""


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _add_filter_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from-year", type=int, dest="year_from", help="endast dokument från detta år eller senare")
    p.add_argument("--to-year", type=int, dest="year_to", help="endast dokument till och med detta år")
    p.add_argument("--type", action="append", dest="doc_types", default=[], help="dokumenttyp, t.ex. tjänsteutlåtande (kan upprepas)")
    p.add_argument("--dnr", help="diarienummer, t.ex. KFT-2023-00356")
    p.add_argument("--org", dest="organisation", help="organisation (del av namnet), t.ex. Kungsbacka")
    p.add_argument("--collection", dest="source_prefix", help="endast källor under denna mapp")


def _filters(args):
    from bot.retrieval.hits import Filters

    return Filters(
        year_from=args.year_from,
        year_to=args.year_to,
        doc_types=tuple(t.lower() for t in args.doc_types),
        dnr=args.dnr,
        organisation=args.organisation,
        source_prefix=args.source_prefix,
    )


def cmd_index(args) -> int:
    raise CliError("not implemented yet")


def cmd_status(args) -> int:
    raise CliError("not implemented yet")


def cmd_search(args) -> int:
    raise CliError("not implemented yet")


def cmd_ask(args) -> int:
    raise CliError("not implemented yet")


def cmd_draft(args) -> int:
    raise CliError("not implemented yet")


def cmd_eval(args) -> int:
    raise CliError("not implemented yet")


def cmd_serve(args) -> int:
    raise CliError("not implemented yet")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kansli", description="Kansli – svar och utkast ur förvaltningens tidigare handlingar.")
    parser.add_argument("-v", "--verbose", action="store_true", help="mer loggning (utan meddelandetext)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="indexera filer och mappar (PDF, DOCX, Markdown, TXT)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--no-progress", action="store_true", help="ingen förloppsindikator")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("status", help="vad som är indexerat")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("search", help="sök i indexet (hybrid: semantisk + BM25)")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=None, help="antal träffar")
    p.add_argument("--json", action="store_true")
    p.add_argument("--mode", choices=("hybrid", "bm25", "dense"), default="hybrid")
    _add_filter_args(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="ställ en fråga och få ett svar med källhänvisningar")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    _add_filter_args(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("draft", help="skriv ett första utkast till tjänsteutlåtande från en skrivelse")
    p.add_argument("file", help="skrivelsen (.pdf, .docx, .txt, .md) eller - för standard in")
    p.add_argument("--out", help="utkast.docx eller utkast.md (annars Markdown på standard ut)")
    _add_filter_args(p)
    p.set_defaults(func=cmd_draft)

    p = sub.add_parser("eval", help="mät sökkvaliteten på en frågefil (JSONL)")
    p.add_argument("questions")
    p.add_argument("--json", action="store_true")
    p.add_argument("--corpus-root", default=None, help="mappen som relevant_files är relativa till")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="starta Slack-boten (Socket Mode, eller --http)")
    p.add_argument("--http", action="store_true", help="HTTP-läge i stället för Socket Mode")
    p.add_argument("--port", type=int, default=3000)
    p.add_argument("--host", default="0.0.0.0")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.func(args) or 0)
    except CliError as e:
        print(f"kansli: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kansli: avbrutet", file=sys.stderr)
        return 130
