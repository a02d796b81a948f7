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
    p.add_argument("--from-year", type=int, dest="year_from", metavar="ÅR",
                   help="endast dokument från detta år eller senare (dokument utan datum räknas inte med)")
    p.add_argument("--to-year", type=int, dest="year_to", metavar="ÅR",
                   help="endast dokument till och med detta år (dokument utan datum räknas inte med)")
    p.add_argument("--type", action="append", dest="doc_types", default=[], metavar="TYP",
                   help="dokumenttyp, t.ex. tjänsteutlåtande, protokoll, motion (kan upprepas)")
    p.add_argument("--dnr", metavar="DIARIENUMMER", help="diarienummer, t.ex. KFT-2023-00356")
    p.add_argument("--org", dest="organisation", metavar="ORGANISATION",
                   help="organisation (del av namnet), t.ex. Kungsbacka")
    p.add_argument("--collection", dest="source_prefix", metavar="MAPP", help="endast källor under denna mapp")


def _filters(args):
    """The filters asked for, checked: a document type by any name the reader knows ("tjänsteskrivelse"
    is a tjänsteutlåtande), years in order."""
    from bot.documents.metadata import map_doc_type
    from bot.documents.model import DOC_TYPES
    from bot.retrieval.hits import Filters

    types = []
    for name in args.doc_types:
        doc_type = map_doc_type(name)
        if doc_type is None:
            raise CliError(f"okänd dokumenttyp \"{name}\"; välj bland: {', '.join(DOC_TYPES)}")
        types.append(doc_type)
    if args.year_from is not None and args.year_to is not None and args.year_from > args.year_to:
        raise CliError(f"--from-year {args.year_from} är senare än --to-year {args.year_to}")
    return Filters(
        year_from=args.year_from,
        year_to=args.year_to,
        doc_types=tuple(dict.fromkeys(types)),
        dnr=args.dnr,
        organisation=args.organisation,
        source_prefix=args.source_prefix,
    )


def cmd_index(args) -> int:
    from bot.index.indexer import index_paths

    if not args.paths and not args.rebuild:
        raise CliError("ange de filer och mappar som ska indexeras, t.ex. kansli index handlingar/")
    try:
        report = index_paths(args.paths, get_settings(), progress=not args.no_progress, rebuild=args.rebuild)
    except _index_errors() as e:
        raise CliError(str(e)) from e
    print(report.summary())
    return 0 if report.ok else 1


def cmd_status(args) -> int:
    from bot.index.indexer import index_status, reindex_command, thousands as n

    try:
        status = index_status(get_settings())
    except _index_errors() as e:
        raise CliError(str(e)) from e
    if args.json:
        _print_json(status)
        return 0
    lines = [
        f"Dokument:          {n(status['documents'])}",
        f"Textavsnitt:       {n(status['chunks'])}",
        f"Meningar:          {n(status['sentences'])} med egen vektor" if status["sentences"] or not status["chunks"]
        else "Meningar:          inga med egen vektor (KANSLI_SENTENCE_VECTORS=false när indexet byggdes)",
        f"Filer:             {n(status['files'])}"
        + (f" (och {n(len(status['failed_files']))} som inte kunde läsas)" if status["failed_files"] else ""),
        f"Inbäddningsmodell: {status['embedding_model'] or status['configured_embedding_model']}",
        f"Vektorlager:       {status['store']}",
        f"Datamapp:          {status['data_dir']}",
    ]
    if status["outdated_files"]:
        lines.append(f"Obs! {n(status['outdated_files'])} filer lästes av en äldre version av Kansli eller med andra "
                     "inställningar för textavsnitt. Sökningen fungerar, men kör "
                     f"{reindex_command(status['roots'])} för att läsa om dem.")
    if status["embedding_model"] and status["embedding_model"] != status["configured_embedding_model"]:
        lines.append(f"Obs! Inställningen är {status['configured_embedding_model']}; "
                     "kör om indexeringen med --rebuild eller byt tillbaka.")
    run = status["last_run"]
    if run is None:
        lines.append("Senaste körning:   ingen ännu (kör kansli index MAPP)")
    else:
        state = {"done": "klar", "running": "pågår", "interrupted": "avbröts", "failed": "misslyckades"}.get(
            run["state"], run["state"])
        lines.append(f"Senaste körning:   {run['started']} ({state}"
                     + (f", {run['seconds']:.1f} s" if run["seconds"] is not None else "") + ")")
        if run["state"] != "running" and run["indexed"] is not None:
            lines.append(f"                   {n(run['indexed'])} indexerade, {n(run['skipped'])} oförändrade, "
                         f"{n(run['removed'])} borttagna, {n(run['failed'])} misslyckades")
        for f in run["failures"]:
            lines.append(f"                   • {f['file']}: {f['reason']}")
    print("\n".join(lines))
    return 0


def _index_errors():
    """The index step's failures that a person can act on, as one-line CLI errors."""
    from bot.index.embedders import EmbeddingError
    from bot.index.indexer import IndexBusy
    from bot.index.locations import DataDirUnavailable
    from bot.index.vector_store import EmbedderMismatch, StoreUnavailable

    return (EmbeddingError, IndexBusy, EmbedderMismatch, StoreUnavailable, DataDirUnavailable)


def cmd_search(args) -> int:
    from bot.index.indexer import ensure_index
    from bot.retrieval.search import Searcher

    settings = get_settings()
    if args.k is not None and args.k < 1:
        raise CliError("-k måste vara minst 1")
    searcher = Searcher(settings)
    try:
        ensure_index(settings, progress=not args.json)
        filters = _filters(args)
        hits = searcher.search(args.query, k=args.k, filters=filters, mode=args.mode)
    except _index_errors() as e:
        raise CliError(str(e)) from e
    finally:
        searcher.close()
    if searcher.warning:
        print(f"kansli: {searcher.warning}", file=sys.stderr)
    if args.json:
        _print_json({"query": args.query, "hits": [h.to_json() for h in hits]})
    else:
        _print_hit_listing(hits, filters)
    return 0


def _print_hit_listing(hits, filters) -> None:
    from bot.answering.render import page_range

    if not hits:
        if filters.year_from is not None or filters.year_to is not None:
            print("Inga träffar. Pröva andra ord eller andra år; dokument utan datum räknas inte med när du anger år.")
        elif not filters.is_empty():
            print("Inga träffar. Pröva andra ord, eller ta bort något av filtren.")
        else:
            print("Inga träffar. Pröva andra ord.")
        return
    for n, h in enumerate(hits, start=1):
        pages = page_range(h.page_start, h.page_end)
        pages = f", s. {pages}" if pages else ""
        about = " · ".join(x for x in (h.doc_type, h.dnr, h.date) if x)
        print(f"{n}. {h.title or h.source}" + (f"  ({about})" if about else ""))
        print(f"   Källa: {h.source}{pages}" + (f" · avsnitt: {h.section}" if h.section else "") + f" · poäng {h.score:.3f}")
        text = " ".join(h.text.split())
        print(f"   {text[:300]}{'…' if len(text) > 300 else ''}")
        print()


def cmd_ask(args) -> int:
    from bot.answering.engine import Engine

    if not args.question.strip():
        raise CliError("frågan är tom")
    try:
        result = Engine(get_settings()).ask(args.question, filters=_filters(args))
    except _index_errors() as e:
        raise CliError(str(e)) from e
    if args.json:
        _print_json(result.to_json())
        return 0
    import shutil

    from bot.answering.render import render_answer_text

    width = min(100, shutil.get_terminal_size((100, 24)).columns)
    sys.stdout.write(render_answer_text(result, width))
    return 0


def cmd_draft(args) -> int:
    from pathlib import Path

    from bot.answering.engine import Engine
    from bot.documents import UnreadableDocument

    out = Path(args.out) if args.out else None
    if out is not None:
        _check_out(out)
    if args.file == "-":
        skrivelse = sys.stdin.read()
        if not skrivelse.strip():
            raise CliError("skrivelsen på standard in är tom")
    else:
        skrivelse = Path(args.file)
        if not skrivelse.is_file():
            raise CliError(f"filen finns inte: {args.file}")
    engine = Engine(get_settings())
    try:
        draft = engine.draft(skrivelse, filters=_filters(args))
    except UnreadableDocument as e:
        raise CliError(f"{args.file}: {e}") from e
    except _index_errors() as e:
        raise CliError(str(e)) from e
    if out is None:
        sys.stdout.write(engine.render_markdown(draft))
        return 0
    try:
        if out.suffix.lower() == ".docx":
            out.write_bytes(engine.render_docx(draft))
        else:
            out.write_text(engine.render_markdown(draft), encoding="utf-8")
    except OSError as e:  # not lost: the draft goes to the terminal instead
        from bot.index.locations import os_reason

        sys.stdout.write(engine.render_markdown(draft))
        raise CliError(f"utkastet gick inte att spara i {out} ({os_reason(e)}), så det står här ovan i stället") from e
    print(f"Utkastet är sparat i {out}" + (f" (obs: {draft.note})" if draft.note else ""), file=sys.stderr)
    return 0


def _check_out(out) -> None:
    """Before drafting (which takes a while): can the draft be saved where --out says?"""
    import os

    if out.suffix.lower() not in (".docx", ".md"):
        raise CliError("--out ska sluta på .docx eller .md")
    folder = out.parent
    if not folder.is_dir():
        raise CliError(f"mappen finns inte: {folder} (ange --out i en mapp som finns)")
    if out.is_dir():
        raise CliError(f"{out} är en mapp; ange en fil som slutar på .docx eller .md")
    if out.exists() and not os.access(out, os.W_OK):
        raise CliError(f"Kansli får inte skriva över filen {out}")
    if not out.exists() and not os.access(folder, os.W_OK):
        raise CliError(f"Kansli får inte skriva i mappen {folder}")


def cmd_eval(args) -> int:
    from pathlib import Path

    from bot.retrieval import evaluation
    from bot.retrieval.search import Searcher

    settings = get_settings()
    try:
        questions, problems = evaluation.load_questions(Path(args.questions))
    except evaluation.QuestionFileError as e:
        raise CliError(str(e)) from e
    for problem in problems:
        print(f"kansli: {args.questions}: {problem}", file=sys.stderr)
    corpus_root = Path(args.corpus_root) if args.corpus_root else None
    if corpus_root is not None and not corpus_root.is_dir():
        raise CliError(f"--corpus-root {corpus_root} är ingen mapp")
    searcher = Searcher(settings)
    try:
        if searcher.catalog.count_chunks() == 0:
            raise CliError("indexet är tomt: indexera först, t.ex. kansli index <mapp>")
        reports = evaluation.evaluate_index(searcher, questions, corpus_root)
        missing = evaluation.unindexed(questions, [r.source for r in searcher.catalog.files().values()])
    except _index_errors() as e:
        raise CliError(str(e)) from e
    finally:
        searcher.close()
    if missing:
        print(f"kansli: {len(missing)} av {len(questions)} frågor gäller filer som inte finns i indexet (till exempel "
              f"{missing[0].relevant_files[0]}); de räknas som missar. Indexera de filerna för att mäta dem.",
              file=sys.stderr)
    if args.json:
        _print_json(evaluation.report_json(reports))
    else:
        print(f"Sökkvalitet för {len(questions)} frågor ur {args.questions} (de {evaluation.EVAL_K} bästa träffarna per fråga)\n")
        print(evaluation.report_table(reports))
    return 0


def cmd_serve(args) -> int:
    from bot.slack.server import ServeError, serve

    try:
        serve(get_settings(), http=args.http, host=args.host, port=args.port)
    except ServeError as e:
        raise CliError(str(e)) from e
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kansli", description="Kansli – svar och utkast ur förvaltningens tidigare handlingar.")
    parser.add_argument("-v", "--verbose", action="store_true", help="mer loggning (utan meddelandetext)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="indexera filer och mappar (PDF, DOCX, Markdown, TXT)")
    p.add_argument("paths", nargs="*", metavar="SÖKVÄG", help="filer och mappar att indexera")
    p.add_argument("--no-progress", action="store_true", help="ingen förloppsindikator")
    p.add_argument("--rebuild", action="store_true",
                   help="bygg om hela indexet från grunden: allt som redan är indexerat och de angivna sökvägarna "
                        "(t.ex. efter byte av inbäddningsmodell); det som inte längre finns tas bort")
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
    from bot.index.locations import DataDirUnavailable, os_reason

    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a reader that went away shows here, not as noise at exit
        return code
    except (CliError, DataDirUnavailable) as e:
        print(f"kansli: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kansli: avbrutet", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `kansli ask … | head`: the reader has what it wanted
        _drop_stdout()
        return 141  # as if killed by SIGPIPE, like other Unix tools
    except Exception as e:  # an unexpected failure: one line for the person, the detail with -v
        logging.getLogger("bot.cli").info("unexpected failure", exc_info=True)
        if isinstance(e, OSError) and e.filename:  # a file the person can look at
            print(f"kansli: {e.filename}: {os_reason(e)}", file=sys.stderr)
        else:
            print(f"kansli: oväntat fel ({type(e).__name__}); kör med -v för detaljer", file=sys.stderr)
        return 1


def _drop_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so exiting does not fail on the closed pipe again."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (captured in tests)
        pass
