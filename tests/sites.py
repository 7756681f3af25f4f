"""A newsroom site for the website tests: six languages, photos, an archive over pages.

Releases are written so that each language has a different set (a list page must show only
releases available in its language), with one embargoed release and one draft whose words
must never reach any output, the search index included.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import ExifTags, Image

LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
EMBARGOED_WORD = "zanzibarquokka"  # in the embargoed release's body only
DRAFT_WORD = "okapidraftword"  # in the draft's body only
# a word of one release's body in each language, for search
BODY_WORDS = {"zh": "海啸预警", "ar": "الزلازل", "ru": "землетрясение", "en": "earthquake"}

CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "fr", "es", "ar", "zh", "ru"]

[site.locales]
ar = "ar_EG"

[site.title]
en = "Example Newsroom"
fr = "Salle de presse exemple"
es = "Sala de prensa de ejemplo"
ar = "المركز الإعلامي للمثال"
zh = "示例新闻中心"
ru = "Пресс-центр примера"

[regions]
asia-pacific = "Asia and the Pacific"

[topics]
health = "Migration health"

[archive]
page_size = 3

[brand]
logo = "logo.png"
favicon = "icon.png"
stylesheet = "site.css"
accent = "#7a1f5c"

[about]
en = "Example is an organization that helps **migrants**."
fr = "Exemple est une organisation qui aide les **migrants**."
ar = "المثال منظمة تساعد **المهاجرين**."

[[contacts]]
name = "Jane Doe"
email = "jdoe@example.org"
phone = "+41 22 000 00 00"
role = { en = "Spokesperson", fr = "Porte-parole", ar = "المتحدثة الرسمية" }
"""

TEXTS = {
    "en": ("Release number {n}", "Geneva", "An {word} response plan was agreed on day {n}."),
    "fr": (
        "Communiqué numéro {n}",
        "Genève",
        "Un plan de réponse {word} a été adopté le jour {n}.",
    ),
    "es": ("Comunicado número {n}", "Ginebra", "Se aprobó un plan de respuesta {word} el día {n}."),
    "ar": ("البيان رقم {n}", "جنيف", "تم الاتفاق على خطة استجابة {word} في اليوم {n}."),
    "zh": ("第{n}号新闻稿", "日内瓦", "第{n}天通过了{word}应对计划，惠及 {n}0,372 人。"),
    "ru": ("Пресс-релиз номер {n}", "Женева", "План реагирования {word} принят в день {n}."),
}


LABELS = {  # the site's vocabulary in each language, as a site's own catalog holds it
    "fr": ("Asie et Pacifique", "Santé des migrants"),
    "es": ("Asia y el Pacífico", "Salud de los migrantes"),
    "ar": ("آسيا والمحيط الهادئ", "صحة المهاجرين"),
    "zh": ("亚洲及太平洋", "移民健康"),
    "ru": ("Азиатско-Тихоокеанский регион", "Здоровье мигрантов"),
}


def _catalog(region: str, topic: str) -> str:
    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "Asia and the Pacific"\nmsgstr "{region}"\n\n'
        f'msgid "Migration health"\nmsgstr "{topic}"\n'
    )


def jpeg_with_location(width: int, height: int, shade: int) -> bytes:
    """A photo as a camera saves it: EXIF with a maker, an artist and a GPS position."""
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = "Example photographer"
    exif[ExifTags.Base.Make] = "Example camera"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (46.0, 12.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (6.0, 8.0, 40.0),
    }
    image = Image.new("RGB", (width, height), (shade, 120, 255 - shade))
    for x in range(0, width, 50):  # some detail, so that sizes differ by width
        image.paste((255, 255, 255), (x, 0, x + 10, height))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (122, 31, 92, 255)).save(out, "PNG")
    return out.getvalue()


def _release(n: int, langs: tuple[str, ...], extra: str = "", word: str = "") -> dict[str, str]:
    year = 2020 + n % 3
    files = {
        "release.yaml": (
            f"date: {year}-0{1 + n % 9}-1{n % 10}T10:00:00+01:00\ntype: press-release\n"
            f"original: {langs[0]}\nregions: [{'asia-pacific' if n % 2 else 'global'}]\n"
            f"topics: [{'health' if n % 3 == 0 else ''}]\nstatus: published\n{extra}"
        ).replace("topics: []\n", "")
    }
    for lang in langs:
        title, dateline, body = TEXTS[lang]
        chosen = word or (BODY_WORDS.get(lang, "") if n == 4 else "simple")
        files[f"{lang}.md"] = (
            f"---\ntitle: {title.format(n=n)}\ndateline: {dateline}\n---\n"
            f"{body.format(n=n, word=chosen)}\n"
        )
    return files


def write_site(root: Path) -> Path:
    """The test newsroom in `root` (see the module's docstring)."""
    files: dict[str, str | bytes] = {"pressgen.toml": CONFIG}
    files["assets/logo.png"] = png(120, 40)
    files["assets/icon.png"] = png(32, 32)
    for lang, (region, topic) in LABELS.items():
        files[f"locales/{lang}/LC_MESSAGES/messages.po"] = _catalog(region, topic)
    files["assets/site.css"] = "/* the site's own rules */\n.site-title { letter-spacing: 0; }\n"
    for n in range(1, 10):  # en in all nine; others in fewer, so their lists differ
        langs = ("en", *[lang for lang in LANGUAGES[1:] if n % (LANGUAGES.index(lang) + 1) != 1])
        if n == 4:
            langs = LANGUAGES
        for name, text in _release(n, langs).items():
            files[f"releases/release-{n}/{name}"] = text
    gallery = _release(10, ("en", "fr"), "images: [first.jpg, second.jpg]\n")
    gallery["en.md"] = gallery["en.md"].replace(
        "---\nAn",
        "images:\n  first.jpg:\n    caption: The first photo.\n    credit: IOM/2024\n"
        "    alt: People at a workshop\n  second.jpg:\n    caption: The second photo.\n"
        "    alt: A harbour\n---\nAn",
    )
    # a word and an address longer than a phone's line, as bodies have them
    gallery["en.md"] += (
        "\nThe Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenhersteller report: "
        "https://www.example.org/reports/2021/" + "response-plan-" * 8 + "annex.pdf\n"
    )
    for name, text in gallery.items():
        files[f"releases/with-photos/{name}"] = text
    files["releases/with-photos/first.jpg"] = jpeg_with_location(2000, 1200, 40)
    files["releases/with-photos/second.jpg"] = jpeg_with_location(900, 1200, 200)
    embargoed = _release(11, LANGUAGES, "embargo: 2099-01-01T00:00:00Z\n", EMBARGOED_WORD)
    draft = _release(12, ("en",), "", DRAFT_WORD)
    draft["release.yaml"] = draft["release.yaml"].replace("published", "draft")
    for folder, release in (("embargoed", embargoed), ("draft", draft)):
        for name, text in release.items():
            files[f"releases/{folder}/{name}"] = text
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root
