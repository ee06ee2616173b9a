"""Issue 17, findings 1, 2, 11: the content CLI stays in its folder and refuses hostile files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from bot.content.entries import ContentError, file_for, load_yaml, read_yaml
from bot.content.safety import MAX_YAML_NODES, inside
from tests.cli.test_cli import ROOT, antifraud
from tests.cli.test_content_cli import NEW_QUESTION

BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
id: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A private copy of the bank, one level down so '../' lands in a folder we can inspect."""
    shutil.copytree(ROOT / "content", tmp_path / "root" / "content")
    return {"CONTENT_DIR": str(tmp_path / "root" / "content"),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'content.db'}"}


def _yaml_files_outside(tmp_path: Path, env: dict[str, str]) -> list[Path]:
    content = Path(env["CONTENT_DIR"]).resolve()
    return [p for p in tmp_path.rglob("*.yaml") if not p.resolve().is_relative_to(content)]


def test_add_source_with_dotdot_id_writes_nothing_outside(env: dict[str, str],
                                                          tmp_path: Path) -> None:
    evil = tmp_path / "evil.yaml"
    evil.write_text(yaml.safe_dump({"id": "../../evil", "title": "标题", "text": "正文"}),
                    encoding="utf-8")
    res = antifraud("content", "add", "source", "-f", str(evil), env=env)
    assert res.returncode == 1 and "bad id" in res.stderr
    assert _yaml_files_outside(tmp_path, env) == [evil]


def test_question_with_dotdot_scam_type_writes_nothing_outside(env: dict[str, str],
                                                               tmp_path: Path) -> None:
    for bad in ("/tmp/escape", "fake loan", "", "a" * 81, "a/b"):
        with pytest.raises(ContentError, match="bad scam_type"):
            file_for("question", {**NEW_QUESTION, "scam_type": bad})
    for scam_type in ("../../escape", "Fake_Loan"):
        evil = tmp_path / "q.yaml"
        evil.write_text(yaml.safe_dump({**NEW_QUESTION, "scam_type": scam_type},
                                       allow_unicode=True), encoding="utf-8")
        res = antifraud("content", "add", "question", "-f", str(evil), env=env)
        assert res.returncode == 1 and "bad scam_type" in res.stderr, (scam_type, res.stderr)
        assert _yaml_files_outside(tmp_path, env) == [evil]
    bad_id = tmp_path / "q.yaml"
    bad_id.write_text(yaml.safe_dump({**NEW_QUESTION, "id": "../fake_loan-90"},
                                     allow_unicode=True), encoding="utf-8")
    res = antifraud("content", "add", "question", "-f", str(bad_id), env=env)
    assert res.returncode == 1 and "bad id" in res.stderr


def test_bundle_with_unsafe_ids_is_refused(env: dict[str, str], tmp_path: Path) -> None:
    good = tmp_path / "bank.json"
    assert antifraud("content", "export", "-o", str(good), env=env).returncode == 0
    bundle = json.loads(good.read_text(encoding="utf-8"))
    source = next(i for i in bundle["items"] if i["kind"] == "source")
    for data, rel in (({**source["data"], "id": "../../escape"}, source["file"]),
                      (source["data"], "sources/../../escape.yaml"),
                      (source["data"], "questions/fake_loan.yaml")):
        evil = {**bundle, "items": [{"kind": "source", "file": rel, "data": data}]}
        path = tmp_path / "evil.json"
        path.write_text(json.dumps(evil, ensure_ascii=False), encoding="utf-8")
        res = antifraud("content", "import", str(path), "--into", str(tmp_path / "x"), env=env)
        assert res.returncode == 1 and "unsafe" in res.stderr, res.stderr
    assert not (tmp_path / "x").exists() and _yaml_files_outside(tmp_path, env) == []


def test_alias_bomb_is_refused_at_once(env: dict[str, str], tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BOMB, encoding="utf-8")
    assert len(BOMB.encode()) < 600
    for args in (("content", "add", "tip", "-f", str(bomb)),
                 ("content", "edit", "fake_loan-01", "-f", str(bomb))):
        res = antifraud(*args, env=env)  # the old code ran out of memory or past the timeout
        assert res.returncode == 1 and "aliases expand" in res.stderr, res.stderr
    with pytest.raises(ContentError, match="aliases expand"):
        load_yaml(BOMB)


def test_files_over_the_cap_are_refused_unread(env: dict[str, str], tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * (1 << 20) + "\n" + yaml.safe_dump(NEW_QUESTION),
                   encoding="utf-8")
    res = antifraud("content", "add", "question", "-f", str(big), env=env)
    assert res.returncode == 1 and "too large" in res.stderr
    huge = tmp_path / "huge.json"
    with huge.open("wb") as f:
        f.truncate((16 << 20) + 1)
    res = antifraud("content", "import", str(huge), env=env)
    assert res.returncode == 1 and "too large" in res.stderr
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    res = antifraud("content", "import", str(deep), env=env)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    (Path(env["CONTENT_DIR"]) / "tips.yaml").write_text(BOMB, encoding="utf-8")
    res = antifraud("content", "validate", env=env)
    assert res.returncode != 0 and "aliases expand" in res.stderr


def test_the_banks_own_anchors_still_load_and_nesting_is_bounded() -> None:
    items = read_yaml(ROOT / "content" / "questions" / "impersonate_boss.yaml")
    assert len(items) >= 8 and all(isinstance(i["audiences"], list) for i in items)
    deep = "a:\n" + "".join("  " * i + f"- k{i}:\n" for i in range(1, 200))
    with pytest.raises(ContentError, match="nested"):
        load_yaml(deep)
    fine = "x: &x [1, 2]\n" + "".join(f"y{i}: *x\n" for i in range(100))
    assert len(load_yaml(fine)) == 101 and MAX_YAML_NODES > 1000


def test_paths_resolve_inside_the_root(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "questions").mkdir(parents=True)
    (root / "sources").symlink_to(tmp_path)  # a link out of the folder
    assert inside(root, "questions/a.yaml") == (root / "questions" / "a.yaml").resolve()
    for rel in ("../a.yaml", "/etc/passwd", "sources/a.yaml", "questions/../../a.yaml", "."):
        with pytest.raises(ContentError, match="outside"):
            inside(root, rel)


@pytest.mark.parametrize("payload", ["<script ", "<title>", "<!--", "<h1>"])
def test_ingest_of_hostile_markup_finishes(tmp_path: Path, payload: str) -> None:
    """1 MB of unclosed tags: the old regexes took minutes at 200 KB; a parser is linear."""
    page = tmp_path / "page.html"
    page.write_text(payload * ((1 << 20) // len(payload)), encoding="utf-8")
    res = antifraud("content", "ingest", str(page), "--json")  # a 120 s timeout guards it
    assert res.returncode == 1 and "no article text" in res.stderr


def test_ingest_input_is_capped(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>刷单诈骗。</p>" * 200_000, encoding="utf-8")
    res = antifraud("content", "ingest", str(page))
    assert res.returncode == 1 and "too large" in res.stderr


def test_broadcast_text_file_is_read_only_up_to_its_cap(env: dict[str, str],
                                                         tmp_path: Path) -> None:
    huge = tmp_path / "text.txt"
    with huge.open("wb") as f:
        f.truncate(64 << 20)  # 64 MB of zero bytes: never read whole
    res = antifraud("broadcast", "create", "--text-file", str(huge), env=env)
    assert res.returncode == 1 and "too large" in res.stderr
