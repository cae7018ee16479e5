"""Runs Arelle's command line in this process for the tests.

Records the process's peak memory and wall time (--usage-file) and, on request, the modules it
imported (--modules-file); can replace one function of the plugin with one that raises
(--break module:function), to prove that every hook contains its own failures. With
--no-collect, Python's cycle collector is off for the run and the usage file counts the models
still in memory afterwards: Arelle frees a closed model by reference counting, unless something
(a cache, a reading kept for it) still refers to its documents.

Usage: python arelle_runner.py --usage-file F [--break M:F] [--modules-file F] -- ARELLE ARGS
"""

from __future__ import annotations

import argparse
import gc
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
    parser.add_argument("--no-collect", action="store_true", help="cycle collector off; count models left")
    options, arelle_arguments = parser.parse_known_args()
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
        with open(options.usage_file, "w", encoding="utf-8") as stream:
            json.dump(usage, stream)
        if options.modules_file:
            with open(options.modules_file, "w", encoding="utf-8") as stream:
                json.dump(sorted(sys.modules), stream)
    return status


if __name__ == "__main__":
    sys.exit(main())
