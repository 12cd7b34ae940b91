"""Run one benchmark task in this (fresh) process: ``child.py TASK REQUEST.json ANSWER.json``.

The parent measures this process with ``wait4``; the task itself times what
it is about and writes its answer as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import tasks_build, tasks_graph  # noqa: E402

__all__ = ["TASKS", "main"]

TASKS = {
    "read": tasks_build.read_files,
    "jieba": tasks_build.jieba_segment,
    "stages": tasks_build.stages,
    "parse-rdflib": tasks_build.parse_rdflib,
    "parse-ours": tasks_build.parse_ours,
    "profile": tasks_build.profile_build,
    "store-add": tasks_build.store_add,
    "list-questions": tasks_graph.list_questions,
    "questions": tasks_graph.questions,
    "viz": tasks_graph.viz,
}


def main(argv: list[str]) -> int:
    task, request, answer = argv
    req = json.loads(Path(request).read_text(encoding="utf-8"))
    req["_answer"] = answer  # for tasks that checkpoint
    result = TASKS[task](req)
    tmp = Path(answer).with_suffix(".tmp")
    tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    tmp.replace(answer)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
