"""Run the benchmark scripts named on the command line, one after another.

Each script prints JSON lines (one per measurement) and a readable table. This runner
passes their output through and also appends the JSON lines, stamped with the machine,
to $NEWSROOM_VAR_DIR/bench/results.jsonl. It stops at the first script that fails.

    python bench/run.py bench/publication_lag.py [bench/other.py ...]
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(scripts: list[str]) -> int:
    var = Path(os.environ.get("NEWSROOM_VAR_DIR", REPO / "var")) / "bench"
    var.mkdir(parents=True, exist_ok=True)
    machine = {
        "machine": platform.node(), "cpus": os.cpu_count(), "python": platform.python_version(),
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with (var / "results.jsonl").open("a") as results:
        for script in scripts:
            print(f"== {script}", flush=True)
            process = subprocess.Popen(
                [sys.executable, script], cwd=REPO, stdout=subprocess.PIPE, text=True
            )
            for line in process.stdout:
                print(line, end="", flush=True)
                if line.startswith("{"):
                    results.write(json.dumps({**json.loads(line), **machine}) + "\n")
            if process.wait() != 0:
                print(f"{script} failed with exit status {process.returncode}", file=sys.stderr)
                return process.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
