"""`antifraud poster`, `qr` and `certificate` through the real command in a subprocess."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.cli.test_cli import antifraud
from tests.media.conftest import decode
from tests.media.test_qr import grid_from_text


def test_poster_writes_a_printable_png_with_the_quiz_qr(tmp_path: Path) -> None:
    out = tmp_path / "poster.png"
    res = antifraud("poster", "--topic", "fake_investment", "--audience", "elderly",
                    "--bot-username", "my_test_bot", "-o", str(out))
    assert res.returncode == 0, res.stderr
    with Image.open(out) as image:
        assert image.size == (1240, 1754)
        assert decode(image) == ["https://t.me/my_test_bot?start=quiz_fake_investment"]


def test_poster_unknown_topic_lists_valid_ids(tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    res = antifraud("poster", "--topic", "no_such_scam", "-o", str(out))
    assert res.returncode == 1
    assert "no_such_scam" in res.stderr and "fake_investment" in res.stderr
    assert not out.exists()


def test_qr_prints_a_scannable_code() -> None:
    payload = "https://t.me/antifraud_quiz_bot?start=quiz_fake_loan"
    res = antifraud("qr", payload)
    assert res.returncode == 0, res.stderr
    rows = grid_from_text(res.stdout.rstrip("\n"))
    small = Image.new("L", (len(rows[0]), len(rows)))
    small.putdata([0 if dark else 255 for row in rows for dark in row])
    assert decode(small.resize((small.width * 6, small.height * 6))) == [payload]


def test_certificate_preview(tmp_path: Path) -> None:
    out = tmp_path / "cert.png"
    res = antifraud("certificate", "--name", "王小明", "--score", "1860", "--language", "zh-Hant",
                    "--date", "2025-03-08", "-o", str(out))
    assert res.returncode == 0, res.stderr
    with Image.open(out) as image:
        assert image.size == (1754, 1240)
