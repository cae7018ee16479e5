"""Arelle's REST web service: what a network client may ask of the plugin, and the plugin's route.

Arelle's web service copies every query key it does not know onto the run's options object, so
the plugin's options arrive under their dest names (`cyberRules=...`). Two limits follow:
- a client must never choose a path on the server: in web-service mode every option that names
  a path is refused (CYBER.pathRefused: the exports and the prior filing), and `GET /rest/cyber`
  returns the export in the response. A client that wants the filing compared with a prior one
  sends that filing's JSON export as the body of `POST /rest/cyber` (nothing is written or loaded
  from it: it is read as JSON into the prior filing's view);
- a key that looks like one of the plugin's options but is not one is an error, not silence
  (this also catches a misspelt `pluginOptions` key given through Arelle's Python API).

Arelle's controller serves one run at a time: its model manager, its log buffer, the custom
transforms it rebuilds when a run starts and the plugin data it clears when a run ends are shared
by every request. Under a threaded server (`--webserver host:port:cheroot`, or a WSGI host) the
requests would interleave and mix; so the plugin's web service runs every request that uses the
controller (Arelle's `/rest/` routes and `/rest/cyber`) one after another (`OneRunAtATime`).

Arelle calls the `CntlrWebMain.StartWebServer` hook of only the first plugin that has one: with
another such plugin listed first, `/rest/cyber` is not served and requests are not serialised
(the other checks still apply, and each run keeps its own rule settings: see `state`).
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ..core.extraction import is_filing
from ..core.filing_view import FilingView
from ..core.findings import CODE_PREFIX, INTERNAL_ERROR
from ..core.regular_files import special_file_kind
from ..core.settings import OptionError
from ..outputs import RENDERERS
from . import settings_codec
from .guard import guarded
from .options import EIGHT_K_ITEMS, PLUGIN_OPTIONS, RULES
from .prior import PRIOR_NOT_LOADED, PriorError, view_of_export
from .state import compare_with, reading_of

if TYPE_CHECKING:
    from arelle.CntlrCmdLine import CntlrCmdLine
    from arelle.RuntimeOptions import RuntimeOptions
    from bottle import Bottle, HTTPResponse, Route

ROUTE: Final = "/rest/cyber"
INVALID_OPTION: Final = CODE_PREFIX + "invalidOption"
PATH_REFUSED: Final = CODE_PREFIX + "pathRefused"
NOT_A_REGULAR_FILE: Final = CODE_PREFIX + "notARegularFile"
# The dest names of the plugin's options, as a query or `pluginOptions` must spell them, and
# those whose value names a file on the server.
OPTION_NAMES: Final = frozenset(spec.dest for spec in PLUGIN_OPTIONS)
PATH_OPTIONS: Final = frozenset(spec.dest for spec in PLUGIN_OPTIONS if spec.metavar == "PATH")
# format= of the route: content type, and the extension that chooses the renderer.
FORMATS: Final[dict[str, tuple[str, str]]] = {
    "json": ("application/json; charset=UTF-8", ".json"),
    "html": ("text/html; charset=UTF-8", ".html"),
    "csv": ("text/csv; charset=UTF-8", ".csv"),
    "changes.csv": ("text/csv; charset=UTF-8", ".changes.csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}
_ROUTE_OPTIONS: Final = (RULES.dest, EIGHT_K_ITEMS.dest)
_ROUTE_KEYS: Final = frozenset({"file", "format", *_ROUTE_OPTIONS})
_TEXT: Final = "text/plain; charset=UTF-8"
# The largest prior filing's JSON export a POST may send (a 10-K's, with its section, is a few MB).
MAX_PRIOR_BYTES: Final = 32 * 1024 * 1024


def is_web_service(options: RuntimeOptions) -> bool:
    """True for a run made by Arelle's web service (its options carry the server's address)."""
    return bool(getattr(options, "webserver", None))


def _looks_like_ours(name: str) -> bool:
    return name.replace("-", "").replace("_", "").lower().startswith("cyber")


def option_problems(options: RuntimeOptions) -> list[tuple[str, str]]:
    """(code, message) for each option this run may not use; empty when all is well."""
    problems = [
        (
            INVALID_OPTION,
            f"Unknown cyber_plugin option {name!r}; the plugin's options are spelt "
            f"{', '.join(sorted(OPTION_NAMES))} (for example cyberRules=-CYBER.missingElement)",
        )
        for name in sorted(vars(options))
        if _looks_like_ours(name) and name not in OPTION_NAMES
    ]
    if is_web_service(options):
        problems += [
            (
                PATH_REFUSED,
                f"{name} is refused in Arelle's web service: a client may not choose a file on the "
                f"server; GET {ROUTE}?file=...&format=json|html|csv|xlsx returns the export instead",
            )
            for name in sorted(PATH_OPTIONS)
            if getattr(options, name, None)
        ]
    return problems


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = _TEXT


def _refusal(status: int, code: str, message: str) -> Reply:
    return Reply(status, f"[{code}] {message}\n".encode())


def special_file_refusal(query: Mapping[str, str]) -> Reply | None:
    """The refusal of a request whose file= names a FIFO, a device or a socket on the server: reading
    it would never end (or never begin) and, while every run waits for the one before, it would
    stop the whole service. None for any other request."""
    kind = special_file_kind(query.get("file", ""))
    if kind is None:
        return None
    return _refusal(422, NOT_A_REGULAR_FILE, f"{query['file']} is {kind}, not a regular file: it is not read")


def check_query(query: Mapping[str, str]) -> Reply | None:
    """The refusal for a bad request to the route, or None when it can be served."""
    if any(query.get(name) for name in PATH_OPTIONS):
        return _refusal(
            403, PATH_REFUSED, "a client may not choose a file on the server; the export is the response"
        )
    unknown = sorted(set(query) - _ROUTE_KEYS)
    if unknown:
        accepted = ", ".join(sorted(_ROUTE_KEYS))
        return _refusal(
            400, INVALID_OPTION, f"unknown parameter(s) {', '.join(unknown)}; accepted: {accepted}"
        )
    if not query.get("file"):
        return _refusal(400, INVALID_OPTION, "file= names the filing to read")
    if query.get("format", "json") not in FORMATS:
        return _refusal(400, INVALID_OPTION, f"format= is one of {', '.join(FORMATS)}")
    return special_file_refusal(query)


def prior_of_body(body: bytes) -> FilingView | Reply:
    """The prior filing a POST sends as its JSON export, or the refusal of a body that is not one."""
    if len(body) > MAX_PRIOR_BYTES:
        return _refusal(
            413, PRIOR_NOT_LOADED, f"the prior filing's JSON export is over {MAX_PRIOR_BYTES:,} bytes"
        )
    try:
        return view_of_export(json.loads(body))
    except ValueError as error:
        return _refusal(400, PRIOR_NOT_LOADED, f"the body is not the prior filing's JSON export: {error}")
    except PriorError as error:
        return _refusal(400, PRIOR_NOT_LOADED, f"the body is not the prior filing's JSON export: {error}")


def export_reply(
    cntlr: CntlrCmdLine,
    base_options: RuntimeOptions,
    query: Mapping[str, str],
    log_text: Callable[[], str],
    prior: FilingView | None = None,
) -> Reply:
    """Load `query['file']` with the server's options and answer with its export, compared with
    `prior` when a POST sent one.

    Runs while it holds the controller (`OneRunAtATime`): the models loaded meanwhile are this
    request's, and it closes them and no other. `base_options` is a fresh copy of the server's
    options; `log_text` returns (and clears) what the run logged, so none of it leaks into the
    next request's answer.
    """
    refusal = check_query(query)
    if refusal is not None:
        return refusal
    try:
        rules = settings_codec.parse(query, settings_codec.QUERY)
    except OptionError as error:
        return _refusal(400, INVALID_OPTION, str(error))
    content_type, extension = FORMATS[query.get("format", "json")]
    manager = cntlr.modelManager
    before = set(manager.loadedModelXbrls)
    base_options.entrypointFile = query["file"]
    base_options.keepOpen = True  # the model is read after the run, then closed here
    base_options.validate = False
    try:
        cntlr.run(base_options)
        loaded = [m for m in manager.loadedModelXbrls if m not in before]
        if not loaded or not is_filing(loaded[0]):
            return _refusal(
                422, CODE_PREFIX + "notAFiling", f"{query['file']} is not an XBRL filing:\n{log_text()}"
            )
        if prior is not None:
            compare_with(loaded[0], prior)
        reading = reading_of(loaded[0], rules)
        body = RENDERERS[extension](reading.disclosure, reading.findings)
        log_text()
        return Reply(200, body, content_type)
    finally:
        for model in [m for m in manager.loadedModelXbrls if m not in before]:
            source = model.fileSource
            manager.close(model)
            source.close()


# One controller, one run at a time.
RUNS: Final = threading.Lock()
SERIALISED_ROUTES: Final = "/rest/"  # the routes that run the controller start so


class OneRunAtATime:
    """A Bottle plugin: each route under SERIALISED_ROUTES holds RUNS while it answers, so that no
    two requests share the controller, whatever server runs the application. A request whose file=
    names a FIFO or a device is refused before it waits (`special_file_refusal`): it would hold
    RUNS forever, where without the plugin it would hang only its own thread."""

    name = "cyber_plugin.oneRunAtATime"
    api = 2

    def apply(self, callback: Callable[..., Any], route: Route) -> Callable[..., Any]:
        if not str(route.rule).startswith(SERIALISED_ROUTES):
            return callback

        from bottle import HTTPResponse, request

        @functools.wraps(callback)
        def one_at_a_time(*args: Any, **kwargs: Any) -> Any:
            refusal = special_file_refusal(request.query.decode())
            if refusal is not None:
                return _response(HTTPResponse, refusal)
            with RUNS:
                return callback(*args, **kwargs)

        return one_at_a_time


@guarded
def add_routes(app: Bottle, cntlr: CntlrCmdLine) -> None:
    """The StartWebServer hook: serve GET and POST /rest/cyber beside Arelle's own routes, and every
    request that runs the controller one after another."""
    # Imported here: only a web server needs them (bottle alone costs about 0.1 s to import).
    from arelle import CntlrWebMain
    from bottle import HTTPResponse, request

    app.install(OneRunAtATime())

    def serve() -> HTTPResponse:
        log = CntlrWebMain.getLogHandler()
        try:
            prior = (
                prior_of_body(request.body.read(MAX_PRIOR_BYTES + 1)) if request.method == "POST" else None
            )
            if isinstance(prior, Reply):
                reply = prior
            else:
                reply = export_reply(
                    cntlr, CntlrWebMain.getRuntimeOptions(), request.query.decode(), log.getText, prior
                )
        except Exception as error:  # a defect answers 500; it never takes the server down
            log.clearLogBuffer()
            reply = _refusal(500, INTERNAL_ERROR, f"{type(error).__name__}: {error}")
        return _response(HTTPResponse, reply)

    app.route(ROUTE, ["GET", "POST"], serve)


def _response(response_class: type[HTTPResponse], reply: Reply) -> HTTPResponse:
    return response_class(body=reply.body, status=reply.status, headers={"Content-Type": reply.content_type})
