"""Runs Arelle's command line in this process for the tests.

Records the process's peak memory and wall time (--usage-file) and, on request, the modules it
imported (--modules-file); can replace one function of the plugin with one that raises
(--break module:function), to prove that every hook contains its own failures.

Usage: python arelle_runner.py --usage-file F [--break M:F] [--modules-file F] -- ARELLE ARGS
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import sys
import time
from typing import Any, NoReturn


def _forced_failure(*args: Any, **kwargs: Any) -> NoReturn:
    raise RuntimeError("forced failure for a test")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--usage-file", required=True)
    parser.add_argument("--break", dest="broken")
    parser.add_argument("--modules-file", help="write the names of every imported module here")
    options, arelle_arguments = parser.parse_known_args()
    if arelle_arguments[:1] == ["--"]:
        arelle_arguments = arelle_arguments[1:]
    if options.broken:
        module_name, _, function_name = options.broken.partition(":")
        module = importlib.import_module(module_name)
        assert hasattr(module, function_name), options.broken
        setattr(module, function_name, _forced_failure)
    from arelle.CntlrCmdLine import main as arelle_main

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
        with open(options.usage_file, "w", encoding="utf-8") as stream:
            json.dump(usage, stream)
        if options.modules_file:
            with open(options.modules_file, "w", encoding="utf-8") as stream:
                json.dump(sorted(sys.modules), stream)
    return status


if __name__ == "__main__":
    sys.exit(main())
