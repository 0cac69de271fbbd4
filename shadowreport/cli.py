"""The ``shadowreport`` command.

Kept free of Streamlit (and of anything slow to import) so that checking rules or a draft from a
terminal starts at once; only ``shadowreport app`` starts Streamlit, by becoming it (exec).
Exit codes: 0 success, 1 findings of severity error (lint), 2 unusable input or arguments.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .files import WriteError

# Streamlit settings the app starts with, wherever it is started from (options the user passes
# come after and win). Nothing leaves the machine: no usage statistics, no e-mail prompt, and only
# this computer can open the app (an address of its own also stops Streamlit looking up the
# machine's public IP address on the internet). Uploads are bounded.
STREAMLIT_DEFAULTS = [
    "--browser.gatherUsageStats", "false",
    "--server.showEmailPrompt", "false",
    "--server.address", "localhost",
    "--server.enableXsrfProtection", "true",  # Streamlit's default, held on: behind a reverse proxy, forms need the app's own cookie
    "--server.maxUploadSize", "25",
    "--client.showErrorDetails", "none",  # no traceback or message (case text) in the browser; see .streamlit/config.toml
    "--logger.enableRich", "false",  # rich prints an error's message and code to the console; the plain log is redacted
]


# The commands, as _parser names them (a test holds the two together).
COMMANDS = ("app", "mechanisms", "lint", "export", "checks", "earlier", "project", "store", "backup", "restore", "users")


class UsageError(Exception):
    """Input or arguments that cannot be used: printed as one line, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    # Pydantic plugins installed beside us (observability tools) would see every validated model, case
    # text included, and finding them scans every installed package's metadata at each start: none here.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["app"]:
        return run_app(args_list[1:])
    from .kept_code import kept_dataclass_code

    # A command is a short run that makes few reference cycles, while loading its modules makes some
    # hundreds of thousands of objects: the collector's passes over them as they load, and over all of
    # them again as the process ends, cost a lint some 7% of its time. It still runs, rarely.
    thresholds = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        with kept_dataclass_code():  # the dataclasses' methods from code compiled in an earlier run (kept_code.py)
            return _command(args_list)
    finally:
        gc.set_threshold(*thresholds)
        if argv is None:  # the console command, which ends now: its last collection need not go over every object again
            gc.freeze()


def _command(args_list: list[str]) -> int:
    parser = _parser(args_list[0] if args_list and args_list[0] in COMMANDS else None)
    args = parser.parse_args(args_list)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    from .language import VocabularyError

    try:
        return args.handler(args)
    except (UsageError, VocabularyError) as error:  # a language file that cannot be used: where and what, in one sentence
        print(f"shadowreport: {error}", file=sys.stderr)
        return 2
    except WriteError as error:  # an output below a file, in a folder that refuses, on a full disk: one sentence
        print(f"shadowreport: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; ``only``: with that command alone (what a command's own run needs: building
    all of them took a lint some 4% of its time), else with every command."""
    parser = argparse.ArgumentParser(prog="shadowreport", description="Draft, check and export shadow reports to human-rights monitoring bodies.")
    parser.add_argument("--version", action="version", version=f"shadowreport {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    if only in (None, "app"):
        app = commands.add_parser("app", help="start the Streamlit app (Streamlit's own options pass through)")
        app.set_defaults(handler=lambda a: run_app([]))

    if only in (None, "mechanisms"):
        mechanisms = commands.add_parser("mechanisms", help="list, show and validate the mechanisms' rules")
        sub = mechanisms.add_subparsers(title="mechanisms commands", metavar="ACTION")
        listing = sub.add_parser("list", help="every mechanism and its document kinds")
        listing.add_argument("--format", choices=["text", "json"], default="text")
        listing.add_argument("--rules-dir", type=Path, help="a folder of your own rules that overlays the built-in ones")
        listing.set_defaults(handler=_mechanisms_list)
        show = sub.add_parser("show", help="one mechanism (or mechanism/kind) with every rule's source and confidence")
        show.add_argument("id", help="e.g. upr or upr/stakeholder")
        show.add_argument("--format", choices=["text", "json"], default="text")
        show.add_argument("--rules-dir", type=Path, help="a folder of your own rules that overlays the built-in ones")
        show.add_argument("--lang", help="the language of the labels, e.g. fr (default: LANGUAGE, LC_ALL, LC_MESSAGES or LANG; "
                          "English where there is no catalogue); the rules' own text stays as written")
        show.set_defaults(handler=_mechanisms_show)
        check = sub.add_parser("validate", help="check rule files; exit 2 and one line per problem if any is wrong")
        check.add_argument("dir", nargs="?", type=Path, help="a folder of rule files to check as an overlay (default: your configured rules)")
        check.set_defaults(handler=_mechanisms_validate)
        audit = sub.add_parser("audit", help="every figure with its value, confidence, source and when it was last verified; flags stale ones")
        audit.add_argument("--format", choices=["text", "json"], default="text")
        audit.add_argument("--today", type=_date, help="judge staleness as of this date (YYYY-MM-DD; default: today)")
        audit.add_argument("--rules-dir", type=Path, help="a folder of your own rules that overlays the built-in ones")
        audit.set_defaults(handler=_mechanisms_audit)
        mechanisms.set_defaults(handler=lambda a: (mechanisms.print_help(), 2)[1])

    if only in (None, "lint"):
        lint = commands.add_parser("lint", help="check a draft (project file, .docx, .md, .txt) against its mechanism's rules")
        lint.add_argument("path", type=Path)
        lint.add_argument("--mechanism", help="mechanism id, e.g. upr (overrides the file)")
        lint.add_argument("--kind", help="document kind, e.g. stakeholder or upr/stakeholder")
        lint.add_argument("--joint", action="store_true", default=None, help="a joint (coalition) submission")
        lint.add_argument("--deadline", type=_date, help="the official deadline, YYYY-MM-DD")
        lint.add_argument("--round", type=_round, help="GRETA's evaluation round the draft is for, e.g. 3 (default: the one the file "
                          "or its title names, else the current round)")
        lint.add_argument("--today", type=_date, help="the date to count from, YYYY-MM-DD (for reproducible runs)")
        lint.add_argument("--render", action="store_true", help="count pages by rendering with LibreOffice, when installed")
        lint.add_argument("--format", choices=["text", "json"], default="text")
        lint.add_argument("--config", type=Path, help="a TOML file: [checks] disable = [...], [checks.severity]")
        lint.add_argument("--lang", help="the language of the messages, e.g. fr (default: LANGUAGE, LC_ALL, LC_MESSAGES or LANG; "
                          "English where there is no catalogue); rule ids and JSON keys never change")
        lint.set_defaults(handler=_lint)

    if only in (None, "export"):
        export = commands.add_parser("export", help="write a project as Word (.docx), Markdown (.md) or PDF (.pdf, with LibreOffice)")
        export.add_argument("project", type=Path, help="a project file")
        export.add_argument("-o", "--output", type=Path, required=True, help="OUT.docx, OUT.md or OUT.pdf")
        export.add_argument("--pseudonymise", action="store_true", help="replace people's names with their initials in the output")
        export.add_argument("--allow-personal-data", action="store_true",
                            help="export even though the checks find personal data that could identify someone")
        export.add_argument("--render", action="store_true", help="count the pages with LibreOffice, when installed")
        export.add_argument("--today", type=_date, help="the date printed on the document, YYYY-MM-DD")
        export.set_defaults(handler=_export)

    if only in (None, "checks"):
        checks = commands.add_parser("checks", help="list the checks and their documentation")
        checks.add_argument("action", choices=["list"], nargs="?", default="list")
        checks.add_argument("--verbose", action="store_true", help="print each check's full documentation")
        checks.set_defaults(handler=_checks_list)

    if only in (None, "earlier"):
        earlier = commands.add_parser("earlier", help="read earlier recommendations (UHRI .xlsx, UPR Info .csv, OHCHR .docx tables) for a State")
        earlier.add_argument("file", type=Path)
        earlier.add_argument("--state", help="the State under review (default: every State in the file)")
        earlier.add_argument("--all", action="store_true", help="observations and concerns too, not only recommendations")
        earlier.add_argument("--theme", help="only those with a theme containing this text, e.g. trafficking")
        earlier.add_argument("--position", choices=["supported", "noted"], help="only those the State supported, or noted")
        earlier.add_argument("--recommending", help="only those a State or body recommended, e.g. Kestria")
        earlier.add_argument("--format", choices=["text", "json"], default="text")
        earlier.set_defaults(handler=_earlier)

    if only in (None, "project"):
        project = commands.add_parser("project", help="inspect project files and merge coalition contributions")
        psub = project.add_subparsers(title="project commands", metavar="ACTION")
        show_project = psub.add_parser("show", help="a project's deadline, members and SMART feedback on its recommendations")
        show_project.add_argument("file", type=Path)
        show_project.add_argument("--today", type=_date, help="the date to count from (YYYY-MM-DD), for reproducible output")
        show_project.set_defaults(handler=_project_show)
        contribute = psub.add_parser("contribution", help="export a member's contribution from its project file")
        contribute.add_argument("file", type=Path)
        contribute.add_argument("--member", help="the member's id (default: the coordinator of the file)")
        contribute.add_argument("-o", "--output", type=Path, required=True)
        contribute.set_defaults(handler=_project_contribution)
        merge = psub.add_parser("merge", help="merge a member's contribution into the joint project file")
        merge.add_argument("joint", type=Path)
        merge.add_argument("contribution", type=Path)
        merge.add_argument("-o", "--output", type=Path, required=True, help="where to write the merged project (may be the joint file)")
        merge.set_defaults(handler=_project_merge)
        imported = psub.add_parser("import", help="make a project of a draft (.docx, .md, .txt): sections, footnotes as sources, recommendations")
        imported.add_argument("draft", type=Path)
        imported.add_argument("--mechanism", help="the mechanism, e.g. upr (guessed from the text if not given)")
        imported.add_argument("--kind", help="the kind, e.g. stakeholder or upr/stakeholder (guessed if not given)")
        imported.add_argument("-o", "--output", type=Path, required=True, help="the project file to write (.yml); never overwritten")
        imported.add_argument("--lang", help="the language of the report, e.g. fr (default: LANGUAGE, LC_ALL, LC_MESSAGES or LANG, "
                              "else the document's language)")
        imported.set_defaults(handler=_project_import)
        add_earlier = psub.add_parser("add-earlier", help="import a State's earlier recommendations (.xlsx, .csv, .docx) into a project file")
        add_earlier.add_argument("file", type=Path, help="the project file (.yml), rewritten in place")
        add_earlier.add_argument("source", type=Path, help="UHRI's .xlsx, UPR Info's .csv or OHCHR's .docx table")
        add_earlier.add_argument("--state", help="the State under review (default: the project's)")
        add_earlier.set_defaults(handler=_project_add_earlier)
        table = psub.add_parser("implementation-table", help="the earlier recommendations and their assessment in OHCHR's four-column table (.docx)")
        table.add_argument("file", type=Path)
        table.add_argument("-o", "--output", type=Path, required=True, help="the Word file to write (.docx)")
        table.add_argument("--supported-only", action="store_true", help="leave out the recommendations the State noted")
        table.add_argument("--allow-personal-data", action="store_true", help="write it even if an assessment comment looks like personal data")
        table.set_defaults(handler=_project_implementation_table)
        project.set_defaults(handler=lambda a: (project.print_help(), 2)[1])

    if only in (None, "store"):
        store = commands.add_parser("store", help="the app's project store")
        ssub = store.add_subparsers(title="store commands", metavar="ACTION")
        purge = ssub.add_parser("purge", help="purge deleted data: keep only each project's current version, leave no deleted bytes in the file or its backup")
        purge.add_argument("--empty-trash", action="store_true",
                           help="also delete for good every project in the trash (otherwise kept 30 days, restorable)")
        purge.add_argument("--database", metavar="URL", help=DATABASE_HELP)
        purge.set_defaults(handler=_store_purge)
        store.set_defaults(handler=lambda a: (store.print_help(), 2)[1])

    if only in (None, "backup"):
        backup = commands.add_parser("backup", help="write every project (current versions) to one file that restore reads back")
        backup.add_argument("--to", type=Path, required=True, metavar="FILE", help="the backup file to write (readable by you only)")
        backup.add_argument("--database", metavar="URL", help=DATABASE_HELP)
        backup.set_defaults(handler=_backup)
    if only in (None, "restore"):
        restore = commands.add_parser("restore", help="add every project of a backup file to the store (refused whole if damaged)")
        restore.add_argument("file", type=Path)
        restore.add_argument("--database", metavar="URL", help=DATABASE_HELP)
        restore.add_argument("--org", metavar="ORGANISATION", help="on a coalition server (needed there): the organisation, of users "
                             "added with 'users add', that coordinates the restored projects")
        restore.set_defaults(handler=_restore)

    if only in (None, "users"):
        users = commands.add_parser("users", help="accounts on a coalition server (PostgreSQL): add, list, disable, enable, reset")
        usub = users.add_subparsers(title="users commands", metavar="ACTION")
        for action, helptext in [("add", "a new user of an organisation (the organisation is created with its first user)"),
                                 ("list", "every user, with organisation, role and whether disabled"),
                                 ("disable", "stop a user logging in; their sessions end now, their work stays"),
                                 ("enable", "let a disabled user log in again"),
                                 ("reset", ("a new password for a user (asked twice, or one line on stdin); their sessions end; "
                                            "a disabled user stays disabled"))]:
            command = usub.add_parser(action, help=helptext)
            if action != "list":
                command.add_argument("name")
            if action == "add":
                command.add_argument("--org", required=True, help="the organisation's name, as the coalition knows it")
                command.add_argument("--role", required=True, choices=["coordinator", "member", "reviewer"])
            if action in ("add", "reset"):
                command.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
            command.add_argument("--database", help="the server's URL, postgresql+psycopg://USER:PASSWORD@HOST:PORT/NAME "
                                 "(default: SHADOWREPORT_DATABASE_URL)")
            command.set_defaults(handler=_users, action=action)
        users.set_defaults(handler=lambda a: (users.print_help(), 2)[1])
    return parser


def _users(args: argparse.Namespace) -> int:
    from .storage import database_url

    url = database_url(args.database)
    if url is None:
        raise UsageError("Name the coalition server's database with --database URL or SHADOWREPORT_DATABASE_URL.")
    try:
        from .server.accounts import AccountError, open_accounts
        from .store import StoreError
    except ImportError:
        raise UsageError("The server's libraries are missing: install them with pip install 'shadowreport[server]'.") from None
    try:
        accounts = open_accounts(url, create=args.action == "add")  # a mistyped SQLite path is not made a new database
        if args.action == "list":
            for user in accounts.list():
                print(f"{user.name}\t{user.role}\t{user.organisation}{chr(9) + 'disabled' if user.disabled else ''}")
        elif args.action == "disable":
            accounts.disable(args.name)
            print(f"{args.name} can no longer log in; their sessions have ended.")
        elif args.action == "enable":
            accounts.enable(args.name)
            print(f"{args.name} can log in again.")
        elif args.action == "add":
            user = accounts.add(args.name, args.org, args.role, _new_password(args.password_stdin))
            print(f"Added {user.name} ({user.role}, {user.organisation}).")
        else:
            user = accounts.reset(args.name, _new_password(args.password_stdin))
            if user.disabled:
                print(f"{user.name} has a new password; the account stays disabled, so they cannot log in "
                      f"until 'shadowreport users enable {user.name}'.")
            else:
                print(f"{user.name} has a new password; their sessions have ended.")
    except (AccountError, StoreError) as error:
        raise UsageError(str(error)) from None
    return 0


def _new_password(from_stdin: bool) -> str:
    """The password from stdin's first line, or typed twice without echo; never printed."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    password = getpass.getpass("Password: ")
    if getpass.getpass("The same password again: ") != password:
        raise UsageError("The two passwords differ: nothing was changed.")
    return password


DATABASE_HELP = ("the coalition server's database, postgresql+psycopg://USER@HOST:PORT/NAME (default: SHADOWREPORT_DATABASE_URL, "
                 "else the app's own SQLite store); keep the password in ~/.pgpass, not on the command line")


# What a backup of a coalition server leaves out, said every time one is written: it must not pass for the server's backup.
SERVER_BACKUP_HOLDS_PROJECTS_ONLY = (
    "This file holds the projects' text only, NOT the server's accounts, organisations, who works on which project, "
    "section assignments, comments, suggestions, sign-offs or audit log: back the whole server up with pg_dump.")


def _backup(args: argparse.Namespace) -> int:
    from .config import ConfigError
    from .storage import database_url, open_store, write_backup
    from .store import StoreError

    try:
        count = write_backup(open_store(args.database), args.to)
    except (ConfigError, StoreError) as error:
        raise UsageError(str(error)) from None
    print(f"{args.to}: {count} project(s) backed up (their current versions; older versions are not kept in backups).")
    if database_url(args.database):
        print(SERVER_BACKUP_HOLDS_PROJECTS_ONLY)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from .config import ConfigError
    from .storage import database_url, open_store, restore_backup
    from .store import StoreError

    server = database_url(args.database)
    if args.org is not None and not server:
        raise UsageError("--org is for a coalition server (with --database URL): the app's own store has no organisations.")
    if server and args.org is None:
        raise UsageError("Name the organisation that coordinates the restored projects with --org ORGANISATION: on the server "
                         "nobody sees a project no organisation works on; nothing was restored.")
    try:
        store = open_store(args.database)
        if server:
            from .server.service import Coalition, NotAllowed

            coalition = Coalition(server)
            try:
                coalition.adopt([], args.org)  # an organisation that is not there is refused before anything is restored
            except NotAllowed as refused:
                raise UsageError(f"{refused} Nothing was restored.") from None
        before = _project_ids(store)
        count = restore_backup(store, args.file)
        if server:
            coalition.adopt(sorted(_project_ids(store) - before), args.org)
    except (ConfigError, StoreError) as error:
        raise UsageError(str(error)) from None
    print(f"{args.file}: {count} project(s) restored.")
    if server:
        print(f"{args.org.strip()} coordinates them: its coordinators see them on the Projects page and invite the other organisations.")
    return 0


def _project_ids(store) -> set[str]:
    return {summary.id for summary in (*store.list(), *store.list(archived=True), *store.trashed())}


def _store_purge(args: argparse.Namespace) -> int:
    from .config import ConfigError
    from .storage import open_store
    from .store import StoreError

    try:
        the_store = open_store(args.database)
        in_trash = len(the_store.trashed())
        report = the_store.purge_deleted_data(empty_trash=args.empty_trash)
    except (ConfigError, StoreError) as error:
        raise UsageError(str(error)) from None
    kept = in_trash - report.projects_wiped
    trash = (f"{report.projects_wiped} project(s) in the trash deleted for good; " if report.projects_wiped else "") + (
        f"{kept} project(s) still in the trash (add --empty-trash to delete them for good); " if kept else "")
    print(f"{getattr(the_store, 'path', None) or the_store.name}: purged {report.revisions_removed} older version(s); {trash}"
          f"{report.bytes_before:,} bytes on disk before, {report.bytes_after:,} after (store and backup).")
    return 0


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a real date written YYYY-MM-DD") from None


def _round(text: str) -> int:
    from .rules.rounds import round_named

    number = round_named(text)
    if number is None or number < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not an evaluation round; give its number, e.g. 3")
    return number


def run_app(streamlit_args: list[str]) -> int:
    """Start the app with Streamlit, passing the user's Streamlit options through.

    On POSIX this process becomes Streamlit (exec): the pid a user, a service manager or a test
    holds is the server's own, so stopping it stops the server and no orphan keeps the port.
    Windows has no true exec (the parent would exit while the server went on), so there the server
    is a child that is stopped with us.
    """
    from .paths import app_script

    streamlit_args = list(streamlit_args)
    for position, option in enumerate(streamlit_args):  # `app --database URL`: ours, not Streamlit's
        if option == "--database" or option.startswith("--database="):
            url = option.partition("=")[2] or (streamlit_args[position + 1] if position + 1 < len(streamlit_args) else "")
            if not url:
                print("shadowreport: --database needs a URL, e.g. postgresql+psycopg://USER@HOST:PORT/NAME.", file=sys.stderr)
                return 2
            # Handed to the app in its environment, which other users cannot read (unlike a command line).
            os.environ["SHADOWREPORT_DATABASE_URL"] = url
            del streamlit_args[position: position + (1 if "=" in option else 2)]
            break
    command = [sys.executable, "-m", "streamlit", "run", str(app_script()), *STREAMLIT_DEFAULTS, *streamlit_args]
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execv(sys.executable, command)
    import subprocess

    server = subprocess.Popen(command)
    try:
        return server.wait()
    except KeyboardInterrupt:  # Ctrl+C reaches the whole console group; wait for the server to finish
        return server.wait()
    finally:
        if server.poll() is None:
            server.terminate()


def _rule_pack(rules_dir: Path | None, *, read_only: bool = False):
    """The rule pack; ``read_only``: its kept read-only copy, which loads without pydantic (for lint, which only reads rules)."""
    from .config import ConfigError, load_settings
    from .rules import RulesError

    try:
        overlay = rules_dir or load_settings().rules_dir
        if read_only:
            from .rules import load_kept_rules

            return load_kept_rules(overlay)
        from .rules import load_rules

        return load_rules(overlay)
    except ConfigError as error:
        raise UsageError(str(error)) from None
    except RulesError as error:
        raise UsageError("the rules are not valid:\n" + "\n".join(str(p) for p in error.problems)) from None


def _mechanisms_list(args: argparse.Namespace) -> int:
    pack = _rule_pack(args.rules_dir)
    if args.format == "json":
        rows = [
            {"id": m.id, "name": m.name, "short_name": m.short_name, "family": m.family,
             "kinds": [{"id": f"{m.id}/{k}", "name": kind.name} for k, kind in m.kinds.items()]}
            for m in pack.mechanisms.values()
        ]
        import json  # only for --format json: a text report starts without it
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    width = max(len(m.id) for m in pack.mechanisms.values())
    for mechanism in pack.mechanisms.values():
        print(f"{mechanism.id:<{width}}  {mechanism.name}")
        for kind_id, kind in mechanism.kinds.items():
            print(f"{'':<{width}}    {mechanism.id}/{kind_id}: {kind.name}")
    return 0


def _mechanisms_show(args: argparse.Namespace) -> int:
    from .i18n import translator
    from .rules.describe import describe_kind, describe_mechanism

    pack = _rule_pack(args.rules_dir)
    t = translator(_asked_language(args.lang))
    try:
        if "/" in args.id:
            mechanism, kind = pack.kind(args.id)
            kinds = {args.id.split("/", 1)[1]: kind}
        else:
            mechanism = pack.mechanism(args.id)
            kinds = dict(mechanism.kinds)
    except KeyError as error:
        raise UsageError(error.args[0]) from None
    if args.format == "json":
        data = mechanism.model_dump(mode="json")
        data["kinds"] = {k: v for k, v in data["kinds"].items() if k in kinds}
        import json  # only for --format json: a text report starts without it
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(describe_mechanism(mechanism, t))
    for kind_id, kind in kinds.items():
        print()
        print(describe_kind(mechanism, kind_id, kind, t))
    return 0


def _mechanisms_audit(args: argparse.Namespace) -> int:
    import datetime as dt

    from .rules.audit import audit, counts

    figures = audit(_rule_pack(args.rules_dir), args.today or dt.date.today())
    totals = counts(figures)
    if args.format == "json":
        import json  # only for --format json: a text report starts without it
        print(json.dumps({"counts": totals, "figures": [f.as_json() for f in figures]}, indent=2, ensure_ascii=False))
        return 0
    for figure in figures:
        flag = f"  STALE: {figure.why_stale}" if figure.stale else ""
        print(f"{figure.mechanism}  {figure.where}: {figure.value}")
        print(f"    {figure.confidence}; {figure.source_title or figure.source}"
              f"{'; ' + figure.source_url if figure.source_url else ''}; verified_on {figure.verified_on or 'never'}{flag}")
    print(f"{totals['total']} figures: {totals['verified']} verified, {totals['reported']} reported, "
          f"{totals['recalled']} recalled, {totals['seed-2012']} seed-2012; {totals['stale']} stale "
          f"(never verified, or not for over 12 months): re-check these before a deadline.")
    return 0


def _mechanisms_validate(args: argparse.Namespace) -> int:
    from .config import ConfigError, load_settings
    from .rules import validate

    try:
        overlay = args.dir if args.dir is not None else load_settings().rules_dir
    except ConfigError as error:
        raise UsageError(str(error)) from None
    from .language import problems_in

    problems = [*validate(overlay), *problems_in(overlay)]  # the rule files, then each language's words
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 2
    print("All rule files are valid." + (f" (overlay: {overlay})" if overlay else ""))
    return 0


def _lint(args: argparse.Namespace) -> int:
    import datetime as dt

    from .checks import CHECKS, CheckConfig, ConfigError, load_config, run_checks
    from .importers import DraftImportError, read_draft

    pack = _rule_pack(None, read_only=True)
    today = args.today or dt.date.today()
    kind = args.kind
    if kind and args.mechanism and "/" not in kind:
        kind = f"{args.mechanism}/{kind}"
    try:
        draft = read_draft(args.path, pack=pack, mechanism=args.mechanism, kind=kind, joint=args.joint, deadline=args.deadline, today=today,
                           round=args.round)
    except DraftImportError as error:
        raise UsageError(str(error)) from None
    notes = []
    if draft.kind is None and args.mechanism is None and draft.mechanism is None:
        from .importers.guess import guess_kind

        guess = guess_kind(draft, pack)
        if guess is None:
            raise UsageError(f"{args.path}: say which mechanism and kind the draft is for, with --mechanism and --kind "
                             "(the text names no monitoring body the tool knows).")
        draft = draft.model_copy(update={"mechanism": guess.kind.split("/")[0], "kind": guess.kind})
        notes.append(f"Checked as {guess.kind}, guessed because {guess.reason}; if that is wrong, give --mechanism and --kind.")
    from .i18n import from_environment, normalise

    language = normalise(args.lang) if args.lang else from_environment(os.environ)
    round_note = _round_note(draft, pack, args, language)
    if round_note:
        notes.append(round_note)
    disable, severity = [], {}
    if args.config:
        try:
            disable, severity = load_config(args.config, set(CHECKS))
        except ConfigError as error:
            raise UsageError(str(error)) from None
    rendered = None
    if args.render:
        rendered, note = _render_pages(args.path)
        if note:
            notes.append(note)
    config = CheckConfig(today=today, disabled=frozenset(disable), severity=severity, render=args.render, rendered_pages=rendered,
                         language=language)
    try:
        report = run_checks(draft, pack, config)
    except KeyError as error:
        raise UsageError(f"{args.path}: {error.args[0]}") from None
    if args.format == "json":
        data = report.as_dict()
        if notes:
            data["notes"] = notes
        import json  # only for --format json: a text report starts without it
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print_report(report, notes, language)
    return 1 if report.has_errors else 0


def _round_note(draft, pack, args: argparse.Namespace, language: str) -> str | None:
    """Which evaluation round the draft is checked against, for a kind that works in rounds (GRETA);
    a --round the kind does not have is refused."""
    from .checks.structure import evaluation_round
    from .i18n import translator
    from .rules.rounds import unknown_round

    try:
        mechanism, kind = pack.kind(draft.kind) if draft.kind else (None, None)
    except KeyError:
        return None  # an unknown kind: the checks say so
    if kind is None or not kind.rounds:
        if args.round is not None:
            raise UsageError(f"--round: {draft.kind or 'this draft'} has no evaluation rounds (only GRETA's NGO report has).")
        return None
    if args.round is not None and not kind.has_round(args.round):
        raise UsageError(f"--round: {mechanism.short_name} has rounds {', '.join(str(r.number) for r in kind.rounds)}, not {args.round}.")
    chosen = evaluation_round(draft, kind)
    unknown = unknown_round(kind, draft.round, draft.cycle, (draft.title, *draft.cover[:3]))
    if unknown is not None:  # "5e cycle": said, not silently read as the current round
        return translator(language).gettext("{mechanism} has no round {number}, which the document names, so it was checked against "
                                            "the current one, the {round}; give --round N for another.").format(
            mechanism=mechanism.short_name, number=unknown, round=chosen.label(language))
    return translator(language).gettext("Checked against {mechanism}'s {round}; give --round N for another.").format(
        mechanism=mechanism.short_name, round=chosen.label(language))


def _export(args: argparse.Namespace) -> int:
    from .export import ExportError, ExportRefused, export_project

    pack = _rule_pack(None)
    project = _read_project(args.project)
    try:
        result = export_project(project, pack, args.output, allow_personal_data=args.allow_personal_data,
                                pseudonymise_names=args.pseudonymise, render=args.render, today=args.today)
    except ExportRefused as refused:
        return _refused(refused, [f"{finding.location.label()}: {finding.message}" for finding in refused.findings],
                        "Use --pseudonymise to replace names with initials, or --allow-personal-data if the document may contain them.")
    except (ExportError, OSError) as error:
        raise UsageError(str(error)) from None
    pages = f"{result.pages_rendered} page(s) (rendered)" if result.pages_rendered is not None else f"{result.pages_estimated} page(s) (estimated)"
    print(f"Wrote {result.path}: {result.words:,} words, {pages}.")
    if result.note:
        print(f"Note: {result.note}")
    _print_export_warnings(project, pack, args.today)
    return 0


def _print_export_warnings(project, pack, today) -> None:
    """What the file prints that may not be meant for print (the app asks to confirm these; here they are said)."""
    from .export.review import export_warnings
    from .importers.project import project_to_draft

    for warning in export_warnings(project, project_to_draft(project, pack, today)):
        print(f"warning: {warning.where}: {warning.message}", file=sys.stderr)


def _refused(refused: Exception, places: list[str], hint: str) -> int:
    """The privacy gate's refusal on stderr: why, where (never the data itself again), and how to go on; exit 1."""
    print(f"shadowreport: {refused}", file=sys.stderr)
    for place in places:
        print(f"  {place}", file=sys.stderr)
    print(f"  {hint}", file=sys.stderr)
    return 1


def _render_pages(path: Path) -> tuple[int | None, str | None]:
    from .pagecount import RenderError, rendered_pages, soffice

    if path.suffix.lower() not in (".docx", ".txt", ".odt", ".doc"):
        return None, f"--render needs a .docx or .txt file; {path.suffix or 'this file'} pages are estimated."
    if soffice() is None:
        return None, "LibreOffice is not installed, so pages are estimated, not rendered."
    try:
        return rendered_pages(path), None
    except RenderError as error:
        return None, str(error)


def _print_report(report, notes: list[str], language: str = "en") -> None:
    from .i18n import translator

    t = translator(language)
    for finding in report.findings:
        print(f"{finding.location.label(language)}  {finding.severity}  {finding.rule}  {finding.message}")
        if finding.suggestion:
            print(f"    -> {finding.suggestion}")
    document = report.as_dict()["document"]
    pages = document["pages"]
    page_text = (t.gettext("{pages} pages (rendered)").format(pages=pages["rendered"]) if pages["rendered"] is not None
                 else t.ngettext("{pages} page(s) (estimated)", "{pages} page(s) (estimated)", pages["estimated"]).format(pages=pages["estimated"]))
    counts = report.counts()
    kind = document["kind"] or document["mechanism"] or t.gettext("no mechanism")
    possible = (t.gettext(" and {count} possible").format(count=len(document["possible_recommendations"]))
                if document["possible_recommendations"] else "")
    # Each count through ngettext, so that French writes "1 remarque" and "3 remarques" (English keeps its "(s)").
    recommendations = len(document["recommendations"])
    print(t.gettext("{source}: {kind}{joint}; {words} words; {pages}; {recommendations}{possible}. {errors}, {warnings}, {notes}.").format(
        source=report.draft.source, kind=kind, joint=t.gettext(", joint") if document["joint"] else "", words=t.number(document["words"]),
        pages=page_text, possible=possible,
        recommendations=t.ngettext("{count} recommendation(s)", "{count} recommendation(s)", recommendations).format(count=recommendations),
        errors=t.ngettext("{count} error(s)", "{count} error(s)", counts["error"]).format(count=counts["error"]),
        warnings=t.ngettext("{count} warning(s)", "{count} warning(s)", counts["warning"]).format(count=counts["warning"]),
        notes=t.ngettext("{count} note(s)", "{count} note(s)", counts["info"]).format(count=counts["info"])))
    for note in notes:
        print(t.gettext("Note: {note}").format(note=note))


def _checks_list(args: argparse.Namespace) -> int:
    from .checks import CHECKS

    for check_id, registered in sorted(CHECKS.items()):
        print(f"{check_id:34} {registered.severity:8} {registered.summary}")
        if args.verbose:
            print("\n".join("    " + line for line in registered.doc.splitlines()[1:] if line.strip()))
            print()
    return 0


def _read_project(path: Path):
    from .project.exchange import ExchangeError, read_project

    try:
        return read_project(path, pack=_rule_pack(None))
    except ExchangeError as error:
        raise UsageError(str(error)) from None


def _project_show(args: argparse.Namespace) -> int:
    from .earlier.model import find, follow_up_phrase
    from .recommendation_text import action_category, assess_smart, compose

    pack = _rule_pack(None)
    project = _read_project(args.file)
    deadline = project.deadline(pack, args.today)
    print(f"{project.title} ({project.kind_id}{', joint' if project.joint else ''})")
    when = deadline.date.isoformat() if deadline.date else "no date yet"
    print(f"Deadline: {when} [{deadline.method}, {deadline.confidence}] {deadline.explanation}")
    for milestone in deadline.milestones:
        print(f"  {milestone.date.isoformat()}  {milestone.label}")
    for member in project.members:
        signed = f" on {member.signed_on.isoformat()}" if member.signed_on else ""
        print(f"Member: {member.name} ({member.role}, sign-off {member.sign_off}{signed})")
    print(f"Evidence: {len(project.evidence)} item(s); recommendations: {len(project.recommendations)}")
    for number, recommendation in enumerate(project.recommendations, 1):
        smart = assess_smart(recommendation, pack.action_categories, pack.generic_addressees, project.language)
        category = action_category(recommendation, pack.action_categories)
        print(f"{number}. {compose(recommendation, project.language)}")
        print(f"   SMART {smart.passed}/5; category {category.category if category else '?'}")
        for letter in smart.letters:
            if not letter.ok:
                print(f"   {letter.letter}: {letter.reason}")
        for link in recommendation.follows_up:
            earlier = find(project.earlier, link.symbol, link.paragraph)
            print(f"   {follow_up_phrase(earlier) if earlier else f'follows up {link.symbol} {link.paragraph}'.rstrip()}")
    return 0


def _project_contribution(args: argparse.Namespace) -> int:
    from .project.coalition import contribution_from
    from .project.exchange import write_contribution_file

    project = _read_project(args.file)
    try:
        contribution = contribution_from(project, args.member)
    except KeyError as error:
        raise UsageError(error.args[0]) from None
    write_contribution_file(contribution, args.output)
    print(f"Wrote {args.output}: {len(contribution.evidence)} evidence item(s), {len(contribution.sections)} section(s), "
          f"{len(contribution.recommendations)} recommendation(s) from {contribution.member.name}.")
    return 0


def _project_merge(args: argparse.Namespace) -> int:
    from .project.coalition import ContributionRefused, merge_contribution
    from .project.exchange import ExchangeError, read_contribution, write_project_file

    joint = _read_project(args.joint)
    try:
        contribution = read_contribution(args.contribution)
    except ExchangeError as error:
        raise UsageError(str(error)) from None
    try:
        merged, report = merge_contribution(joint, contribution)
    except ContributionRefused as refused:
        raise UsageError(str(refused)) from None
    write_project_file(merged, args.output)
    print(report.summary())
    for label in report.conflicts:
        print(f"  conflict: {label} (both sides changed it; resolve it in the app)")
    return 0


def _asked_language(lang: str | None) -> str | None:
    """The language --lang or the environment asks for; None when neither names one (unset, C or POSIX)."""
    from .i18n import from_environment, normalise

    if lang:
        return normalise(lang)
    named = any(os.environ.get(name, "").split(".")[0] not in ("", "C", "POSIX") for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"))
    return from_environment(os.environ) if named else None


def _project_import(args: argparse.Namespace) -> int:
    from .i18n import translator
    from .importers import DraftImportError, read_draft
    from .importers.guess import guess_kind
    from .importers.word_project import draft_to_project, word_comments_and_authors
    from .project.exchange import write_project_file

    if args.output.exists():
        raise UsageError(f"{args.output} already exists; give another name, or remove it first.")
    pack = _rule_pack(None)
    kind = f"{args.mechanism}/{args.kind}" if args.kind and args.mechanism and "/" not in args.kind else args.kind
    try:
        draft = read_draft(args.draft, pack=pack, mechanism=args.mechanism, kind=kind)
    except DraftImportError as error:
        raise UsageError(str(error)) from None
    notes = []
    if draft.kind is None:
        guess = guess_kind(draft, pack)
        if guess is None:
            raise UsageError(f"{args.draft}: say which mechanism and kind the draft is for, with --mechanism and --kind "
                             "(the text names no monitoring body the tool knows).")
        draft = draft.model_copy(update={"kind": guess.kind})
        notes.append(f"Imported as {guess.kind}, guessed because {guess.reason}; if that is wrong, give --mechanism and --kind.")
    comments, authors = word_comments_and_authors(args.draft) if args.draft.suffix.lower() == ".docx" else ([], [])
    asked = _asked_language(args.lang)
    t = translator(asked or draft.language)  # the report in the language asked for, else the document's
    try:
        result = draft_to_project(draft, pack, draft.kind, comments=comments, members=authors, t=t)
    except KeyError as error:
        raise UsageError(f"{args.draft}: {error.args[0]}") from None
    write_project_file(result.project, args.output)
    project = result.project
    print(t.gettext("Wrote {path}: '{title}' as {kind}, {sections} section(s), {evidence} evidence source(s), {recommendations} "
                    "recommendation(s).").format(path=args.output, title=project.title, kind=project.kind_id, sections=len(project.sections),
                                                  evidence=len(project.evidence), recommendations=len(project.recommendations)))
    for line in [*notes, *result.report]:
        print(f"  {line}")
    return 0


def _earlier_records(path: Path, state: str | None, everything: bool = False) -> list:
    from .earlier.model import for_state, states
    from .earlier.readers import EarlierReadError, read_earlier

    try:
        records = read_earlier(path)
    except EarlierReadError as error:
        raise UsageError(str(error)) from None
    chosen = for_state(records, None if everything and not state else state, observations=everything)
    if state and not chosen:
        named = states(records)
        shown = ", ".join(named[:10]) + (f" and {len(named) - 10} more" if len(named) > 10 else "") if named else "none"
        raise UsageError(f"{path}: no recommendation to '{state}' (the States under review in the file: {shown}).")
    return chosen


def _earlier(args: argparse.Namespace) -> int:
    from .earlier.model import select

    records = select(_earlier_records(args.file, args.state, args.all), theme=args.theme, position=args.position, recommending=args.recommending)
    if args.format == "json":
        import json  # only for --format json: a text report starts without it
        print(json.dumps([r.as_json() for r in records], ensure_ascii=False, indent=2))
        return 0
    from .earlier.model import summary_line

    print(f"{len(records)} recommendation(s){f' to {args.state}' if args.state else ''} in {args.file}")
    for record in records:
        print(summary_line(record))
        print(f"    {record.text}")
        extra = [f"themes: {'; '.join(record.themes)}" if record.themes else "", f"SDGs: {'; '.join(record.sdgs)}" if record.sdgs else "",
                 f"cycle {record.cycle}" if record.cycle else "", f"session {record.session}" if record.session else "",
                 record.date.isoformat() if record.date else ""]
        if any(extra):
            print(f"    {', '.join(e for e in extra if e)}")
    return 0


def _project_add_earlier(args: argparse.Namespace) -> int:
    from .earlier.model import merge, with_state
    from .project.exchange import write_project_file

    project = _read_project(args.file)
    state = args.state or project.state or None
    records = with_state(_earlier_records(args.source, state), state)
    merged, added = merge(project.earlier, records)
    write_project_file(project.model_copy(update={"earlier": merged}), args.file)
    print(f"Added {added} earlier recommendation(s){f' to {state}' if state else ''} to {args.file}"
          f" ({len(records) - added} already there; {len(merged)} in all).")
    return 0



def _project_implementation_table(args: argparse.Namespace) -> int:
    from .export.implementation_table import TableRefused, write_implementation_table

    if args.output.suffix.lower() != ".docx":
        raise UsageError(f"{args.output}: the implementation table is written as Word; give a .docx file name.")
    project = _read_project(args.file)
    if not project.earlier:
        raise UsageError(f"{args.file}: the project holds no earlier recommendations; add them first with 'shadowreport project add-earlier'.")
    try:
        count = write_implementation_table(project, args.output, supported_only=args.supported_only,
                                           allow_personal_data=args.allow_personal_data)
    except TableRefused as refused:
        return _refused(refused, refused.places, "Use --allow-personal-data if the table may contain them.")
    print(f"Wrote {args.output}: {count} recommendation(s) in OHCHR's four columns.")
    return 0

if __name__ == "__main__":
    sys.exit(main())
