"""A warm parent that forks one real `python -m bot` process per CLI call (run as a script).

Each call still gets its own process (its own environment, working directory, file descriptors,
exit code and atexit handlers), but skips the ~1.5 CPU-seconds of imports that a cold
interpreter pays: the parent imports the CLI and its libraries once, single-threaded, and forks.
Protocol on stdin/stdout, one JSON object per line: the request {"argv", "env", "cwd", "stdin",
"stdout", "stderr"} (the last three are file paths), the reply {"pid"} at once and {"code"} when
the child has exited.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import os
import pkgutil
import random
import runpy
import sys
import threading
import traceback

# Modules whose import starts threads or loads native runtimes a CLI call rarely needs: a fork
# must never copy a held lock from another thread, so they stay out of the warm parent.
COLD = ("bot.ocr_worker", "bot.sandbox", "tgemu")


def warm() -> None:
    """Import the CLI and every bot module a command may import lazily."""
    import bot

    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        if info.name.startswith(COLD) or info.name == "bot.__main__":
            continue
        # A module that can't be warmed is imported cold by the child that needs it.
        with contextlib.suppress(Exception):
            importlib.import_module(info.name)
    if threading.active_count() != 1:
        raise SystemExit("cli_zygote: an import started a thread; forking would be unsafe")


def child(req: dict[str, object]) -> None:
    """Become `python -m bot ARGV` with the request's environment and files; never returns."""
    code = 1
    try:
        os.setpgid(0, 0)  # a timeout kills this call's whole group, not the parent
        os.chdir(str(req["cwd"]))
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in dict(req["env"]).items()})  # type: ignore[call-overload]
        for fd, key, mode in ((0, "stdin", os.O_RDONLY), (1, "stdout", os.O_WRONLY),
                              (2, "stderr", os.O_WRONLY)):
            target = os.open(str(req[key]), mode)
            os.dup2(target, fd)
            os.close(target)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.path[0] = os.getcwd()  # as `python -m` puts the working directory first
        random.seed()  # every child would otherwise share the parent's random sequence
        sys.argv = ["-m", *[str(a) for a in list(req["argv"])]]  # type: ignore[call-overload]
        code = run()
    finally:
        os._exit(code)


def run() -> int:
    """Run the CLI as `python -m bot` would and return its exit code."""
    try:
        runpy.run_module("bot", run_name="__main__", alter_sys=True)
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    except BaseException:
        traceback.print_exc()
        code = 1
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    return code


def serve() -> None:
    """Answer requests until stdin closes."""
    warm()
    out = sys.stdout
    print(json.dumps({"ready": True}), file=out, flush=True)
    for line in sys.stdin:
        req = json.loads(line)
        pid = os.fork()
        if pid == 0:
            child(req)
        print(json.dumps({"pid": pid}), file=out, flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"code": os.waitstatus_to_exitcode(status)}), file=out, flush=True)


if __name__ == "__main__":
    serve()
