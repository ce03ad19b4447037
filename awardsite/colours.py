"""The brand colour: its WCAG contrast checks, and the custom properties the build adds to site.css."""

from __future__ import annotations

import math

from .model import Brand

WHITE, BLACK = "#ffffff", "#000000"
DARK_BACKGROUND = "#22272a"  # the lightest background in dark mode (site.css: `--panel`): a tint that reads on it reads on all
AA = 4.5  # WCAG 2.2 AA contrast for normal text


def _channels(colour: str) -> tuple[int, int, int]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(colour: str) -> float:
    """WCAG relative luminance, from 0 (black) to 1 (white)."""
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4
              for c in _channels(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(colour: str, towards: str, amount: float) -> str:
    """`colour` moved `amount` (0 to 1) of the way to `towards`, as `#rrggbb`."""
    pairs = zip(_channels(colour), _channels(towards))
    return "#" + "".join(f"{round(a + (b - a) * amount):02x}" for a, b in pairs)


def _ratio(value: float) -> str:
    """A ratio cut (not rounded) to two places, so 4.497 never reads as a passing 4.50."""
    return f"{math.floor(value * 100) / 100:.2f}:1"


def problems(brand: Brand) -> list[tuple[str, str]]:
    """(key, message) for each colour of the brand that fails WCAG AA where the site uses it."""
    found = []
    against_white = contrast(brand.colour, WHITE)
    if against_white < AA:
        found.append(("colour", f"`colour` {brand.colour} has a contrast of {_ratio(against_white)} with white, "
                                f"where links use it; WCAG AA needs {AA}:1: choose a darker colour"))
    text = brand.text_colour or WHITE
    if brand.text_colour and contrast(brand.colour, text) < AA:
        found.append(("text_colour", f"`text_colour` {text} has a contrast of {_ratio(contrast(brand.colour, text))} "
                                     f"with `colour` {brand.colour}; WCAG AA needs {AA}:1"))
    return found


def light_tint(colour: str) -> str:
    """The least-lightened tint of `colour` that links can use on the dark background (AA)."""
    for step in range(21):
        tint = mix(colour, WHITE, step / 20)
        if contrast(tint, DARK_BACKGROUND) >= AA:
            return tint
    return WHITE


def css(brand: Brand) -> str:
    """The brand's custom properties, appended to site.css so they override its defaults."""
    return (f"\n/* The brand colour from site.yaml (added by the build) */\n:root {{ --brand: {brand.colour}; "
            f"--brand-dark: {mix(brand.colour, BLACK, 0.3)}; --on-brand: {brand.text_colour or WHITE}; "
            f"--brand-light: {light_tint(brand.colour)}; }}\n")
