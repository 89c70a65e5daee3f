"""`check` names every problem a seed or a curated file can have, and fails on errors."""

from __future__ import annotations

import io
import re
import shutil

import pytest

from build_tools.check import run_check
from build_tools.knowledge import DEFAULT_DIR
from build_tools.read import SIZE_LIMIT, SIZE_WARNING
from tests.sitetools import write_seeds

SENTENCE = b"The delegation met again. "
SEEDS = {
    "huge.txt": b"Huge\n" + SENTENCE * (SIZE_LIMIT // len(SENTENCE) + 1),
    "big.txt": b"Big\n" + SENTENCE * (SIZE_WARNING // len(SENTENCE) + 1),
    "laughs.txt": "---\na: &a [x, x]\nb: [*a, *a]\n---\nTitle\nBody.\n",
    "dupe.txt": "---\ntitle: One\ntitle: Two\n---\nTitle\nBody.\n",
    "foo.txt": "Foo\nBody.\n",
    "foo/index.txt": "Foo again\nBody.\n",
    "bytes.txt": "Titre été\nLe président a parlé.\nUne ligne ".encode() + b"\x81 cass\xc3\xa9e.\n",
    "ancient.txt": "---\ndate: 0001-01-01\n---\nAncient\nBody.\n",
    "future.txt": "---\ndate: 9999-12-31\n---\nFuture\nBody.\n",
    "ids.txt": "---\nactors: [no-such-actor]\nremove_topics: [no-such-topic]\n---\nIds\nBody.\n",
    "n" * 245 + ".txt": "Long name\nBody.\n",
}
ROLE = "  roles:\n    - title: Envoy\n      from: 2024-13-45\n"


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> tuple[int, list[str]]:
    root = tmp_path_factory.mktemp("check")
    write_seeds(root / "seeds", SEEDS)
    shutil.copytree(DEFAULT_DIR, root / "knowledge")
    actors = root / "knowledge" / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(
        text + "- id: zz-example\n  name: Zz Example\n  kind: person\n" + ROLE, encoding="utf-8"
    )
    out = io.StringIO()
    code = run_check(root / "seeds", root / "knowledge", out)
    lines = [re.sub(r"^\S*?(seeds/|knowledge/)", r"\1", x) for x in out.getvalue().splitlines()]
    return code, lines


@pytest.mark.parametrize(
    "start, fragment",
    [
        ("seeds/huge.txt: error:", f"more than the limit of {SIZE_LIMIT:,}"),
        ("seeds/big.txt: warning:", f"more than {SIZE_WARNING:,}"),
        ("seeds/laughs.txt:2: error:", "aliases"),
        ("seeds/dupe.txt:3: error:", "lines 2 and 3"),
        ("seeds/foo", "share the URL documents/foo/"),
        ("seeds/bytes.txt:3: error:", "not valid UTF-8"),
        ("seeds/ancient.txt: warning:", "date 0001-01-01 is before 1900"),
        ("seeds/future.txt: warning:", "date 9999-12-31"),
        ("seeds/ids.txt: warning:", "'no-such-actor'"),
        ("seeds/ids.txt: warning:", "'no-such-topic'"),
        ("knowledge/actors.yaml:", "'from' is not a date: '2024-13-45'"),
        ("Seeds over", f"{SIZE_LIMIT:,} bytes are refused"),
    ],
)
def test_check_names_every_problem(checked, start, fragment):
    _, lines = checked
    assert any(line.startswith(start) and fragment in line for line in lines), "\n".join(lines)


def test_check_exits_non_zero_on_errors_and_reads_the_rest(checked):
    code, lines = checked
    assert code == 1
    read = int(lines[[line.endswith("warnings") for line in lines].index(True)].split()[0])
    assert read == len(SEEDS) - 3  # huge, laughs and dupe are refused
