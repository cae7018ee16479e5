"""Runs Arelle's command line for the tests, each run a process of its own.

Records the process's peak memory and wall time (--usage-file) and, on request, the modules it
imported (--modules-file); can replace one function of the plugin with one that raises
(--break module:function), to prove that every hook contains its own failures. With
--no-collect, Python's cycle collector is off for the run and the usage file counts the models
still in memory afterwards: Arelle frees a closed model by reference counting, unless something
(a cache, a reading kept for it) still refers to its documents.

Usage: python arelle_runner.py --usage-file F [--break M:F] [--modules-file F] -- ARELLE ARGS

With --serve, it is a fork server (as multiprocessing's forkserver): it imports what the
arelleCmdLine script imports (arelle.CntlrCmdLine) once, then reads one run per line on its
standard input (JSON: the arguments above, the working directory, the environment, the files for
standard output and error) and forks a process for each, which runs Arelle's `main` from there on
as that script would, with its own working directory, environment, standard streams, exit status
and peak memory. A run then costs what Arelle does, not the half second of starting Python and
importing Arelle again, nor the quarter second of Arelle's plugin discovery, done once here
(tests/support/plugin_discovery.py). It answers each run with two
lines, {"pid": ...} when the process starts and {"returncode": ...} when it ends (negative: the
signal that ended it).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import resource
import sys
import time
from typing import Any, NoReturn


def _forced_failure(*args: Any, **kwargs: Any) -> NoReturn:
    raise RuntimeError("forced failure for a test")


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--usage-file")
    parser.add_argument("--break", dest="broken")
    parser.add_argument("--modules-file", help="write the names of every imported module here")
    parser.add_argument("--no-collect", action="store_true", help="cycle collector off; count models left")
    parser.add_argument("--serve", action="store_true", help="a fork server: one run per line on stdin")
    return parser


def run(options: argparse.Namespace, arelle_arguments: list[str]) -> int:
    """One run of Arelle's command line in this process; its exit status."""
    if arelle_arguments[:1] == ["--"]:
        arelle_arguments = arelle_arguments[1:]
    if options.broken:
        module_name, _, function_name = options.broken.partition(":")
        module = importlib.import_module(module_name)
        assert hasattr(module, function_name), options.broken
        setattr(module, function_name, _forced_failure)
    from arelle.CntlrCmdLine import main as arelle_main
    from arelle.ModelXbrl import ModelXbrl

    if options.no_collect:
        gc.collect()
        gc.disable()

    started = time.perf_counter()
    status = 0
    sys.argv = ["arelleCmdLine", *arelle_arguments]
    try:
        arelle_main()
    except SystemExit as exit_request:
        status = exit_request.code if isinstance(exit_request.code, int) else 1
    finally:
        usage = {
            "peak_memory_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "seconds": time.perf_counter() - started,
        }
        if options.no_collect:
            usage["models_left"] = sum(isinstance(thing, ModelXbrl) for thing in gc.get_objects())
        if options.usage_file:
            with open(options.usage_file, "w", encoding="utf-8") as stream:
                json.dump(usage, stream)
        if options.modules_file:
            with open(options.modules_file, "w", encoding="utf-8") as stream:
                json.dump(sorted(sys.modules), stream)
    return status


def _answer(message: dict[str, int]) -> None:
    os.write(1, (json.dumps(message) + "\n").encode())


def _start_run(request: dict[str, Any]) -> NoReturn:
    """In the forked process: the run's directory, environment and streams, then the run; the
    process ends as the interpreter ends a script (atexit handlers, logging's last flush)."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for descriptor, path, flags in (
        (0, os.devnull, os.O_RDONLY),
        (1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        (2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
    ):
        opened = os.open(path, flags, 0o644)
        os.dup2(opened, descriptor)
        os.close(opened)
    options, arelle_arguments = parser().parse_known_args(request["arguments"])
    raise SystemExit(run(options, arelle_arguments))


def serve() -> None:
    import arelle.CntlrCmdLine  # noqa: F401  what the arelleCmdLine script imports, once for every run
    from plugin_discovery import discover_now  # beside this script (tests/support)

    discover_now()  # Arelle's plugin discovery, once for every run (plugin_discovery.py)
    sys.stdout.flush()
    sys.stderr.flush()
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _start_run(request)
        _answer({"pid": pid})
        _, status = os.waitpid(pid, 0)
        _answer({"returncode": os.waitstatus_to_exitcode(status)})


def main() -> int:
    options, arelle_arguments = parser().parse_known_args()
    if options.serve:
        serve()
        return 0
    return run(options, arelle_arguments)


if __name__ == "__main__":
    sys.exit(main())
