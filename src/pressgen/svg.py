"""SVG pictures read as text, never run: their size, and what a published SVG may not hold
(a script, or another file it would show)."""

from __future__ import annotations

from pathlib import Path


class SvgError(Exception):
    """An SVG pressgen cannot publish; `line` is where in the file, when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def svg_size(path: Path) -> tuple[int, int]:
    """An SVG's size in CSS pixels (its width and height, or its viewBox); SvgError if it
    cannot be published as it is."""
    root, problem = _svg_outline(path)
    if problem is not None:
        line, message = problem
        raise SvgError(message, line)
    sizes = [root.get("width"), root.get("height")]
    try:
        if all(sizes):
            return _px(str(sizes[0])), _px(str(sizes[1]))
        box = [float(v) for v in str(root.get("viewBox", "")).replace(",", " ").split()]
        return round(box[2]), round(box[3])
    except (ValueError, IndexError) as error:
        raise SvgError("has no width and height nor viewBox, expected one of them") from error


XLINK_HREF = "http://www.w3.org/1999/xlink href"
# What runs code when the file is opened at its address on the site (a browser runs none
# of it for an SVG shown in <img>, but anyone may open the file itself)
_ACTIVE = frozenset({"script", "foreignObject", "iframe", "embed", "object", "handler"})
_SCRIPT = (
    "holds {what}, which can run a script on the site when the file is opened: remove it "
    "(a picture needs none)"
)


def _svg_outline(path: Path) -> tuple[dict[str, str], tuple[int, str] | None]:
    """An SVG's root attributes, and its first problem (its line and what to do): a script
    or an event handler, or a reference to another file (an `href` that is neither `#id`
    in the file nor a `data:` address)."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")
    elements: list[dict[str, str]] = []
    problems: list[tuple[int, str]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if not elements:
            elements.append(attributes)
        if problems:
            return
        line, tag = parser.CurrentLineNumber, name.rpartition(" ")[2]
        handlers = [key for key in attributes if key.rpartition(" ")[2].lower().startswith("on")]
        if tag in ("set", "animate") and attributes.get("attributeName", "").endswith("href"):
            handlers.append("attributeName")  # an address set by animation: javascript: too
        if tag in _ACTIVE or handlers:
            what = f"<{tag}>" if tag in _ACTIVE else f"{handlers[0].rpartition(' ')[2]}="
            problems.append((line, _SCRIPT.format(what=what)))
        for key in ("href", XLINK_HREF):
            found = attributes.get(key, "").strip()
            if found and not found.startswith(("#", "data:")) and not problems:
                problems.append((line, _OUTSIDE.format(reference=found)))

    def instruction(target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet" and not problems:  # XSLT makes a page of it
            problems.append((parser.CurrentLineNumber, _SCRIPT.format(what="<?xml-stylesheet?>")))

    parser.StartElementHandler = start
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(path.read_bytes(), True)
    except (expat.ExpatError, OSError) as error:
        raise SvgError(f"is not an SVG file that can be read ({error})") from error
    return elements[0] if elements else {}, problems[0] if problems else None


_OUTSIDE = (
    "shows another file, '{reference}': an SVG shown as a picture must hold all it shows "
    "(a browser loads nothing else for it, and the PDF cannot); embed it as a data: "
    "address or remove it"
)


def _px(value: str) -> int:
    return round(float(value.removesuffix("px")))


_TEXT = frozenset({"text", "tspan", "textPath"})


def svg_text(source: bytes) -> str:
    """The text an SVG draws (of its <text> elements, character references read), which the
    PDF's fonts must have: Typst stops at a character none of them has. Empty for a file
    that does not read as XML (`svg_size` says why)."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")
    depth, drawn = [0], []

    def start(name: str, attributes: dict[str, str]) -> None:
        depth[0] += depth[0] > 0 or name.rpartition(" ")[2] in _TEXT

    def end(name: str) -> None:
        depth[0] -= depth[0] > 0

    def data(text: str) -> None:
        if depth[0]:
            drawn.append(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    try:
        parser.Parse(source, True)
    except expat.ExpatError:
        return ""
    return "".join(drawn)
