"""The CJK font and figure style shared by every plot and word cloud.

The font is Noto Sans CJK SC, shipped inside the ``mplfonts`` package that
``requirements.txt`` installs, so Chinese renders on a fresh machine with no system
fonts. ``missing_glyphs`` checks a drawn figure against the font's character map.

>>> cjk_font_path().name
'NotoSansCJKsc-Regular.otf'
>>> missing_characters("对口帮扶 3+2")
set()
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.text import Text

FONT_FILE = "NotoSansCJKsc-Regular.otf"


@functools.cache
def cjk_font_path() -> Path:
    """Path of the CJK font file inside the installed ``mplfonts`` package."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("mplfonts is not installed: pip install -r requirements.txt")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the CJK font is missing from mplfonts")
    return path


@functools.cache
def cjk_font_name() -> str:
    """Register the CJK font with matplotlib once and return its family name."""
    font_manager.fontManager.addfont(str(cjk_font_path()))
    return font_manager.FontProperties(fname=str(cjk_font_path())).get_name()


def use_cjk_font() -> None:
    """Make the CJK font matplotlib's default, with a plain, readable figure style."""
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [cjk_font_name(), "DejaVu Sans"],
            "axes.unicode_minus": False,  # the CJK font draws "−" poorly; use "-"
            "figure.dpi": 100,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )


@functools.cache
def lay_out(figure: Figure, bottom: float = 0.0) -> None:
    """``tight_layout`` that keeps ``bottom`` inches free below the panels (a key) and, when
    the figure has an overall title, makes the figure taller by room for it above the
    panels' own titles (matplotlib's ``tight_layout`` sets the title over the top row's).

    >>> import matplotlib.pyplot as plt
    >>> figure, axes = plt.subplots(1, 2, figsize=(6, 3))
    >>> _ = [ax.set_title("panel") for ax in axes]; _ = figure.suptitle("overall")
    >>> lay_out(figure)
    >>> renderer = figure.canvas.get_renderer()
    >>> bool(figure.get_suptitle() and figure._suptitle.get_window_extent(renderer).y0
    ...      > axes[0].title.get_window_extent(renderer).y1)
    True
    >>> plt.close(figure)
    """
    room = SUPTITLE_ROOM if figure.get_suptitle() else 0.0
    height = figure.get_figheight() + room
    figure.set_figheight(height)
    figure.tight_layout(rect=(0, bottom / height, 1, 1 - room / height))


#: Inches above the panels an overall title (``Figure.suptitle``) takes.
SUPTITLE_ROOM = 0.35


def _font_characters(path: Path) -> frozenset[str]:
    with TTFont(str(path), lazy=True) as font:
        return frozenset(chr(code) for code in font.getBestCmap())


def missing_characters(text: str, font_path: Path | None = None) -> set[str]:
    """Characters of ``text`` (other than white space) that the font has no glyph for."""
    covered = _font_characters(font_path or cjk_font_path())
    return {char for char in text if not char.isspace() and char not in covered}


def missing_glyphs(figure: Figure) -> dict[str, set[str]]:
    """For each text drawn in ``figure``: characters the font matplotlib chose cannot draw.

    An empty dict means every character of every label, title and tick has a glyph.
    """
    figure.canvas.draw()
    problems: dict[str, set[str]] = {}
    for artist in figure.findobj(Text):
        text = artist.get_text()
        if not text.strip() or not artist.get_visible():
            continue
        font = Path(font_manager.findfont(artist.get_fontproperties()))
        missing = missing_characters(text, font)
        if missing:
            problems[text] = missing
    return problems
