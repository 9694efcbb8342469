"""The CJK font comes from requirements.txt and covers what we draw."""

import matplotlib
import matplotlib.pyplot as plt
import pytest

from aidlib.plotstyle import cjk_font_path, missing_characters, missing_glyphs, use_cjk_font

matplotlib.use("Agg")


def test_font_is_installed_by_a_python_package_not_the_system():
    path = cjk_font_path()
    assert "site-packages" in path.parts and path.stat().st_size > 1_000_000


def test_font_covers_both_reports_text():
    from aidlib.corpus import load_corpus

    text = "".join(load_corpus().to_frame()["text"])
    assert missing_characters(text) == set()


def test_missing_glyphs_catches_a_font_without_chinese():
    use_cjk_font()
    figure, axes = plt.subplots()
    axes.set_title("对口帮扶")
    assert missing_glyphs(figure) == {}
    axes.title.set_fontfamily("DejaVu Sans")
    with pytest.warns(UserWarning, match="missing from font"):
        assert missing_glyphs(figure) == {"对口帮扶": set("对口帮扶")}
    plt.close(figure)
