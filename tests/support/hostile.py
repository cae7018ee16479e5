"""A hostile filing, written by the tests: text blocks that try to run script, load things and
inject spreadsheet formulas, and an untagged paragraph of Item 1C whose plain text is markup.
Every URL points at a closed local port."""

from __future__ import annotations

from pathlib import Path

from .paths import SAMPLE_10K
from .variants import InlineVariant

TRAP = "http://127.0.0.1:9"
HOSTILE_MARKUP = f"""<p>Ordinary paragraph before the traps.</p>
<script>document.title='pwned';window.__pwned=1;fetch('{TRAP}/fetch');</script>
<img src="{TRAP}/img.png" onerror="window.__pwned=2"/>
<p onclick="window.__pwned=3" onmouseover="window.__pwned=3"
   style="font-weight:bold;background:url({TRAP}/bg.png)">Styled paragraph</p>
<p><a href="javascript:window.__pwned=4">javascript link</a> and <a href="{TRAP}/page">external link</a></p>
<iframe src="{TRAP}/frame">frame text</iframe>
<object data="{TRAP}/object">object text</object>
<embed src="{TRAP}/embed"/>
<form action="{TRAP}/form"><input name="q" value="x"/><button>Send</button></form>
<style>body{{background:url({TRAP}/css.png)}} @import url({TRAP}/import.css);</style>
<link rel="stylesheet" href="{TRAP}/link.css"/>
<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned=5</script><image href="{TRAP}/svg.png"/></svg>
<video src="{TRAP}/video.mp4" poster="{TRAP}/poster.png"></video>
<meta http-equiv="refresh" content="0;url={TRAP}/refresh"/>
<base href="{TRAP}/"/>
<p>Ordinary paragraph after the traps.</p>"""
# Text, not markup, in the filing (escaped in its XHTML): every output must keep it text.
HOSTILE_PARAGRAPH = (
    f'Untagged text that tries <script>window.__pwned=6</script> and <img src="{TRAP}/p.png" '
    'onerror="window.__pwned=7"> and <b onclick="window.__pwned=8">bold</b> &amp; entities.'
)
FORMULA_TEXT = '=HYPERLINK("http://127.0.0.1:9/x","click me")'
LONG_WORD = "cybersecurity "
LONG_TEXT_LENGTH = 100_000


def write_hostile_filing(target: Path) -> Path:
    variant = InlineVariant(SAMPLE_10K)
    variant.set_markup("cyd-14", HOSTILE_MARKUP)
    variant.set_text("cyd-09", FORMULA_TEXT)
    variant.set_text("cyd-13", "+1-555-0100 @SUM(A1:A9) -2+3")
    long_text = (LONG_WORD * (LONG_TEXT_LENGTH // len(LONG_WORD) + 1))[:LONG_TEXT_LENGTH]
    variant.set_text("cyd-15", long_text)
    variant.add_paragraph_after("cyd-01-c2", HOSTILE_PARAGRAPH)
    return variant.write(target)
